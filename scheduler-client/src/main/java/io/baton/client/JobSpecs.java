package io.baton.client;

import io.baton.proto.v1.CronSchedule;
import io.baton.proto.v1.FixedDelay;
import io.baton.proto.v1.FixedRate;
import io.baton.proto.v1.HistoryPolicy;
import io.baton.proto.v1.OneShot;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.RetryPolicy;
import io.baton.proto.v1.RunNow;
import io.baton.proto.v1.Schedule;

/**
 * Starting points for job specs; returns builders so callers can add parameters and policies. Every policy
 * field left at 0 (or UNSPECIFIED) means its default, documented in baton.proto.
 *
 * <pre>{@code
 * JobSpec spec = JobSpecs.cron("nightly-export", "io.example.Export", 12, "0 0 3 * * ?", "Europe/Paris")
 *         .setMisfirePolicy(MisfirePolicy.MISFIRE_POLICY_SKIP)
 *         .setConcurrencyPolicy(ConcurrencyPolicy.CONCURRENCY_POLICY_QUEUE)
 *         .setAttemptTimeoutMillis(Duration.ofMinutes(10).toMillis())
 *         .setRetry(JobSpecs.retry(3, 1_000, 30_000, 2.0, 0.2))
 *         .setHistory(JobSpecs.history(50, Duration.ofDays(7).toMillis()))
 *         .build();
 * }</pre>
 */
public final class JobSpecs {
    private JobSpecs() {}

    /** A job that runs once as soon as it is stored. */
    public static JobSpec.Builder runNow(String name, String handler, int shards) {
        return JobSpec.newBuilder().setName(name).setHandler(handler).setShardCount(shards)
                .setSchedule(Schedule.newBuilder().setRunNow(RunNow.getDefaultInstance()));
    }

    /** A job fired by a Quartz cron expression (seconds field first) in a time zone ("" = UTC). */
    public static JobSpec.Builder cron(String name, String handler, int shards, String expression, String timeZone) {
        return JobSpec.newBuilder().setName(name).setHandler(handler).setShardCount(shards)
                .setSchedule(Schedule.newBuilder().setCron(CronSchedule.newBuilder().setExpression(expression).setTimeZone(timeZone)));
    }

    /** A job fired every {@code intervalMillis}, first one interval after it is stored. */
    public static JobSpec.Builder fixedRate(String name, String handler, int shards, long intervalMillis) {
        return JobSpec.newBuilder().setName(name).setHandler(handler).setShardCount(shards)
                .setSchedule(Schedule.newBuilder().setFixedRate(FixedRate.newBuilder().setIntervalMillis(intervalMillis)));
    }

    /** A job fired {@code delayMillis} after its previous scheduled run ended (first: one delay after it is stored). */
    public static JobSpec.Builder fixedDelay(String name, String handler, int shards, long delayMillis) {
        return JobSpec.newBuilder().setName(name).setHandler(handler).setShardCount(shards)
                .setSchedule(Schedule.newBuilder().setFixedDelay(FixedDelay.newBuilder().setDelayMillis(delayMillis)));
    }

    /** A job fired once at {@code atMillis} (at once if that instant has passed). */
    public static JobSpec.Builder oneShot(String name, String handler, int shards, long atMillis) {
        return JobSpec.newBuilder().setName(name).setHandler(handler).setShardCount(shards)
                .setSchedule(Schedule.newBuilder().setOneShot(OneShot.newBuilder().setAtMillis(atMillis)));
    }

    /**
     * A retry policy: a failed or timed-out shard attempt is tried again, up to {@code maxAttempts} attempts
     * in all; attempt n+1 waits {@code min(maxBackoffMillis, initialBackoffMillis * multiplier^(n-1))}, scaled
     * by a random factor in {@code [1 - jitter, 1 + jitter]}. 0 in any argument means its default
     * (1 attempt, 1000 ms, 60000 ms, 2.0, no jitter).
     */
    public static RetryPolicy retry(int maxAttempts, long initialBackoffMillis, long maxBackoffMillis, double multiplier,
                                    double jitter) {
        return RetryPolicy.newBuilder().setMaxAttempts(maxAttempts).setInitialBackoffMillis(initialBackoffMillis)
                .setMaxBackoffMillis(maxBackoffMillis).setMultiplier(multiplier).setJitter(jitter).build();
    }

    /** Up to {@code maxAttempts} attempts per shard, with the default backoff (1 s doubling up to 60 s, no jitter). */
    public static RetryPolicy retry(int maxAttempts) {
        return RetryPolicy.newBuilder().setMaxAttempts(maxAttempts).build();
    }

    /**
     * How much finished-run history the cluster keeps for the job: at most {@code maxRuns} runs (0 = 100),
     * none older than {@code maxAgeMillis} (0 = no age limit).
     */
    public static HistoryPolicy history(int maxRuns, long maxAgeMillis) {
        return HistoryPolicy.newBuilder().setMaxRuns(maxRuns).setMaxAgeMillis(maxAgeMillis).build();
    }
}
