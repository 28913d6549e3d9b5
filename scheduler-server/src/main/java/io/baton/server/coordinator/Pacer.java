package io.baton.server.coordinator;

/**
 * Keeps the starts of one kind of store write at least an interval apart, so that what arrives meanwhile
 * joins the next one: a leader that would otherwise send a group commit per report, or a history prune per
 * finished run, sends a few a second under load and still sends at once when idle. Pure (the caller gives
 * the time); not thread-safe.
 */
final class Pacer {
    private final long intervalNanos;
    private long lastStartNanos;
    private boolean startedOnce;

    Pacer(long intervalNanos) {
        if (intervalNanos < 0) throw new IllegalArgumentException("interval must not be negative: " + intervalNanos);
        this.intervalNanos = intervalNanos;
    }

    /** How long a write wanted at {@code nowNanos} must wait: 0 when the interval since the last start has passed. */
    long waitNanos(long nowNanos) {
        return startedOnce ? Math.max(0, lastStartNanos + intervalNanos - nowNanos) : 0;
    }

    /** A write started at {@code nowNanos}. */
    void started(long nowNanos) {
        lastStartNanos = nowNanos;
        startedOnce = true;
    }
}
