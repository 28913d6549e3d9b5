package io.baton.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.ClusterSettings;
import io.baton.testing.chaos.ChaosSettings;
import io.baton.testing.chaos.ChaosSuite;
import io.baton.testing.chaos.FaultKind;
import io.baton.testing.chaos.FaultRecord;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The short chaos run of the test command: a 3-node ZooKeeper ensemble, 3 schedulers and 4 workers as
 * separate JVMs, the chaos workload, every fault kind once at random moments, then every invariant checked
 * from the workers' journals. The seed is printed; {@code -Dbaton.chaos.seed=N} replays a run.
 */
class ChaosSuiteE2ETest {
    private static final Logger log = LoggerFactory.getLogger(ChaosSuiteE2ETest.class);

    @Test
    void noRunLostOrDoubledAndNoStaleResultAppliedUnderEveryFault() throws Exception {
        long seed = Long.getLong("baton.chaos.seed", System.currentTimeMillis());
        ClusterSettings cluster = ClusterSettings.sameJvm(RunChecks.runDir(getClass()));
        ChaosSuite.Outcome outcome = new ChaosSuite(ChaosSettings.defaults(Duration.ZERO, seed, cluster)).run();

        log.info("chaos seed {}:\n{}", seed, outcome.markdown());
        assertThat(outcome.faults()).extracting(FaultRecord::kind).contains(FaultKind.values());
        assertThat(outcome.verdict().violations()).as("violations (seed %d, report %s)", seed, outcome.report()).isEmpty();
        assertThat(outcome.verdict().runs().expected()).isGreaterThan(100);
        assertThat(outcome.verdict().failover().workerLoss().count()).isPositive();
        assertThat(outcome.verdict().failover().leaderLoss().count()).isEqualTo(2);
        assertThat(Files.readString(outcome.report())).contains("Verdict: PASSED");
        RunChecks.assertNoProcessesLeft(cluster.runDir());
    }
}
