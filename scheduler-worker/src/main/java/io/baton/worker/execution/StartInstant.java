package io.baton.worker.execution;

/**
 * When a shard sent ahead of its fire time starts, on this worker's {@code System.nanoTime()} scale. Pure.
 *
 * <p>The leader sends the delay from its own clock to the fire time; started that long after arrival, a shard
 * would start late by the whole transit (the leader's send path, the network, this worker's receive path:
 * a few hundred microseconds). Started at the fire time read on this worker's clock, it would start on time
 * when the clocks agree, but early by however far this clock runs ahead. So the start is this worker's fire
 * time, kept within {@code [arrival + delay - toleranceMicros, arrival + delay]}: on time when clocks agree and
 * the transit is within the tolerance; otherwise never more than the tolerance minus the transit before the
 * leader's fire time, and never later than arriving plus the delay would start it.
 */
final class StartInstant {
    /**
     * How far before the leader-relative start a shard may start, to make up for the transit. On a busy
     * 2-core host the transit (the leader's loop to its event loop, the network, this worker's event loop)
     * passed 1 ms for ~2% of assignments at 1,000 fires/s, each of which started that much minus 1 ms late;
     * 5 ms covers those, and bounds how early a worker whose clock runs ahead may start.
     */
    static final long TOLERANCE_MICROS = 5_000;

    private StartInstant() {}

    /**
     * @param arrivedNanos      System.nanoTime() when the assignment arrived
     * @param arrivedWallMicros this worker's wall clock at that moment, in microseconds since the epoch
     * @param fireMillis        the run's fire time (leader's clock)
     * @param delayMicros       the leader's delay from sending to the fire time; 0 or less: start at once
     */
    static long startAtNanos(long arrivedNanos, long arrivedWallMicros, long fireMillis, long delayMicros, long toleranceMicros) {
        if (delayMicros <= 0) return arrivedNanos;
        long latestMicros = delayMicros;
        long earliestMicros = Math.max(0, delayMicros - toleranceMicros);
        long byThisClockMicros = fireMillis * 1_000 - arrivedWallMicros;
        return arrivedNanos + Math.min(latestMicros, Math.max(earliestMicros, byThisClockMicros)) * 1_000;
    }
}
