package io.baton.bench.macro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke run of the macro harness (seconds, tiny sizes) on real clusters of separate JVMs, so the harness
 * cannot rot: every shard submitted is counted, fires are matched with journal starts, ZooKeeper's counter
 * moves, the raw delays behind the percentiles are kept for the plot. Not a measurement.
 */
class MacroSmokeTest {
    @Test
    void theThroughputScenarioCountsEveryShardItSubmitted(@TempDir Path runs) {
        MacroSettings smoke = MacroSettings.smoke();

        ThroughputScenario.Result result = ThroughputScenario.run(smoke, runs.resolve("throughput"));

        assertThat(result.figures().shards()).isEqualTo((long) smoke.throughputRuns() * smoke.shardsPerRun());
        assertThat(result.figures().shardsPerSecond()).isPositive();
        assertThat(result.figures().zkWrites()).isPositive();
        assertThat(result.completionsPer100ms().stream().mapToLong(Long::longValue).sum()).isEqualTo(result.figures().shards());
        assertThat(result.rounds()).containsExactly(result.figures());
        assertThat(result.cold().shards()).isEqualTo(result.figures().shards());
        // a warm-up of 1 ms still runs one round: the deadline is checked before each
        assertThat(result.warmUp().rounds()).isEqualTo(1);
        assertThat(result.warmUp().shards()).isEqualTo(result.figures().shards());
    }

    @Test
    void aClusterFolderLeftByAnEarlierRunIsRefused(@TempDir Path runs) throws Exception {
        java.nio.file.Files.createDirectories(runs.resolve("old/zookeeper"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ThroughputScenario.run(MacroSettings.smoke(), runs.resolve("old")))
                .hasMessageContaining("is not empty");
    }

    @Test
    void theLatencyScenarioMatchesFiresWithJournalStarts(@TempDir Path runs) throws Exception {
        MacroSettings smoke = MacroSettings.smoke();
        int rate = smoke.fireRates().get(0);

        LatencyScenario.Result result = LatencyScenario.run(smoke, rate, runs.resolve("latency"));
        MacroFigures.Latency latency = result.figures();

        // every job fires once a second: a window of W ms holds floor(W/1000) or ceil(W/1000) fires of each;
        // a fire that never started would be missing
        long window = latency.windowMillis();
        assertThat(window).isGreaterThanOrEqualTo(smoke.latencyWindow().toMillis());
        assertThat(latency.fires()).isBetween(rate * (window / 1000), rate * ((window + 999) / 1000));
        assertThat(latency.p50Micros()).isPositive().isLessThanOrEqualTo(latency.p99Micros());
        assertThat(latency.p99Micros()).isLessThanOrEqualTo(latency.maxMicros());
        assertThat(latency.zkWrites()).isPositive();
        // the raw delays (for the plot) are the ones the percentiles were taken from
        assertThat(result.delaysMicros()).hasSize((int) latency.fires());
        assertThat(MacroFigures.percentile(result.delaysMicros(), 50)).isEqualTo(latency.p50Micros());
        assertThat(MacroFigures.percentile(result.delaysMicros(), 100)).isEqualTo(latency.maxMicros());
    }
}
