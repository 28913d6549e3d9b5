package io.baton.bench.macro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Per-job costs, projections and CPU shares from the raw readings. */
class ScaleFiguresTest {
    @Test
    void theSecondHalfGivesTheMarginalCostAndTheProjection() {
        // 10 MB before; the first 50,000 jobs add 50 MB of which 10 MB are shared schedules; the next 50,000 add 40 MB
        ScaleFigures.Heap heap = new ScaleFigures.Heap(10_000_000, 60_000_000, 100_000_000, 100_000);

        assertThat(heap.bytesPerJob()).isEqualTo(900.0);
        assertThat(heap.marginalBytesPerJob()).isEqualTo(800.0);
        assertThat(heap.projectedBytes(1_000_000)).isEqualTo(100_000_000 + 800L * 900_000);
    }

    @Test
    void anOddJobCountPutsTheExtraJobInTheSecondHalf() {
        ScaleFigures.Heap heap = new ScaleFigures.Heap(0, 1_000, 4_000, 5);

        assertThat(heap.marginalBytesPerJob()).isEqualTo(1_000.0);
    }

    @Test
    void submitRateAndCpuShareOfACore() {
        assertThat(new ScaleFigures.Submit(20_000, 32, 8_000).perSecond()).isEqualTo(2_500.0);
        ScaleFigures.Cpu cpu = new ScaleFigures.Cpu(10_000, 500_000_000, 1_000_000_000, 20_000_000, 30_000_000);

        assertThat(cpu.processBaselinePercent()).isCloseTo(5.0, within(1e-9));
        assertThat(cpu.processLoadedPercent()).isCloseTo(10.0, within(1e-9));
        assertThat(cpu.loopBaselinePercent()).isCloseTo(0.2, within(1e-9));
        assertThat(cpu.loopLoadedPercent()).isCloseTo(0.3, within(1e-9));
    }

    @Test
    void watchesAddedAndTheTimeTheJobsCostAFailover() {
        assertThat(new ScaleFigures.ZooKeeperTree(300, 100_300, 17, 17).watchesAdded()).isZero();
        assertThat(new ScaleFigures.ZooKeeperTree(300, 100_300, 17, 18).noWatchPerJob()).isTrue();
        assertThat(new ScaleFigures.ZooKeeperTree(300, 100_300, 17, 100_017).noWatchPerJob()).isFalse();
        assertThat(new ScaleFigures.Recovery(3_000, 3_100, 4_350, 1_200, 100_010, 4_600, 0).electedToStartedMillis()).isEqualTo(1_250);
    }
}
