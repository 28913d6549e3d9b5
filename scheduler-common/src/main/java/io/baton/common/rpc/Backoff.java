package io.baton.common.rpc;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays for {@link RpcClient}: the base starts at {@code initial} and doubles after each
 * failed attempt up to {@code max}; {@link #reset()} after a success. Each delay is the base minus up to
 * {@value #JITTER_PERCENT}% random jitter, so clients that lost the same server do not retry in lockstep,
 * even once all of them sit at the cap, and no delay ever exceeds {@code max}.
 *
 * <p>Pure and not thread-safe: its owner calls it from one thread (the client's event loop).
 */
public final class Backoff {
    static final int JITTER_PERCENT = 20;

    private final long initialMillis;
    private final long maxMillis;
    private final RandomGenerator random;
    private long baseMillis;

    public Backoff(Duration initial, Duration max, RandomGenerator random) {
        if (initial.isNegative() || initial.isZero()) throw new IllegalArgumentException("initial must be positive: " + initial);
        if (max.compareTo(initial) < 0) throw new IllegalArgumentException("max " + max + " < initial " + initial);
        this.initialMillis = Math.max(1, initial.toMillis());
        this.maxMillis = Math.max(initialMillis, max.toMillis());
        this.random = random;
        this.baseMillis = initialMillis;
    }

    /** The delay before the next attempt; doubles the base for the attempt after it. */
    public long nextDelayMillis() {
        long base = baseMillis;
        baseMillis = base > maxMillis / 2 ? maxMillis : base * 2;
        long jitter = (long) (base * (JITTER_PERCENT / 100.0) * random.nextDouble());
        return Math.max(1, base - jitter);
    }

    /** Starts over at the initial delay (after a successful connection). */
    public void reset() {
        baseMillis = initialMillis;
    }
}
