package io.baton.bench.peer.elasticjob;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.bench.macro.MacroFigures;
import io.baton.bench.macro.MacroSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke run of the ElasticJob-lite peer (tiny sizes, real ZooKeeper and peer JVMs), so the harness cannot
 * rot: every shard item submitted runs exactly once per round, fires are matched with shard starts, and
 * ZooKeeper's counter moves by at least ElasticJob's two writes per shard (running mark on, off). Not a
 * measurement.
 */
class ElasticJobPeerSmokeTest {
    private static final MacroSettings SMOKE = new MacroSettings(2, 64, 2, 50, Duration.ZERO, 1, List.of(10), Duration.ofSeconds(2),
            io.baton.bench.macro.ScaleSettings.smoke(), io.baton.bench.macro.FailoverSettings.smoke());

    @Test
    void theThroughputRoundRunsEveryShardItemOnceAcrossBothInstances(@TempDir Path runs) {
        ElasticJobFigures.Throughput result = ElasticJobThroughputScenario.run(SMOKE, runs.resolve("throughput"));
        System.out.println("smoke throughput: " + result);

        long shards = (long) SMOKE.throughputRuns() * SMOKE.shardsPerRun();
        assertThat(result.startToEnd().shards()).isEqualTo(shards);
        assertThat(result.startToEnd().shardsPerSecond()).isPositive();
        assertThat(result.triggerToDone().windowMillis()).isGreaterThanOrEqualTo(result.startToEnd().windowMillis());
        assertThat(result.startToEnd().zkWritesPerShard()).isGreaterThanOrEqualTo(2.0);
        assertThat(result.completionsPer100ms().stream().mapToLong(Long::longValue).sum()).isEqualTo(shards);
        // both instances held items (average allocation splits each job's items between them)
        PeerJournal.Contents journals = PeerJournal.readAll(List.of(runs.resolve("throughput/journal-ej1.log")));
        assertThat(journals.shards()).isNotEmpty().hasSizeLessThan((int) (2 * shards));
    }

    @Test
    void theLatencyScenarioMatchesEveryFireOfTheWindowWithAShardStart(@TempDir Path runs) {
        int rate = SMOKE.fireRates().get(0);

        ElasticJobFigures.Latency latency = ElasticJobLatencyScenario.run(SMOKE, rate, runs.resolve("latency"));

        MacroFigures.Latency f = latency.figures();
        System.out.println("smoke latency: " + f + ", missed " + latency.missedFires());
        // every job fires at each second's start: a window of W ms holds floor(W/1000) or ceil(W/1000) fires of each
        assertThat(f.windowMillis()).isGreaterThanOrEqualTo(SMOKE.latencyWindow().toMillis());
        assertThat(latency.scheduledFires()).isBetween(rate * (f.windowMillis() / 1000), rate * ((f.windowMillis() + 999) / 1000));
        // a fire Quartz found late is skipped by ElasticJob's misfire policy: counted as missed, not timed
        assertThat(f.fires()).isPositive().isLessThanOrEqualTo(latency.scheduledFires());
        assertThat(latency.delaysMicros()).hasSize((int) f.fires());
        assertThat(java.util.Arrays.stream(latency.delaysMicros()).min().orElse(0)).isPositive();
        assertThat(f.p50Micros()).isPositive().isLessThanOrEqualTo(f.p99Micros());
        assertThat(f.p99Micros()).isLessThanOrEqualTo(f.maxMicros());
        assertThat(f.zkWrites()).isGreaterThanOrEqualTo(2 * f.fires());
    }
}
