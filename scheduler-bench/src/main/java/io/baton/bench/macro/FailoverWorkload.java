package io.baton.bench.macro;

import io.baton.client.JobSpecs;
import io.baton.proto.v1.ConcurrencyPolicy;
import io.baton.proto.v1.FixedRate;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.Schedule;
import java.util.ArrayList;
import java.util.List;

/**
 * The steady workload the failover trials run under: {@code longJobs} jobs firing every second, each run with
 * one {@code demo.sleep} shard per worker lasting {@code longShardMillis} and runs allowed to overlap, so every
 * worker is always running a few shards that a kill interrupts; and {@code tickJobs} one-shard no-op jobs
 * firing once a second with phases spread evenly, so some shard is due every {@code 1000 / tickJobs} ms and a
 * new leader's first dispatch is seen as soon as it can dispatch. Pure.
 */
final class FailoverWorkload {
    private static final long PHASE_BASE = 1_000_000_000_000L;
    private static final long INTERVAL_MILLIS = 1_000;

    private FailoverWorkload() {}

    static List<JobSpec> jobs(FailoverSettings s) {
        List<JobSpec> jobs = new ArrayList<>();
        for (int i = 0; i < s.longJobs(); i++) {
            jobs.add(everySecond(JobSpecs.runNow("failover-long-" + i, "demo.sleep", s.workers()), i, s.longJobs())
                    .setJobParameter(Long.toString(s.longShardMillis()))
                    .setConcurrencyPolicy(ConcurrencyPolicy.CONCURRENCY_POLICY_ALLOW)
                    // generous retries: no shard fails because the trials kill its worker again and again
                    .setRetry(JobSpecs.retry(30, 100, 1_000, 2.0, 0.2))
                    .setHistory(JobSpecs.history(20, 0))
                    .build());
        }
        for (int i = 0; i < s.tickJobs(); i++) {
            jobs.add(everySecond(JobSpecs.runNow("failover-tick-" + i, "demo.echo", 1), i, s.tickJobs())
                    .setHistory(JobSpecs.history(20, 0)).build());
        }
        return jobs;
    }

    /** Fixed-rate every second, at phase {@code index / of} of the second. */
    private static JobSpec.Builder everySecond(JobSpec.Builder job, int index, int of) {
        long anchor = PHASE_BASE + index * INTERVAL_MILLIS / of;
        return job.setSchedule(Schedule.newBuilder().setFixedRate(FixedRate.newBuilder().setIntervalMillis(INTERVAL_MILLIS).setAnchorMillis(anchor)));
    }
}
