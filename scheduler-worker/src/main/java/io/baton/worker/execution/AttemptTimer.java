package io.baton.worker.execution;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The attempt timeouts of one {@link ShardExecutor}, all on a single timer thread (started on first use), so
 * timeouts cost no thread per shard. A timeout is armed when the handler starts and disarmed when it returns
 * first. Owned and closed by the executor; timeout actions must be short, since they share the thread.
 */
final class AttemptTimer implements AutoCloseable {
    private final ScheduledThreadPoolExecutor scheduler;

    AttemptTimer(String workerId) {
        scheduler = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = new Thread(task, "baton-shard-timer-" + workerId);
            t.setDaemon(true);
            return t;
        });
        // A disarmed timeout leaves the queue at once: long timeouts of finished attempts hold no memory.
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Runs {@code action} on the timer thread after {@code delay}, unless disarmed first or the timer closed. */
    Armed arm(Duration delay, Runnable action) {
        try {
            ScheduledFuture<?> future = scheduler.schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        } catch (RejectedExecutionException e) {
            // Closed: the executor is cancelling every attempt anyway.
            return Armed.NONE;
        }
    }

    /** How many timeouts are armed and have neither fired nor been disarmed. */
    int pending() {
        return scheduler.getQueue().size();
    }

    /** Drops every pending timeout and stops the timer thread. Idempotent. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** A pending timeout. */
    @FunctionalInterface
    interface Armed {
        /** Nothing armed (the attempt has no timeout). */
        Armed NONE = () -> { };

        /** The timeout will not fire, unless it already has. */
        void disarm();
    }
}
