package io.baton.bench.macro;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.bench.report.FailoverReport;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke run of the failover scenario (one trial of each kind on 2 schedulers and 2 workers)
 * on a real cluster of separate JVMs, so the harness cannot rot: each kill, resign and SIGTERM is followed
 * by recovery seen in the journals. Not a measurement.
 */
class FailoverSmokeTest {
    @Test
    void everyKindOfTrialIsTimedFromTheJournals(@TempDir Path runs) {
        FailoverSettings smoke = FailoverSettings.smoke();

        FailoverScenario.Result result = FailoverScenario.run(smoke, runs.resolve("failover"));

        assertThat(result.trials()).extracting(FailoverTrials.Trial::kind).containsExactly(FailoverKind.values());
        assertThat(result.trials()).allSatisfy(t -> assertThat(t.observed()).as("%s", t).isTrue());
        FailoverTrials.Trial workerKill = result.trials().get(0);
        assertThat(workerKill.shardsInterrupted()).as("shards running on the killed worker").isPositive();
        // a killed leader's successor waits for the ZooKeeper session to expire; a graceful hand-over does not
        FailoverTrials.Trial leaderKill = result.trials().get(1);
        assertThat(leaderKill.figureMillis()).isGreaterThan(smoke.sessionTimeout().toMillis() / 2);
        assertThat(result.sessionTimeoutMillis()).isEqualTo(smoke.sessionTimeout().toMillis());
        assertThat(result.summaries()).hasSize(FailoverKind.values().length).allSatisfy(s -> assertThat(s.observed()).isEqualTo(1));
        assertThat(FailoverReport.csv(result).lines()).hasSize(1 + FailoverKind.values().length);
    }
}
