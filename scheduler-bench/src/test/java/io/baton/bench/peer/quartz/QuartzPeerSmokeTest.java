package io.baton.bench.peer.quartz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke run of the clustered-Quartz peer (tiny sizes, seconds) on a real H2 server and two Quartz
 * JVMs, so the harness cannot rot: every execution is journaled exactly once, both instances share the
 * work, fires are matched with starts, database writes are counted. Not a measurement.
 */
class QuartzPeerSmokeTest {
    private final QuartzPeerSettings smoke = new QuartzPeerSettings(2, 16, 60, 20, List.of(20), Duration.ofSeconds(2));

    @Test
    void theThroughputScenarioRunsEveryExecutionOnce(@TempDir Path runs) {
        QuartzThroughputScenario.Result result = QuartzThroughputScenario.run(smoke, runs.resolve("throughput"));

        assertThat(result.figures().shards()).isEqualTo(smoke.executions());
        assertThat(result.figures().shardsPerSecond()).isPositive();
        // each execution changes rows (acquire, fire, complete): several writes each
        assertThat(result.figures().zkWrites()).isGreaterThanOrEqualTo(2L * smoke.executions());
        assertThat(result.completionsPer100ms().stream().mapToLong(Long::longValue).sum()).isEqualTo(smoke.executions());
        assertThat(ExecutionJournal.read(runs.resolve("throughput/q1.journal"))).isNotEmpty();
        assertThat(ExecutionJournal.read(runs.resolve("throughput/q2.journal"))).isNotEmpty();
    }

    @Test
    void theLatencyScenarioMatchesEveryFireOfTheWindowWithItsStart(@TempDir Path runs) {
        int rate = smoke.fireRates().get(0);

        QuartzLatencyScenario.Result result = QuartzLatencyScenario.run(smoke, rate, runs.resolve("latency"));

        long window = result.figures().windowMillis();
        assertThat(window).isGreaterThanOrEqualTo(smoke.latencyWindow().toMillis());
        assertThat(result.figures().fires()).isBetween(rate * (window / 1000), rate * ((window + 999) / 1000));
        assertThat(result.delaysMicros()).hasSize((int) result.figures().fires());
        assertThat(result.figures().p50Micros()).isLessThanOrEqualTo(result.figures().p99Micros());
        assertThat(result.figures().p99Micros()).isLessThanOrEqualTo(result.figures().maxMicros());
        assertThat(result.figures().zkWrites()).isPositive();
    }

    @Test
    void aFolderLeftByAnEarlierRunIsRefused(@TempDir Path runs) throws Exception {
        java.nio.file.Files.createDirectories(runs.resolve("old/db"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QuartzThroughputScenario.run(smoke, runs.resolve("old")))
                .hasMessageContaining("is not empty");
    }
}
