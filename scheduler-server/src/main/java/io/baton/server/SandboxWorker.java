package io.baton.server;

import io.baton.common.rpc.MessageListener;
import io.baton.common.rpc.RpcConfig;
import io.baton.common.rpc.RpcConnection;
import io.baton.common.rpc.RpcRuntime;
import io.baton.common.rpc.RpcServer;
import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardReport;
import io.baton.proto.v1.WorkerInfo;
import io.baton.proto.v1.WorkerStatus;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The worker a rehearsed term ({@link SandboxTerm}) greets and dispatches to: an endpoint on loopback in this node's
 * own RPC runtime that answers as a worker does, so the term's links, hellos, assignments, reports and acks run the
 * code a real term runs. Each attempt reports STARTED; shard 0 then SUCCEEDED at once, every other shard runs until
 * it is cancelled (so the rehearsal has a run to cancel). It keeps no state and is registered nowhere: only the
 * rehearsed term knows its address. Not a worker for anything else.
 */
final class SandboxWorker implements MessageListener, AutoCloseable {
    static final String WORKER_ID = "rehearsal-worker";
    /** Never full: every rehearsed shard is placed. */
    private static final int CAPACITY = 1_000;

    private final String handler;
    private final RpcServer server;
    private final java.util.concurrent.atomic.AtomicLong assigned = new java.util.concurrent.atomic.AtomicLong();

    /** {@code handler}: the one handler it runs (the rehearsal job's). */
    SandboxWorker(RpcRuntime runtime, RpcConfig rpc, String handler) {
        this.handler = handler;
        this.server = new RpcServer(runtime, rpc, "127.0.0.1", 0, this);
    }

    /** Starts listening; returns its registration as a term would read it. */
    WorkerInfo start() throws InterruptedException {
        InetSocketAddress bound = server.start();
        return WorkerInfo.newBuilder().setWorkerId(WORKER_ID).setAddress("127.0.0.1:" + bound.getPort()).setCapacity(CAPACITY)
                .addHandlers(handler).build();
    }

    @Override
    public void onMessage(RpcConnection connection, Envelope envelope) {
        switch (envelope.getBodyCase()) {
            case LEADER_HELLO -> connection.reply(envelope, Envelope.newBuilder().setWorkerStatus(WorkerStatus.newBuilder()
                    .setWorkerId(WORKER_ID).setCapacity(CAPACITY).addHandlers(handler)).build());
            case ASSIGN_SHARD -> {
                AttemptRef ref = envelope.getAssignShard().getRef();
                assigned.incrementAndGet();
                connection.sendAll(ref.getShardIndex() == 0
                        ? List.of(report(ref, ShardOutcome.SHARD_OUTCOME_STARTED), report(ref, ShardOutcome.SHARD_OUTCOME_SUCCEEDED))
                        : List.of(report(ref, ShardOutcome.SHARD_OUTCOME_STARTED)));
            }
            case CANCEL_SHARD -> connection.send(report(envelope.getCancelShard().getRef(), ShardOutcome.SHARD_OUTCOME_CANCELLED));
            default -> { } // acks: nothing to forget
        }
    }

    private static Envelope report(AttemptRef ref, ShardOutcome outcome) {
        long now = System.currentTimeMillis();
        ShardReport.Builder r = ShardReport.newBuilder().setRef(ref).setOutcome(outcome).setWorkerId(WORKER_ID).setStartedMillis(now);
        if (outcome != ShardOutcome.SHARD_OUTCOME_STARTED) r.setFinishedMillis(now);
        return Envelope.newBuilder().setShardReport(r).build();
    }

    /** Shards assigned to it so far. */
    long assigned() {
        return assigned.get();
    }

    @Override
    public void close() {
        server.close();
    }
}
