package io.baton.bench.macro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuietRuleTest {
    private final QuietRule rule = QuietRule.after(Duration.ofSeconds(5));

    @Test
    void aRestartedProcessWaitsAtLeastTheMinimumHoweverQuiet() {
        assertThat(rule.settled(4_999, 0, 1_000)).isFalse();
        assertThat(rule.settled(5_000, 0, 1_000)).isTrue();
    }

    @Test
    void afterTheMinimumItMustBeQuietForAWholeWindow() {
        assertThat(rule.settled(6_000, 600, 1_000)).as("compiling").isFalse();
        assertThat(rule.settled(6_000, 250, 1_000)).as("a rehearsal").isFalse();
        assertThat(rule.settled(6_000, 200, 1_000)).isTrue();
        assertThat(rule.settled(6_000, 90, 1_000)).as("a worker running shards").isTrue();
    }

    @Test
    void theMaximumEndsTheWaitWhateverTheProcessDoes() {
        assertThat(rule.settled(29_999, 900, 1_000)).isFalse();
        assertThat(rule.settled(30_000, 900, 1_000)).isTrue();
        assertThat(QuietRule.after(Duration.ofSeconds(40)).maximum()).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void anUnknownCpuTimeCountsAsQuiet() {
        assertThat(rule.settled(5_000, -1, 1_000)).isTrue();
    }

    @Test
    void refusesAMaximumBelowTheMinimum() {
        assertThatThrownBy(() -> new QuietRule(Duration.ofSeconds(5), Duration.ofSeconds(1), 0.2)).isInstanceOf(IllegalArgumentException.class);
    }
}
