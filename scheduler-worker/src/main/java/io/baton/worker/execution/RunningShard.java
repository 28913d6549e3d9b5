package io.baton.worker.execution;

import io.baton.proto.v1.AssignShard;
import io.baton.proto.v1.AttemptRef;
import io.baton.worker.api.ShardContext;
import java.time.Instant;

/**
 * One attempt in a {@link ShardExecutor}: the context its handler sees, plus the cancellation flag and the
 * thread to interrupt. Binding, unbinding and cancelling are synchronized so a late cancel can never
 * interrupt the next attempt that reuses the pool thread.
 */
final class RunningShard implements ShardContext {
    private final AssignShard assignment;
    private final ShardListener listener;
    private volatile boolean cancelled;
    private Thread thread;

    RunningShard(AssignShard assignment, ShardListener listener) {
        this.assignment = assignment;
        this.listener = listener;
    }

    AssignShard assignment() { return assignment; }

    AttemptRef ref() { return assignment.getRef(); }

    ShardListener listener() { return listener; }

    synchronized void cancel() {
        cancelled = true;
        if (thread != null) thread.interrupt();
    }

    /** The attempt starts on {@code current}; a cancel that came first interrupts it at once. */
    synchronized void bind(Thread current) {
        thread = current;
        if (cancelled) current.interrupt();
    }

    /** The attempt ended: forget the thread and clear any interrupt meant for this attempt. */
    synchronized void unbind() {
        thread = null;
        Thread.interrupted();
    }

    @Override public String jobName() { return assignment.getJobName(); }
    @Override public String runId() { return assignment.getRef().getRunId(); }
    @Override public int shardIndex() { return assignment.getRef().getShardIndex(); }
    @Override public int shardCount() { return assignment.getShardCount(); }
    @Override public String shardParameter() { return assignment.getShardParameter(); }
    @Override public String jobParameter() { return assignment.getJobParameter(); }
    @Override public int attempt() { return assignment.getRef().getAttempt(); }
    @Override public long assignEpoch() { return assignment.getRef().getAssignEpoch(); }
    @Override public Instant fireTime() { return Instant.ofEpochMilli(assignment.getFireTimeMillis()); }
    @Override public boolean isCancelled() { return cancelled; }
}
