package io.baton.worker.execution;

import io.baton.proto.v1.AssignShard;
import io.baton.proto.v1.AttemptRef;
import io.baton.worker.api.ShardContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * One attempt in a {@link ShardExecutor}: the context its handler sees, plus the cancellation flag, what
 * stopped the attempt first (a cancel or its timeout) and the thread to interrupt. Binding, unbinding,
 * cancelling and timing out are synchronized, so a late cancel can never interrupt the next attempt that
 * reuses the pool thread, and a timeout either fires before the handler returned or not at all.
 */
final class RunningShard implements ShardContext {
    private final AssignShard assignment;
    private final ShardListener listener;
    private volatile boolean cancelled;
    private StopCause stopCause = StopCause.NONE;
    private boolean ended;
    private Thread thread;
    /** System.nanoTime() at which the attempt may start (see {@link StartInstant}). */
    private final long startAtNanos;
    /** The pool thread waiting for the start instant, woken early by a cancel. */
    private Thread waiter;

    /** An attempt arriving now (on the system clock). */
    RunningShard(AssignShard assignment, ShardListener listener) {
        this(assignment, listener, System.nanoTime(), Instant.now());
    }

    /**
     * An attempt that arrived at {@code arrivedNanos} (System.nanoTime()), {@code arrivedWall} on this worker's
     * clock; one sent ahead of its fire time starts as {@link StartInstant} says.
     */
    RunningShard(AssignShard assignment, ShardListener listener, long arrivedNanos, Instant arrivedWall) {
        this.assignment = assignment;
        this.listener = listener;
        this.startAtNanos = StartInstant.startAtNanos(arrivedNanos, ChronoUnit.MICROS.between(Instant.EPOCH, arrivedWall),
                assignment.getFireTimeMillis(), assignment.getStartDelayMicros(), StartInstant.TOLERANCE_MICROS);
    }

    /**
     * On the attempt's pool thread: waits until its start instant (a shard sent ahead of its fire time) or a
     * cancel, whichever comes first. Its slot is held meanwhile.
     */
    void awaitStart() {
        synchronized (this) {
            waiter = Thread.currentThread();
        }
        try {
            long remaining;
            while (!cancelled && (remaining = startAtNanos - System.nanoTime()) > 0) LockSupport.parkNanos(this, remaining);
        } finally {
            synchronized (this) {
                waiter = null;
            }
        }
    }

    AssignShard assignment() { return assignment; }

    AttemptRef ref() { return assignment.getRef(); }

    ShardListener listener() { return listener; }

    /** The attempt's time limit in milliseconds; 0 when it has none. */
    long timeoutMillis() {
        return Math.max(0, assignment.getTimeoutMillis());
    }

    /** The leader, or the closing worker, stops the attempt. */
    synchronized void cancel() {
        stop(StopCause.CANCELLED);
    }

    /**
     * The attempt's timeout fired. Returns false, changing nothing, when the handler has already returned
     * (the attempt is reported as it ended) or a cancel came first.
     */
    synchronized boolean timeOut() {
        if (ended || stopCause != StopCause.NONE) return false;
        stop(StopCause.TIMED_OUT);
        return true;
    }

    private void stop(StopCause cause) {
        if (stopCause == StopCause.NONE) stopCause = cause;
        cancelled = true;
        if (thread != null) thread.interrupt();
        if (waiter != null) LockSupport.unpark(waiter);
    }

    /** The attempt starts on {@code current}; a cancel that came first interrupts it at once. */
    synchronized void bind(Thread current) {
        thread = current;
        if (cancelled) current.interrupt();
    }

    /**
     * The handler returned: forget the thread, clear any interrupt meant for this attempt, and say what
     * stopped the attempt first, if anything. Later stops no longer change the attempt's report.
     */
    synchronized StopCause unbind() {
        ended = true;
        thread = null;
        Thread.interrupted();
        return stopCause;
    }

    @Override public String jobName() { return assignment.getJobName(); }
    @Override public String runId() { return assignment.getRef().getRunId(); }
    @Override public int shardIndex() { return assignment.getRef().getShardIndex(); }
    @Override public int shardCount() { return assignment.getShardCount(); }
    @Override public String shardParameter() { return assignment.getShardParameter(); }
    @Override public String jobParameter() { return assignment.getJobParameter(); }
    @Override public int attempt() { return assignment.getRef().getAttempt(); }
    @Override public long assignEpoch() { return assignment.getRef().getAssignEpoch(); }
    @Override public Instant fireTime() { return Instant.ofEpochMilli(assignment.getFireTimeMillis()); }
    @Override public boolean isCancelled() { return cancelled; }

    @Override
    public Optional<Duration> timeout() {
        long millis = timeoutMillis();
        return millis > 0 ? Optional.of(Duration.ofMillis(millis)) : Optional.empty();
    }
}
