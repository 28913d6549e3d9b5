package io.baton.worker.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

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
     * True once the leader cancelled this attempt, the attempt ran past its {@link #timeout()} or the worker
     * is shutting down. Long-running handlers should check it between steps and stop early; the thread is
     * interrupted at the same time.
     */
    boolean isCancelled();

    /**
     * How long this attempt may run, counted from when the handler is called; empty when it has no limit.
     * When it has run that long the attempt is cancelled as by {@link #isCancelled()} (flag and interrupt)
     * and reported as TIMED_OUT, whatever the handler returns afterwards. A handler can use it to size its
     * own steps, e.g. a request timeout:
     *
     * <pre>{@code
     * Duration perCall = ctx.timeout().map(t -> t.dividedBy(4)).orElse(Duration.ofSeconds(30));
     * }</pre>
     *
     * <p>The default, for contexts made outside a worker (tests), has no limit.
     */
    default Optional<Duration> timeout() {
        return Optional.empty();
    }

    /**
     * A key that is the same for every attempt of this shard of this run: {@code runId + "/" + shardIndex}.
     * Use it to make side effects idempotent, since a shard may run more than once.
     */
    default String idempotencyKey() {
        return runId() + "/" + shardIndex();
    }
}
