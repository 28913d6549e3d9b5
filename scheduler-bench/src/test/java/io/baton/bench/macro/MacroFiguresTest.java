package io.baton.bench.macro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The pure arithmetic of the macro benchmark. */
class MacroFiguresTest {
    @Test
    void throughputIsShardsOverTheWindowFromFirstStartToLastEnd() {
        long window = MacroFigures.window(new long[] {1_000, 1_100, 1_050}, new long[] {1_200, 2_000, 1_900});
        MacroFigures.Throughput t = new MacroFigures.Throughput(3_000, window, 30);

        assertThat(window).isEqualTo(1_000);
        assertThat(t.shardsPerSecond()).isEqualTo(3_000.0);
        assertThat(t.zkWritesPerShard()).isEqualTo(0.01);
        assertThat(new MacroFigures.Throughput(0, 0, 0).shardsPerSecond()).isZero();
    }

    @Test
    void completionsAreCountedPerBucketFromTheFirstEnd() {
        assertThat(MacroFigures.series(new long[] {500, 550, 650, 899, 900}, 100)).containsExactly(2L, 1L, 0L, 1L, 1L);
        assertThat(MacroFigures.series(new long[0], 100)).isEmpty();
    }

    @Test
    void percentilesUseTheNearestRank() {
        long[] values = new long[100];
        for (int i = 0; i < 100; i++) values[i] = 100 - i;

        assertThat(MacroFigures.percentile(values, 50)).isEqualTo(50);
        assertThat(MacroFigures.percentile(values, 99)).isEqualTo(99);
        assertThat(MacroFigures.percentile(values, 100)).isEqualTo(100);
        assertThat(MacroFigures.percentile(new long[0], 50)).isZero();
        long[] sorted = {10, 20, 30, 40};
        assertThat(MacroFigures.percentileOfSorted(sorted, 0)).isEqualTo(10);
        assertThat(MacroFigures.percentileOfSorted(sorted, 50)).isEqualTo(20);
        assertThat(MacroFigures.percentileOfSorted(sorted, 51)).isEqualTo(30);
        assertThat(MacroFigures.percentileOfSorted(new long[0], 50)).isZero();
    }

    @Test
    void zooKeeperWritesAreTheDifferenceOfTheTransactionCountersOfOneEpoch() {
        assertThat(MacroFigures.writesBetween(0x2_0000_0010L, 0x2_0000_0110L)).isEqualTo(256);
        assertThatThrownBy(() -> MacroFigures.writesBetween(0x2_0000_0010L, 0x3_0000_0001L)).hasMessageContaining("epoch changed");
    }
}
