package io.baton.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesUpToTheCapWithBoundedJitterAndResets() {
        Backoff b = new Backoff(Duration.ofMillis(50), Duration.ofMillis(400), new SplittableRandom(1));
        long[] bases = {50, 100, 200, 400, 400};
        for (long base : bases) {
            long d = b.nextDelayMillis();
            assertThat(d).isBetween(base, Math.min(400, (long) (base * 1.2)));
        }
        b.reset();
        assertThat(b.nextDelayMillis()).isBetween(50L, 60L);
    }
}
