package io.baton.testing.integration;

import io.baton.worker.api.ShardContext;
import io.baton.worker.api.ShardHandler;
import io.baton.worker.api.ShardResult;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test handler whose shards block until the gate opens, so a test can act while shards are provably
 * running (no sleeps). Records which worker started which shard.
 */
final class GateHandler implements ShardHandler {
    static final String NAME = "test.gate";

    private final String workerId;
    private final CountDownLatch gate;
    private final Set<String> started;
    private final AtomicInteger finished;

    GateHandler(String workerId, CountDownLatch gate, Set<String> started, AtomicInteger finished) {
        this.workerId = workerId;
        this.gate = gate;
        this.started = started;
        this.finished = finished;
    }

    static Set<String> newLog() {
        return ConcurrentHashMap.newKeySet();
    }

    @Override
    public ShardResult execute(ShardContext ctx) throws Exception {
        started.add(workerId + ":" + ctx.shardIndex());
        while (!gate.await(10, TimeUnit.MILLISECONDS)) {
            if (ctx.isCancelled()) throw new InterruptedException("cancelled");
        }
        finished.incrementAndGet();
        return ShardResult.succeeded("shard " + ctx.shardIndex() + " on " + workerId);
    }
}
