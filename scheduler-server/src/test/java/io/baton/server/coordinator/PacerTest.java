package io.baton.server.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacerTest {
    @Test
    void theFirstWriteGoesAtOnceAndTheNextWaitsOutTheInterval() {
        Pacer pacer = new Pacer(5_000);
        assertThat(pacer.waitNanos(-1_000_000)).as("never started: no wait, whatever the clock says").isZero();

        pacer.started(100_000);

        assertThat(pacer.waitNanos(100_000)).isEqualTo(5_000);
        assertThat(pacer.waitNanos(103_000)).isEqualTo(2_000);
        assertThat(pacer.waitNanos(105_000)).isZero();
        assertThat(pacer.waitNanos(900_000)).as("idle for long: at once").isZero();
        pacer.started(900_000);
        assertThat(pacer.waitNanos(901_000)).isEqualTo(4_000);
    }

    @Test
    void aZeroIntervalNeverWaitsAndANegativeOneIsRefused() {
        Pacer pacer = new Pacer(0);
        pacer.started(10);
        assertThat(pacer.waitNanos(10)).isZero();
        assertThatThrownBy(() -> new Pacer(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
