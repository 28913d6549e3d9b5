package io.baton.common.rpc;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: start at {@code initial}, double after each failure up to {@code max}, with up to 20%
 * random jitter so many clients do not retry in lockstep. Pure; {@link #reset()} after a success.
 */
public final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private long nextMillis;

    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.random = random;
        this.nextMillis = initialMillis;
    }

    /** The delay before the next attempt; each call doubles the base for the following one. */
    public long nextDelayMillis() {
        long base = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        long jitter = (long) (base * 0.2 * random.nextDouble());
        return Math.min(maxMillis, base + jitter);
    }

    public void reset() {
        nextMillis = initialMillis;
    }
}
