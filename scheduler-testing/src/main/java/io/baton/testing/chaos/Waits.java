package io.baton.testing.chaos;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Time in the chaos driver: letting the workload run for a planned while (the point of the wait is the
 * passing time itself: faults must hit at chosen moments), and waiting for a condition with a deadline,
 * polled, failing with what was awaited.
 */
final class Waits {
    private static final long POLL_MILLIS = 50;

    private Waits() {}

    /** Lets {@code millis} of wall-clock time pass. */
    static void let(long millis) {
        until(System.currentTimeMillis() + millis);
    }

    /** Returns at wall-clock time {@code atMillis} (at once if it has passed). */
    static void until(long atMillis) {
        long left;
        while ((left = atMillis - System.currentTimeMillis()) > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(left));
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting");
            }
        }
    }

    /** Polls {@code condition} (exceptions count as false) until it holds; fails after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) return;
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + (last == null ? "" : " (last error: " + last + ")"));
            }
            let(POLL_MILLIS);
        }
    }
}
