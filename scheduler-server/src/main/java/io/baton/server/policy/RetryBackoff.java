package io.baton.server.policy;

/**
 * The wait before retrying a failed shard attempt: exponential in the number of failures so far, capped,
 * then spread by jitter so that shards failing together do not retry together. Pure: the randomness comes in
 * as {@code unit}, a number in [0, 1).
 *
 * <p>delay(n) = min(max, initial * multiplier^(n-1)) * (1 + jitter * (2 * unit - 1)), for the n-th failure.
 */
public final class RetryBackoff {
    private RetryBackoff() {}

    /**
     * @param initialMillis delay after the first failure (>= 0)
     * @param maxMillis cap before jitter (>= initial)
     * @param multiplier growth per failure (>= 1)
     * @param jitter fraction in [0, 1] by which the delay may shrink or grow
     * @param failures failures so far, at least 1
     * @param unit a uniformly random number in [0, 1)
     */
    public static long delayMillis(long initialMillis, long maxMillis, double multiplier, double jitter,
                                   int failures, double unit) {
        if (failures < 1) throw new IllegalArgumentException("failures must be >= 1: " + failures);
        double base = initialMillis;
        for (int i = 1; i < failures && base < maxMillis; i++) base *= multiplier;
        base = Math.min(base, maxMillis);
        double spread = 1 + jitter * (2 * unit - 1);
        return Math.max(0, Math.round(base * spread));
    }
}
