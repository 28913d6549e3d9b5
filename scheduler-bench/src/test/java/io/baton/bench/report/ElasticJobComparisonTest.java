package io.baton.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.bench.macro.MacroFigures;
import io.baton.bench.peer.elasticjob.ElasticJobFigures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElasticJobComparisonTest {
    // Baton: 16,000 shards in 2 s with 128 writes; ElasticJob: the same shards in 8 s (start → end) / 10 s (trigger → done), 32,100 writes
    private static final MacroFigures.Throughput BATON = new MacroFigures.Throughput(16_000, 2_000, 128);
    private static final ElasticJobFigures.Throughput EJ = new ElasticJobFigures.Throughput(
            new MacroFigures.Throughput(16_000, 8_000, 32_100), new MacroFigures.Throughput(16_000, 10_000, 32_100), List.of(1L));
    private static final List<MacroFigures.Latency> BATON_LATENCY = List.of(
            new MacroFigures.Latency(100, 500, 5_000, 5_000, 27_000, 30_000, 1_500),
            new MacroFigures.Latency(1_000, 5_000, 5_000, 4_900, 49_000, 60_000, 4_200));
    private static final List<ElasticJobFigures.Latency> EJ_LATENCY = List.of(new ElasticJobFigures.Latency(
            new MacroFigures.Latency(100, 480, 5_000, 20_000, 108_000, 150_000, 1_000), new long[] {20_000, 108_000}, 500));

    @Test
    void throughputIsComparedAsBatonOverElasticJobAgainstTheTenfoldTarget() {
        String md = ElasticJobComparison.markdown(BATON, EJ, BATON_LATENCY, EJ_LATENCY);

        // 8,000 / 1,600 shards/s (trigger → done) = 5×: the target of 10× is not met
        assertThat(md).contains("| 8,000 shards/s | 1,600 shards/s | 5.00× | ≥ 10× | **no** |");
        // in Baton's window ElasticJob would look faster
        assertThat(md).contains("| 8,000 shards/s | 2,000 shards/s | 4.00× | — | — |");
        // 0.008 against 2.006 writes per shard: both sides of the claim hold
        assertThat(md).contains("| 0.0080 | 2.006 | 0.0040× | Baton ≤ 0.05, ElasticJob ≥ 2 | yes |");
    }

    @Test
    void latencyIsComparedAtTheRatesBothMeasuredOnly() {
        String md = ElasticJobComparison.markdown(BATON, EJ, BATON_LATENCY, EJ_LATENCY);

        assertThat(md).contains("| fire → shard start at 100 fires/s: p50 / p99 / max | 5.00 / 27.00 / 30.00 ms | 20.00 / 108.00 / 150.00 ms"
                + " (n=480 of 500 fires; 20 skipped as misfires) | p50 0.25×, p99 0.25× |");
        assertThat(md).contains("| ZooKeeper write transactions per fire at 100 fires/s | 3.000 | 2.083 |");
        assertThat(md).doesNotContain("at 1,000 fires/s");
    }

    @Test
    void theCsvHoldsEveryFigureWithItsRatioAndTheRawDelays() {
        String csv = ElasticJobComparison.csv(BATON, EJ, BATON_LATENCY, EJ_LATENCY);

        assertThat(csv).startsWith("figure,baton,elasticjob,baton_over_elasticjob\n")
                .contains("shards_per_s,8000.0000,1600.0000,5.0000\n")
                .contains("shards_per_s_elasticjob_start_to_end,8000.0000,2000.0000,4.0000\n")
                .contains("zk_writes_per_shard,0.0080,2.0063,0.0040\n")
                .contains("p99_us_at_100,27000,108000,0.2500\n")
                .contains("fires_scheduled_at_100,,500,\n")
                .contains("fires_skipped_at_100,,20,\n");
        assertThat(ElasticJobComparison.delaysCsv(EJ_LATENCY)).isEqualTo("fire_rate,delay_us\n100,20000\n100,108000\n");
    }
}
