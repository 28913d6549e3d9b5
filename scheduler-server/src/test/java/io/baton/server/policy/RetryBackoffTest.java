package io.baton.server.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {
    @Test
    void withoutJitterTheDelayDoublesUpToTheCap() {
        List<Long> delays = new ArrayList<>();
        for (int failures = 1; failures <= 8; failures++) {
            delays.add(RetryBackoff.delayMillis(1000, 20_000, 2.0, 0, failures, 0.5));
        }
        assertThat(delays).containsExactly(1000L, 2000L, 4000L, 8000L, 16000L, 20000L, 20000L, 20000L);
    }

    @Test
    void jitterSpreadsTheDelayByAtMostItsFractionEitherWay() {
        assertThat(RetryBackoff.delayMillis(1000, 60_000, 2.0, 0.2, 3, 0.0)).isEqualTo(3200);
        assertThat(RetryBackoff.delayMillis(1000, 60_000, 2.0, 0.2, 3, 0.5)).isEqualTo(4000);
        assertThat(RetryBackoff.delayMillis(1000, 60_000, 2.0, 0.2, 3, 0.999_999)).isBetween(4799L, 4800L);
    }

    @Test
    void multiplierOneKeepsTheDelayConstantAndAHugeFailureCountStaysCapped() {
        assertThat(RetryBackoff.delayMillis(500, 60_000, 1.0, 0, 50, 0.5)).isEqualTo(500);
        assertThat(RetryBackoff.delayMillis(500, 60_000, 10.0, 0, 1_000_000, 0.5)).isEqualTo(60_000);
    }

    @Test
    void aFailureCountBelowOneIsABug() {
        assertThatThrownBy(() -> RetryBackoff.delayMillis(1000, 2000, 2, 0, 0, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
