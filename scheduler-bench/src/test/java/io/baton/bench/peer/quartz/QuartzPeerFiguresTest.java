package io.baton.bench.peer.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the peer's scenarios compute from the journals. */
class QuartzPeerFiguresTest {
    @Test
    void throughputRunsFromTheFirstStartToTheLastEnd() {
        List<ExecutionRecord> journaled = List.of(
                new ExecutionRecord("throughput", "t0", 0, 1_000_000, 1_000_100),
                new ExecutionRecord("throughput", "t1", 0, 1_050_000, 1_060_000),
                new ExecutionRecord("throughput", "t2", 0, 1_200_000, 2_000_000));

        QuartzThroughputScenario.Result result = QuartzThroughputScenario.figures(journaled, 3, 30);

        assertThat(result.figures().shards()).isEqualTo(3);
        assertThat(result.figures().windowMillis()).isEqualTo(1_000);
        assertThat(result.figures().shardsPerSecond()).isEqualTo(3.0);
        assertThat(result.figures().zkWritesPerShard()).isEqualTo(10.0);
        assertThat(result.completionsPer100ms()).containsExactly(2L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L); // ends at 1.0, 1.06, 2.0 s
    }

    @Test
    void throughputFailsWhenATriggerRanTwiceOrNotAtAll() {
        ExecutionRecord once = new ExecutionRecord("throughput", "t0", 0, 1, 2);
        ExecutionRecord other = new ExecutionRecord("throughput", "t1", 0, 1, 2);

        assertThatThrownBy(() -> QuartzThroughputScenario.figures(List.of(once, once), 2, 0)).hasMessageContaining("more than once");
        assertThatThrownBy(() -> QuartzThroughputScenario.figures(List.of(once, other), 3, 0)).hasMessageContaining("3 executions expected, 2");
    }

    @Test
    void latencyCountsTheFiresScheduledInTheWindowOnly() {
        List<ExecutionRecord> journaled = List.of(
                new ExecutionRecord("latency", "t0", 999, 999_500, 999_600),      // before the window
                new ExecutionRecord("latency", "t1", 1_000, 1_002_000, 1_002_100),
                new ExecutionRecord("latency", "t2", 1_500, 1_499_000, 1_499_100), // fired a millisecond early
                new ExecutionRecord("latency", "t3", 1_999, 2_010_000, 2_010_100),
                new ExecutionRecord("latency", "t0", 2_000, 2_000_300, 2_000_400),  // at the window's end: after it
                new ExecutionRecord("warmup", "t9", 1_200, 1_300_000, 1_300_100));  // another group

        QuartzLatencyScenario.Result result = QuartzLatencyScenario.figures(journaled, 4, 1_000, 2_000, 12);

        assertThat(result.delaysMicros()).containsExactly(2_000, -1_000, 11_000);
        assertThat(result.figures().fires()).isEqualTo(3);
        assertThat(result.figures().p50Micros()).isEqualTo(2_000);
        assertThat(result.figures().maxMicros()).isEqualTo(11_000);
        assertThat(result.figures().achievedFiresPerSecond()).isEqualTo(3.0);
        assertThat(result.figures().zkWrites()).isEqualTo(12);
    }
}
