package io.baton.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimesTest {
    @Test
    void instantsAreIso8601UtcWithMillisecondsAndUnsetIsADash() {
        assertThat(Times.instant(1714532400000L)).isEqualTo("2024-05-01T03:00:00.000Z");
        assertThat(Times.instant(1714532400123L)).isEqualTo("2024-05-01T03:00:00.123Z");
        assertThat(Times.instant(0)).isEqualTo("-");
    }

    @Test
    void durationsUseMillisecondsThenSecondsThenMinutesHoursDays() {
        assertThat(Times.duration(0)).isEqualTo("0ms");
        assertThat(Times.duration(999)).isEqualTo("999ms");
        assertThat(Times.duration(1_000)).isEqualTo("1.0s");
        assertThat(Times.duration(12_345)).isEqualTo("12.3s");
        assertThat(Times.duration(303_000)).isEqualTo("5m03s");
        assertThat(Times.duration(7_500_000)).isEqualTo("2h05m");
        assertThat(Times.duration(7 * 86_400_000L)).isEqualTo("7d00h");
        assertThat(Times.duration(-1)).isEqualTo("-");
    }

    @Test
    void betweenNeedsBothEndsInOrder() {
        assertThat(Times.between(1_000, 1_250)).isEqualTo("250ms");
        assertThat(Times.between(1_000, 0)).isEqualTo("-");
        assertThat(Times.between(0, 1_000)).isEqualTo("-");
        assertThat(Times.between(2_000, 1_000)).isEqualTo("-");
    }
}
