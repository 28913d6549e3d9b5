package io.baton.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.bench.macro.MacroFigures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The macro section sets each figure against its target; the CSVs hold every figure. */
class MacroReportTest {
    private final MacroFigures.Throughput throughput = new MacroFigures.Throughput(16_000, 4_762, 160);
    private final List<MacroFigures.Latency> latencies = List.of(
            new MacroFigures.Latency(100, 500, 5_000, 4_690, 28_130, 38_080, 1_490),
            new MacroFigures.Latency(1_000, 5_000, 5_000, 250, 1_900, 3_000, 400));

    @Test
    void markdownSaysWhichTargetsAreMet() {
        String md = MacroReport.markdown(throughput, latencies);

        assertThat(md).contains("| dispatch-and-complete throughput, no-op handler (16000 shards in 4762 ms) | 3,360 shards/s | ≥ 50,000 shards/s | **no** |");
        assertThat(md).contains("| ZooKeeper write transactions per shard (throughput run) | 0.0100 | ≤ 0.05 | yes |");
        assertThat(md).contains("| fire → shard start at 1,000 fires/s | p50 0.25 ms, p99 1.90 ms, max 3.00 ms (n=5000, 1000 fires/s achieved) | p50 ≤ 0.3 ms, p99 ≤ 2 ms | yes |");
        assertThat(md).contains("| fire → shard start at 100 fires/s | p50 4.69 ms");
    }

    @Test
    void theThroughputRoundsAreListedWithTheWarmUpAndTheColdRound() {
        MacroFigures.Throughput slow = new MacroFigures.Throughput(16_000, 800, 20);
        MacroFigures.Throughput fast = new MacroFigures.Throughput(16_000, 250, 20);
        MacroFigures.Throughput cold = new MacroFigures.Throughput(16_000, 3_200, 90);
        var rounds = new io.baton.bench.macro.ThroughputScenario.Result(throughput, List.of(), List.of(slow, throughput, fast), cold,
                new io.baton.bench.macro.TriggerRounds.WarmUp(12, 192_000, 15_300));

        String md = MacroReport.markdown(throughput, rounds, latencies);

        assertThat(md).contains("| throughput: each measured round (the median above), after a warm-up of 12 rounds (192,000 shards, 15 s) "
                + "| 20,000, 3,360, 64,000 shards/s | — | — |");
        assertThat(md).contains("| throughput: the first round, on fresh JVMs | 5,000 shards/s | — | — |");
        assertThat(MacroReport.markdown(throughput, latencies)).doesNotContain("first round");
    }

    @Test
    void thePlotsSectionLinksBothImagesBesideTheReport() {
        String md = MacroReport.plots("latency.png", "throughput.png");

        assertThat(md).startsWith("### Plots\n");
        assertThat(md).contains("![fire → shard start delay by percentile, per fire rate](latency.png)\n");
        assertThat(md).contains("![completed shards per second over time](throughput.png)\n");
        assertThat(md.indexOf("(latency.png)")).isLessThan(md.indexOf("(throughput.png)"));
    }

    @Test
    void csvFilesHoldTheFiguresAndTheSeries() {
        assertThat(MacroReport.latencyCsv(latencies).lines()).containsExactly(
                "fire_rate,fires,achieved_fires_per_s,p50_us,p99_us,max_us,zk_writes,zk_writes_per_fire",
                "100,500,100.0,4690,28130,38080,1490,2.9800",
                "1000,5000,1000.0,250,1900,3000,400,0.0800");
        assertThat(MacroReport.throughputCsv(throughput, List.of(5L, 7L)).lines())
                .containsExactly("shards,window_ms,shards_per_s,zk_writes,zk_writes_per_shard", "16000,4762,3359.9,160,0.0100", "",
                        "t_ms,completed", "0,5", "100,7");
    }
}
