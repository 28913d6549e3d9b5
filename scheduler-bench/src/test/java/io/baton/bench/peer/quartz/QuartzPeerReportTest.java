package io.baton.bench.peer.quartz;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.bench.macro.MacroFigures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Baton's figures against the clustered Quartz's, as ratios where above 1 means Baton is faster. */
class QuartzPeerReportTest {
    private final QuartzPeerSettings settings = new QuartzPeerSettings(2, 256, 2_000, 1_000, List.of(100, 1_000), Duration.ofSeconds(5));
    private final MacroFigures.Throughput baton = new MacroFigures.Throughput(16_000, 2_000, 128);
    private final List<MacroFigures.Latency> batonLatencies = List.of(
            new MacroFigures.Latency(100, 500, 5_000, 5_000, 25_000, 30_000, 1_500),
            new MacroFigures.Latency(1_000, 5_000, 5_000, 4_000, 50_000, 80_000, 4_200));
    private final QuartzThroughputScenario.Result quartz =
            new QuartzThroughputScenario.Result(new MacroFigures.Throughput(2_000, 4_000, 20_000), List.of(40L, 60L));
    private final List<QuartzLatencyScenario.Result> quartzLatencies = List.of(
            new QuartzLatencyScenario.Result(new MacroFigures.Latency(100, 3, 5_000, 10_000, 100_000, 150_000, 60), new long[] {10_000, 100_000, 150_000}),
            new QuartzLatencyScenario.Result(new MacroFigures.Latency(5_000, 1, 5_000, -500, 900, 900, 9), new long[] {-500}));

    @Test
    void ratiosSayHowManyTimesBatonIsFaster() {
        String md = QuartzPeerReport.markdown(settings, baton, batonLatencies, quartz, quartzLatencies);

        assertThat(md).contains("Quartz: 2 instances × 256 threads");
        assertThat(md).contains("| no-op executions per second (Baton 16000 shards, Quartz 2000 executions in 4000 ms) | 8,000/s | 500/s | 16.0× |");
        assertThat(md).contains("| writes per execution (Baton: ZooKeeper transactions; Quartz: database statements) | 0.0080 | 10.0 | — |");
        assertThat(md).contains("| fire → start p50 at 100 fires/s | 5.00 ms | 10.00 ms | 2.0× |");
        assertThat(md).contains("| fire → start p99 at 100 fires/s | 25.00 ms | 100.00 ms (max 150.00 ms, n=3, 1 fires/s achieved) | 4.0× |");
    }

    @Test
    void aRateBatonDidNotRunOrANegativeDelayHasNoRatio() {
        String md = QuartzPeerReport.markdown(settings, baton, batonLatencies, quartz, quartzLatencies);

        assertThat(md).contains("| fire → start p50 at 5,000 fires/s | — | -0.50 ms | — |");
        assertThat(QuartzPeerReport.ratio(-500, 4_000)).isEqualTo("—");
        assertThat(QuartzPeerReport.ratio(1, 4)).isEqualTo("0.3×");
    }

    @Test
    void csvFilesHoldTheFiguresTheSeriesAndEveryDelay() {
        assertThat(QuartzPeerReport.throughputCsv(quartz).lines()).containsExactly(
                "executions,window_ms,executions_per_s,db_writes,db_writes_per_execution", "2000,4000,500.0,20000,10.00", "",
                "t_ms,completed", "0,40", "100,60");
        assertThat(QuartzPeerReport.latencyCsv(quartzLatencies).lines()).containsExactly(
                "fire_rate,fires,achieved_fires_per_s,p50_us,p99_us,max_us,db_writes,db_writes_per_fire",
                "100,3,0.6,10000,100000,150000,60,20.00",
                "5000,1,0.2,-500,900,900,9,9.00",
                "", "fire_rate,delay_us", "100,10000", "100,100000", "100,150000", "5000,-500");
    }
}
