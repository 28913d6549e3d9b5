package io.baton.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.bench.macro.ScaleFigures;
import org.junit.jupiter.api.Test;

/** The scale rows set the projected heap and the watches against their targets; the CSV holds every figure. */
class ScaleReportTest {
    private static final long MIB = 1024 * 1024;

    private static ScaleFigures figures(long marginalBytesPerJob, long watchesWithJobs) {
        long half = 50 * MIB;
        return new ScaleFigures(100_010, 10, 5_000, new ScaleFigures.Submit(100_000, 32, 50_000),
                new ScaleFigures.Heap(10 * MIB, half, half + marginalBytesPerJob * 50_000, 100_000),
                new ScaleFigures.Heap(20 * MIB, 40 * MIB, 60 * MIB, 100_000), 120 * MIB,
                new ScaleFigures.Cpu(10_000, 400_000_000, 500_000_000, 10_000_000, 12_000_000),
                new ScaleFigures.ZooKeeperTree(320, 100_600, 17, watchesWithJobs),
                new ScaleFigures.Recovery(3_000, 3_050, 4_300, 1_100, 100_010, 4_500, 0));
    }

    @Test
    void markdownSetsTheProjectedHeapAndTheWatchesAgainstTheTargets() {
        String md = ScaleReport.markdown(figures(600, 17));

        assertThat(md).startsWith("### Scale: 100,010 cron jobs on one leader");
        assertThat(md).contains("| submit through the SDK (32 threads, one client) | 2,000 jobs/s (100,000 jobs in 50.0 s) | — | — |");
        // 50 MiB + 600 bytes for each of the 950,000 jobs beyond the first half
        assertThat(md).contains("| leader heap projected for 1,000,000 jobs | 593.6 MiB | ≤ 1 GiB | yes |");
        assertThat(md).contains("| ZooKeeper watches, before → with the jobs | 17 → 17 (znodes 320 → 100,600) | no watch per job | yes |");
        assertThat(md).contains("| leader CPU at rest over 10 s, before → with the jobs | JVM 4.0% → 5.0% of a core; coordinator thread 0.10% → 0.12% | — | — |");
        assertThat(md).contains("| elected → term started with every job loaded | 1250 ms (100,010 jobs; loading 1100 ms as the node reports it) | — | — |");
    }

    @Test
    void aHeavyLeaderOrWatchesPerJobAreNotMet() {
        String md = ScaleReport.markdown(figures(1_200, 100_017));

        assertThat(md).contains("| leader heap projected for 1,000,000 jobs | 1137.2 MiB | ≤ 1 GiB | **no** |");
        assertThat(md).contains("no watch per job | **no** |");
    }

    @Test
    void csvHasOneValuePerColumn() {
        String[] lines = ScaleReport.csv(figures(600, 17)).split("\n");

        assertThat(lines).hasSize(2);
        assertThat(lines[1].split(",")).hasSameSizeAs(lines[0].split(","));
        assertThat(lines[1]).startsWith("100010,10,5000,32,50000,2000.0,");
    }
}
