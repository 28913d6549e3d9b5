package io.baton.bench.macro;

import java.time.Duration;

/**
 * When a restarted process counts as past its start-up, so the next failover trial does not measure its class
 * loading, its first compilations or its first takeover rehearsals competing for the two vCPUs: at least
 * {@code minimum} after the restart and a whole sampling window in which it used at most {@code quietShare} of
 * one core; or, whatever it does, {@code maximum} after the restart. Pure.
 */
record QuietRule(Duration minimum, Duration maximum, double quietShare) {
    /** A restarted worker runs shards (~10% of a core here); compiling, it takes half a core or more. */
    static final double DEFAULT_QUIET_SHARE = 0.2;
    static final Duration DEFAULT_MAXIMUM = Duration.ofSeconds(30);

    QuietRule {
        if (minimum.isNegative() || maximum.compareTo(minimum) < 0) throw new IllegalArgumentException("need 0 <= minimum <= maximum");
        if (quietShare <= 0) throw new IllegalArgumentException("quietShare must be positive");
    }

    static QuietRule after(Duration minimum) {
        return new QuietRule(minimum, minimum.compareTo(DEFAULT_MAXIMUM) > 0 ? minimum : DEFAULT_MAXIMUM, DEFAULT_QUIET_SHARE);
    }

    /**
     * Whether the process is settled {@code sinceRestartMillis} after its restart, having used
     * {@code cpuMillis} of CPU in the last {@code windowMillis} (negative: unknown, as for a process that is gone).
     */
    boolean settled(long sinceRestartMillis, long cpuMillis, long windowMillis) {
        if (sinceRestartMillis >= maximum.toMillis()) return true;
        if (sinceRestartMillis < minimum.toMillis()) return false;
        return cpuMillis < 0 || windowMillis <= 0 || cpuMillis <= quietShare * windowMillis;
    }
}
