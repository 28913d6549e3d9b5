package io.baton.worker.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Where a shard sent ahead starts: its fire time on this worker's clock, within bounds set by the leader's delay. */
class StartInstantTest {
    private static final long ARRIVED_NANOS = 5_000_000_000L;
    private static final long FIRE_MILLIS = 1_700_000_000_000L;
    private static final long TOLERANCE = 1_000;
    /** The leader sent it 20 ms before the fire time by its clock. */
    private static final long DELAY = 20_000;

    /** Arrived {@code transitMicros} after the leader sent it, read on a clock {@code aheadMicros} ahead of the leader's. */
    private static long startAfterArrivalMicros(long transitMicros, long aheadMicros) {
        long wallAtArrival = FIRE_MILLIS * 1_000 - DELAY + transitMicros + aheadMicros;
        return (StartInstant.startAtNanos(ARRIVED_NANOS, wallAtArrival, FIRE_MILLIS, DELAY, TOLERANCE) - ARRIVED_NANOS) / 1_000;
    }

    @Test
    void withClocksThatAgreeItStartsAtTheFireTimeWhateverTheTransitWithinTheTolerance() {
        assertEquals(DELAY - 300, startAfterArrivalMicros(300, 0), "300 µs in transit: the fire time is 300 µs less away");
        assertEquals(DELAY - 900, startAfterArrivalMicros(900, 0));
    }

    @Test
    void aTransitBeyondTheToleranceMakesItLateButNeverEarly() {
        // by the leader's clock: it starts 3 ms - 1 ms = 2 ms after the fire time
        assertEquals(DELAY - TOLERANCE, startAfterArrivalMicros(3_000, 0));
    }

    @Test
    void aClockAheadOfTheLeadersStartsItAtMostTheToleranceBeforeTheLeaderRelativeStart() {
        // 50 ms ahead: its own fire time passed 30 ms ago; still held to the delay less the tolerance
        assertEquals(DELAY - TOLERANCE, startAfterArrivalMicros(300, 50_000));
    }

    @Test
    void aClockBehindTheLeadersStartsItNoLaterThanTheDelayAfterArrival() {
        assertEquals(DELAY, startAfterArrivalMicros(300, -50_000));
    }

    @Test
    void withoutADelayItStartsOnArrival() {
        assertEquals(ARRIVED_NANOS, StartInstant.startAtNanos(ARRIVED_NANOS, FIRE_MILLIS * 1_000 - 20_000, FIRE_MILLIS, 0, TOLERANCE));
        assertEquals(ARRIVED_NANOS, StartInstant.startAtNanos(ARRIVED_NANOS, FIRE_MILLIS * 1_000, FIRE_MILLIS, -5, TOLERANCE));
    }
}
