package io.baton.cli.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void acceptsUnitsAndIso8601() {
        assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(DurationText.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationText.parse("2H")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationText.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void refusesNumbersWithoutUnitZeroAndGarbage() {
        assertThatThrownBy(() -> DurationText.parse("10")).hasMessage("invalid duration '10' (expected e.g. 500ms, 10s, 5m, 1h)");
        assertThatThrownBy(() -> DurationText.parse("0s")).hasMessage("duration must be positive, was '0s'");
        assertThatThrownBy(() -> DurationText.parse("P")).hasMessageStartingWith("invalid duration 'P'");
        assertThatThrownBy(() -> DurationText.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
