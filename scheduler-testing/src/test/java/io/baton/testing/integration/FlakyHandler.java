package io.baton.testing.integration;

import io.baton.worker.api.ShardContext;
import io.baton.worker.api.ShardHandler;
import io.baton.worker.api.ShardResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test handler that fails the first {@code failures} calls of each shard (shared by every worker of a
 * test, so a retry on another worker still counts) and records when and where each call ran.
 */
final class FlakyHandler implements ShardHandler {
    static final String NAME = "test.flaky";

    record Call(String workerId, String shard, int attempt, long atMillis) {}

    /** State shared by the handler instances of all workers in one test. */
    static final class Log {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final List<Call> history = new CopyOnWriteArrayList<>();
    }

    private final String workerId;
    private final int failures;
    private final Log log;

    FlakyHandler(String workerId, int failures, Log log) {
        this.workerId = workerId;
        this.failures = failures;
        this.log = log;
    }

    @Override
    public ShardResult execute(ShardContext ctx) {
        String key = ctx.runId() + "/" + ctx.shardIndex();
        int call = log.calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        log.history.add(new Call(workerId, key, ctx.attempt(), System.currentTimeMillis()));
        return call <= failures ? ShardResult.failed("flaky failure " + call) : ShardResult.succeeded("ok after " + call);
    }
}
