package io.baton.worker.execution;

import java.time.Clock;
import java.time.Instant;

/**
 * When an assignment reached this worker: {@code nanos} on the {@code System.nanoTime()} scale and
 * {@code wall} on this worker's clock. Taken where the message is read off the connection, not where the
 * executor gets it: the hand-over between the two threads is part of the transit that {@link StartInstant}
 * would otherwise have to make up for.
 */
public record Arrival(long nanos, Instant wall) {
    public static Arrival now(Clock clock) {
        return new Arrival(System.nanoTime(), clock.instant());
    }
}
