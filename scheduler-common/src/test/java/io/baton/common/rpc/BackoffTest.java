package io.baton.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
    /** A generator that always returns the same double, to pin the jitter. */
    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override public long nextLong() { throw new UnsupportedOperationException(); }
            @Override public double nextDouble() { return value; }
        };
    }

    private static Backoff backoff(RandomGenerator random) {
        return new Backoff(Duration.ofMillis(50), Duration.ofMillis(400), random);
    }

    @Test
    void withoutJitterTheDelayDoublesUpToTheCap() {
        Backoff b = backoff(fixed(0.0));
        long[] delays = new long[6];
        for (int i = 0; i < delays.length; i++) delays[i] = b.nextDelayMillis();
        assertThat(delays).containsExactly(50, 100, 200, 400, 400, 400);
    }

    @Test
    void jitterTakesOffAtMostTwentyPercent() {
        Backoff b = backoff(fixed(0.999_999));
        long[] delays = new long[5];
        for (int i = 0; i < delays.length; i++) delays[i] = b.nextDelayMillis();
        assertThat(delays).containsExactly(41, 81, 161, 321, 321);
    }

    @Test
    void delaysStayWithinBoundsForAnySeed() {
        long[] bases = {50, 100, 200, 400, 400, 400};
        for (int seed = 0; seed < 200; seed++) {
            Backoff b = backoff(new SplittableRandom(seed));
            for (long base : bases) {
                assertThat(b.nextDelayMillis()).isBetween(base * 4 / 5, base);
            }
        }
    }

    @Test
    void clientsAtTheCapDoNotRetryInLockstep() {
        Set<Long> distinct = new HashSet<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int client = 0; client < 20; client++) {
            Backoff b = backoff(random.split());
            for (int i = 0; i < 4; i++) b.nextDelayMillis();
            distinct.add(b.nextDelayMillis());
        }
        assertThat(distinct).hasSizeGreaterThan(5);
    }

    @Test
    void resetStartsOverAtTheInitialDelay() {
        Backoff b = backoff(fixed(0.0));
        b.nextDelayMillis();
        b.nextDelayMillis();
        b.reset();
        assertThat(b.nextDelayMillis()).isEqualTo(50);
        assertThat(b.nextDelayMillis()).isEqualTo(100);
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), fixed(0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), fixed(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
