package io.baton.common.job;

import io.baton.proto.v1.ConcurrencyPolicy;
import io.baton.proto.v1.HistoryPolicy;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.MisfirePolicy;
import io.baton.proto.v1.RetryPolicy;

/**
 * The one definition of what an unset (0 / UNSPECIFIED) policy field of a {@link JobSpec} means, as
 * documented in baton.proto. Pure; the server reads policies only through these methods (or through a spec
 * passed through {@link #resolve(JobSpec)}) so that a default is never spelled twice. Expects a spec that
 * passed {@link JobSpecValidator}: it does not range-check.
 */
public final class JobDefaults {
    public static final int MAX_MISSED_FIRES = 10;
    public static final int MAX_QUEUED_RUNS = 5;
    public static final int RETRY_MAX_ATTEMPTS = 1;
    public static final long RETRY_INITIAL_BACKOFF_MILLIS = 1_000;
    public static final long RETRY_MAX_BACKOFF_MILLIS = 60_000;
    public static final double RETRY_MULTIPLIER = 2.0;
    public static final int HISTORY_MAX_RUNS = 100;
    public static final MisfirePolicy MISFIRE_POLICY = MisfirePolicy.MISFIRE_POLICY_FIRE_ONCE_NOW;
    public static final ConcurrencyPolicy CONCURRENCY_POLICY = ConcurrencyPolicy.CONCURRENCY_POLICY_SKIP;

    private JobDefaults() {}

    public static MisfirePolicy misfirePolicy(JobSpec spec) {
        MisfirePolicy p = spec.getMisfirePolicy();
        return p == MisfirePolicy.MISFIRE_POLICY_UNSPECIFIED ? MISFIRE_POLICY : p;
    }

    /** How many missed fires FIRE_ALL_MISSED turns into runs at most. */
    public static int maxMissedFires(JobSpec spec) {
        return orDefault(spec.getMaxMissedFires(), MAX_MISSED_FIRES);
    }

    public static ConcurrencyPolicy concurrencyPolicy(JobSpec spec) {
        ConcurrencyPolicy p = spec.getConcurrencyPolicy();
        return p == ConcurrencyPolicy.CONCURRENCY_POLICY_UNSPECIFIED ? CONCURRENCY_POLICY : p;
    }

    /** How many runs QUEUE keeps waiting at most. */
    public static int maxQueuedRuns(JobSpec spec) {
        return orDefault(spec.getMaxQueuedRuns(), MAX_QUEUED_RUNS);
    }

    /** Attempts per shard, counting the first; 1 means no retry. */
    public static int maxAttempts(RetryPolicy retry) {
        return orDefault(retry.getMaxAttempts(), RETRY_MAX_ATTEMPTS);
    }

    public static long initialBackoffMillis(RetryPolicy retry) {
        return orDefault(retry.getInitialBackoffMillis(), RETRY_INITIAL_BACKOFF_MILLIS);
    }

    public static long maxBackoffMillis(RetryPolicy retry) {
        return orDefault(retry.getMaxBackoffMillis(), RETRY_MAX_BACKOFF_MILLIS);
    }

    public static double multiplier(RetryPolicy retry) {
        return retry.getMultiplier() == 0 ? RETRY_MULTIPLIER : retry.getMultiplier();
    }

    /** Finished runs kept per job at most. */
    public static int historyMaxRuns(HistoryPolicy history) {
        return orDefault(history.getMaxRuns(), HISTORY_MAX_RUNS);
    }

    /** The retry policy with every default filled in (jitter's default, 0, is already explicit). */
    public static RetryPolicy resolve(RetryPolicy retry) {
        return retry.toBuilder()
                .setMaxAttempts(maxAttempts(retry))
                .setInitialBackoffMillis(initialBackoffMillis(retry))
                .setMaxBackoffMillis(maxBackoffMillis(retry))
                .setMultiplier(multiplier(retry))
                .build();
    }

    /**
     * The spec with every policy default written out: what the spec means, field by field. Fields whose
     * default is "none" (attempt timeout, history age, jitter) stay 0.
     */
    public static JobSpec resolve(JobSpec spec) {
        return spec.toBuilder()
                .setMisfirePolicy(misfirePolicy(spec))
                .setMaxMissedFires(maxMissedFires(spec))
                .setConcurrencyPolicy(concurrencyPolicy(spec))
                .setMaxQueuedRuns(maxQueuedRuns(spec))
                .setRetry(resolve(spec.getRetry()))
                .setHistory(spec.getHistory().toBuilder().setMaxRuns(historyMaxRuns(spec.getHistory())))
                .build();
    }

    private static int orDefault(int value, int fallback) {
        return value == 0 ? fallback : value;
    }

    private static long orDefault(long value, long fallback) {
        return value == 0 ? fallback : value;
    }
}
