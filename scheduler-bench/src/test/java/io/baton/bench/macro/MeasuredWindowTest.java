package io.baton.bench.macro;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MeasuredWindowTest {
    @Test
    void aWindowStartsHalfASecondAwayFromTheSecondsStart() {
        assertThat(MeasuredWindow.nextHalfSecond(10_000)).isEqualTo(10_500);
        assertThat(MeasuredWindow.nextHalfSecond(10_499)).isEqualTo(10_500);
        assertThat(MeasuredWindow.nextHalfSecond(10_500)).isEqualTo(10_500);
        assertThat(MeasuredWindow.nextHalfSecond(10_501)).isEqualTo(11_500);
        assertThat(MeasuredWindow.nextHalfSecond(10_999)).isEqualTo(11_500);
    }
}
