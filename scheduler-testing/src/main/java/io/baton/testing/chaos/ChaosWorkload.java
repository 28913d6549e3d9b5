package io.baton.testing.chaos;

import io.baton.client.JobSpecs;
import io.baton.proto.v1.ConcurrencyPolicy;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.MisfirePolicy;
import io.baton.worker.handlers.SleepHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The jobs of a chaos run, drawn from the run's seed: cron jobs firing every second and every few seconds
 * with one to eight {@code demo.sleep} shards of varied length, and API jobs that only the
 * {@link TriggerDriver} starts. Sized to keep a 4-worker × 4-slot cluster about half busy, so a lost worker's
 * shards always find room elsewhere. Every job allows overlapping runs (so each fire must make a run),
 * retries generously (a shard whose worker dies is retried, never failed) and keeps 1000 runs of history.
 * Cron jobs use FIRE_ALL_MISSED (every missed fire must come back) or FIRE_ONCE_NOW (missed fires fold
 * into one). Pure.
 */
public final class ChaosWorkload {
    /** Attempts per shard: far more than the faults of one suite run can consume. */
    static final int MAX_ATTEMPTS = 30;

    private record Shape(String prefix, String cron, int count, int minShards, int maxShards, int minMillis, int maxMillis) {}

    private static final List<Shape> CRON_SHAPES = List.of(
            new Shape("every1s", "* * * * * ?", 5, 1, 3, 20, 500),
            new Shape("every3s", "*/3 * * * * ?", 3, 3, 8, 100, 900));
    private static final int API_JOBS = 2;
    private static final int API_SHARDS = 3;

    private ChaosWorkload() {}

    /** The jobs (creation time not yet known: 0) and their specs, in the same order. */
    public record Job(ChaosJob job, JobSpec spec) {}

    public static List<Job> jobs(Random random) {
        List<Job> jobs = new ArrayList<>();
        for (Shape shape : CRON_SHAPES) {
            for (int i = 1; i <= shape.count(); i++) {
                MisfirePolicy misfire = i % 3 == 0 ? MisfirePolicy.MISFIRE_POLICY_FIRE_ONCE_NOW : MisfirePolicy.MISFIRE_POLICY_FIRE_ALL_MISSED;
                int shards = between(random, shape.minShards(), shape.maxShards());
                String name = "chaos-" + shape.prefix() + "-" + i;
                JobSpec spec = common(JobSpecs.cron(name, SleepHandler.NAME, shards, shape.cron(), "UTC"), random, shards,
                        shape.minMillis(), shape.maxMillis()).setMisfirePolicy(misfire).setMaxMissedFires(1000).build();
                jobs.add(new Job(new ChaosJob(name, ChaosJob.Kind.CRON, shape.cron(), misfire, shards, 0), spec));
            }
        }
        for (int i = 1; i <= API_JOBS; i++) {
            String name = "chaos-api-" + i;
            // a cron schedule that never fires in the run: the job runs only when triggered
            JobSpec spec = common(JobSpecs.cron(name, SleepHandler.NAME, API_SHARDS, "0 0 0 1 1 ? 2099", "UTC"), random, API_SHARDS, 50, 600)
                    .build();
            jobs.add(new Job(new ChaosJob(name, ChaosJob.Kind.API, "", MisfirePolicy.MISFIRE_POLICY_FIRE_ONCE_NOW, API_SHARDS, 0), spec));
        }
        return jobs;
    }

    private static JobSpec.Builder common(JobSpec.Builder b, Random random, int shards, int minMillis, int maxMillis) {
        for (int s = 0; s < shards; s++) b.addShardParameters(Integer.toString(between(random, minMillis, maxMillis)));
        return b.setConcurrencyPolicy(ConcurrencyPolicy.CONCURRENCY_POLICY_ALLOW)
                .setRetry(JobSpecs.retry(MAX_ATTEMPTS, 100, 1_000, 2.0, 0.2))
                .setHistory(JobSpecs.history(1000, 0));
    }

    private static int between(Random random, int min, int max) {
        return min + random.nextInt(max - min + 1);
    }
}
