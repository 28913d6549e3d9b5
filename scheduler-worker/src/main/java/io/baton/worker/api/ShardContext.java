package io.baton.worker.api;

import java.time.Instant;

/**
 * What a {@link ShardHandler} is asked to run: one attempt of one shard of one run of a job. The worker
 * creates it; handlers only read it. Example:
 *
 * <pre>{@code
 * ShardHandler handler = ctx -> {
 *     long rows = exportPartition(ctx.jobParameter(), ctx.shardIndex(), ctx.shardCount(), ctx::isCancelled);
 *     return ShardResult.succeeded("exported " + rows + " rows as " + ctx.idempotencyKey());
 * };
 * }</pre>
 */
public interface ShardContext {

    String jobName();

    /** Identity of the run (one firing of the job). */
    String runId();

    /** Index of this shard, {@code 0 <= shardIndex < shardCount}. */
    int shardIndex();

    int shardCount();

    /** This shard's own parameter; empty when the job has none. */
    String shardParameter();

    /** The job-wide parameter; empty when the job has none. */
    String jobParameter();

    /** Attempt number of this shard, starting at 1; grows with each retry. */
    int attempt();

    /** Epoch of the leader that assigned this attempt. */
    long assignEpoch();

    /** The run's scheduled fire time. */
    Instant fireTime();

    /**
     * True once the leader cancelled this attempt or the worker is shutting down. Long-running handlers
     * should check it between steps and stop early; the thread is interrupted at the same time.
     */
    boolean isCancelled();

    /**
     * A key that is the same for every attempt of this shard of this run: {@code runId + "/" + shardIndex}.
     * Use it to make side effects idempotent, since a shard may run more than once.
     */
    default String idempotencyKey() {
        return runId() + "/" + shardIndex();
    }
}
