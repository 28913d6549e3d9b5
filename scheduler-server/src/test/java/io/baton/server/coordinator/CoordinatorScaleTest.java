package io.baton.server.coordinator;

import static io.baton.server.coordinator.TestRecords.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RunRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * 100,000 cron jobs on one leader: every job fires exactly once per minute, each tick only touches what is
 * due. Timings are printed for the record (MEASURE lines), never asserted; the JMH benchmarks own speed.
 */
class CoordinatorScaleTest {
    private static final int JOBS = 100_000;
    private static final long MINUTE = 60_000;

    @Test
    void oneHundredThousandCronJobsEachFireOncePerMinute() {
        List<JobRecord> jobs = new ArrayList<>(JOBS);
        String[] expressions = {"0 * * * * ?", "15 * * * * ?", "30 * * * * ?", "45 * * * * ?"};
        for (int i = 0; i < JOBS; i++) {
            jobs.add(TestRecords.cronJob("job-" + i, "h", 1, expressions[i % expressions.length], T0).toBuilder()
                    .setLastFireMillis(T0).build());
        }
        long t0 = System.nanoTime();
        CoordinatorState s = new CoordinatorState(1, jobs, List.of(), List.of(), T0, T0);
        long loaded = System.nanoTime();
        s.tick(T0); // ends recovery (no workers to wait for)
        assertThat(s.scheduledJobs()).isEqualTo(JOBS);

        Set<String> fired = new HashSet<>();
        int ticks = 0;
        long at = T0;
        while (true) {
            long next = s.nextWakeupMillis().orElseThrow();
            if (next > T0 + MINUTE) break;
            at = next;
            Effects fx = s.tick(at);
            ticks++;
            for (RunRecord r : fx.runsToCreate()) assertThat(fired.add(r.getJobName())).as("fires once: %s", r.getJobName()).isTrue();
            s.runsCreateFailed(fx.runsToCreate().stream().map(RunRecord::getRunId).toList());
        }
        long done = System.nanoTime();

        assertThat(fired).hasSize(JOBS);
        assertThat(ticks).as("one wakeup per distinct fire time").isEqualTo(4);
        System.out.printf("MEASURE %d cron jobs: term start %d ms, one minute of fires (%d runs) %d ms%n",
                JOBS, (loaded - t0) / 1_000_000, fired.size(), (done - loaded) / 1_000_000);
    }
}
