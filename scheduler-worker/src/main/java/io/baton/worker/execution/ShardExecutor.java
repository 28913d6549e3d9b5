package io.baton.worker.execution;

import io.baton.proto.v1.AssignShard;
import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardReport;
import io.baton.worker.api.ShardHandler;
import io.baton.worker.api.ShardResult;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs shard attempts on exactly {@code capacity} threads. An assignment sent ahead of its fire time (a start
 * delay) holds its slot and thread from arrival and starts at its fire time ({@link StartInstant}); a cancel
 * meanwhile ends it CANCELLED without running it. An assignment is refused (a REFUSED report) when
 * every slot is busy, the handler is unknown or the executor is draining or closed; it is never queued, so
 * the leader always knows where a shard stands. Each accepted attempt reports STARTED, then exactly one
 * terminal report, to the {@link ShardListener} given with it. An assignment with a timeout is cancelled
 * (flag and interrupt) once it has run that long, and then reports TIMED_OUT whatever its handler returns;
 * its slot stays busy until the handler actually returns. Timeouts share one timer thread
 * ({@link AttemptTimer}). Owned by the worker node; {@link #close()} cancels running attempts, {@link #drain}
 * lets them finish.
 */
public final class ShardExecutor implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ShardExecutor.class);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private enum State { LATENT, STARTED, DRAINING, CLOSED }

    private final String workerId;
    private final int capacity;
    private final Map<String, ShardHandler> handlers;
    private final ExecutionJournal journal;
    private final Clock clock;
    private final ThreadPoolExecutor pool;
    private final AttemptTimer timer;
    private final Map<AttemptRef, RunningShard> running = new ConcurrentHashMap<>();
    private State state = State.LATENT;

    public ShardExecutor(String workerId, int capacity, Map<String, ShardHandler> handlers,
                         ExecutionJournal journal, Clock clock) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        this.workerId = workerId;
        this.capacity = capacity;
        this.handlers = Map.copyOf(handlers);
        this.journal = journal;
        this.clock = clock;
        // An attempt holds its slot until its last report, so at most `capacity` tasks are ever queued here,
        // and only for the moment a finishing thread needs to pick the next one up.
        this.pool = new ThreadPoolExecutor(capacity, capacity, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                new ShardThreadFactory(workerId));
        this.timer = new AttemptTimer(workerId);
    }

    public synchronized void start() {
        if (state != State.LATENT) throw new IllegalStateException("executor already " + state);
        pool.prestartAllCoreThreads();
        state = State.STARTED;
    }

    /** Runs {@code assignment}, arriving now, if a slot is free; otherwise reports REFUSED to {@code listener} at once. */
    public void submit(AssignShard assignment, ShardListener listener) {
        submit(assignment, listener, Arrival.now(clock));
    }

    /** As above, for an assignment that reached this worker at {@code arrival} (its start instant counts from it). */
    public void submit(AssignShard assignment, ShardListener listener, Arrival arrival) {
        String refusal;
        synchronized (this) {
            if (running.containsKey(assignment.getRef())) {
                log.debug("attempt {} is already running; ignoring", assignment.getRef());
                return;
            }
            refusal = refusalOf(assignment);
            if (refusal == null) {
                RunningShard shard = new RunningShard(assignment, listener, arrival.nanos(), arrival.wall());
                running.put(shard.ref(), shard);
                pool.execute(() -> run(shard));
                return;
            }
        }
        log.info("refusing shard {}/{}: {}", assignment.getRef().getRunId(), assignment.getRef().getShardIndex(), refusal);
        long now = clock.millis();
        listener.onFinished(report(assignment.getRef(), ShardOutcome.SHARD_OUTCOME_REFUSED, refusal, now, now));
    }

    /** Sets the attempt's cancelled flag and interrupts its thread; false if it is not running. */
    public boolean cancel(AttemptRef ref) {
        RunningShard shard = running.get(ref);
        if (shard == null) return false;
        shard.cancel();
        return true;
    }

    /** How many attempt timeouts are armed and pending; for tests. */
    int pendingTimeouts() {
        return timer.pending();
    }

    public List<AttemptRef> running() {
        return List.copyOf(running.keySet());
    }

    public int capacity() {
        return capacity;
    }

    public Set<String> handlerNames() {
        return new TreeSet<>(handlers.keySet());
    }

    /**
     * Stops accepting (new assignments are refused) and waits up to {@code timeout} for running attempts to
     * finish. Returns true when none is left. {@link #close()} is still needed afterwards.
     */
    public boolean drain(Duration timeout) throws InterruptedException {
        synchronized (this) {
            if (state == State.LATENT || state == State.STARTED) state = State.DRAINING;
            pool.shutdown();
        }
        return pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Refuses new work, cancels running attempts and waits briefly for their reports. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (state == State.CLOSED) return;
            state = State.CLOSED;
            pool.shutdown();
        }
        running.values().forEach(RunningShard::cancel);
        try {
            if (!pool.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} shard(s) ignored cancellation for {}; abandoning them", running.size(), CLOSE_GRACE);
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        } finally {
            timer.close();
        }
    }

    /** Why {@code assignment} cannot run now, or null when it can. Caller holds the lock. */
    private String refusalOf(AssignShard assignment) {
        if (state != State.STARTED) return state == State.LATENT ? "worker not started" : "worker is shutting down";
        if (!handlers.containsKey(assignment.getHandler())) return "unknown handler: " + assignment.getHandler();
        if (running.size() >= capacity) {
            return "no free slot (capacity " + capacity + ")";
        }
        return null;
    }

    private void run(RunningShard shard) {
        AttemptRef ref = shard.ref();
        ShardReport last;
        try {
            shard.awaitStart();
            last = runAttempt(shard);
        } catch (RuntimeException e) {
            // Only a listener or the journal can throw here; the attempt must still end with a report.
            log.error("reporting shard attempt {} failed", ref, e);
            long now = clock.millis();
            last = report(ref, ShardOutcome.SHARD_OUTCOME_FAILED, "worker error: " + e, now, now);
        } finally {
            running.remove(ref);
        }
        shard.listener().onFinished(last);
    }

    private ShardReport runAttempt(RunningShard shard) {
        AttemptRef ref = shard.ref();
        java.time.Instant started = clock.instant();
        long start = started.toEpochMilli();
        if (shard.isCancelled()) {
            return report(ref, ShardOutcome.SHARD_OUTCOME_CANCELLED, "cancelled before start", start, start);
        }
        journal.recordStart(workerId, shard.assignment(), started);
        shard.listener().onStarted(report(ref, ShardOutcome.SHARD_OUTCOME_STARTED, "", start, 0));
        AttemptOutcome outcome = execute(handlers.get(shard.assignment().getHandler()), shard);
        long end = clock.millis();
        journal.record(workerId, shard.assignment(), start, end, outcome.outcome());
        return report(ref, outcome.outcome(), outcome.message(), start, end);
    }

    /** Runs the handler on this thread under the attempt's timeout, and decides the attempt's outcome. */
    private AttemptOutcome execute(ShardHandler handler, RunningShard shard) {
        AttemptTimer.Armed timeout = armTimeout(shard);
        shard.bind(Thread.currentThread());
        ShardResult result = null;
        Throwable thrown = null;
        try {
            result = handler.execute(shard);
        } catch (Throwable t) { // a handler's Error must still end in a report, or the leader waits forever
            thrown = t;
        }
        StopCause stop = shard.unbind();
        timeout.disarm();
        if (thrown == null) return AttemptOutcome.ofResult(result, stop, shard.timeoutMillis());
        AttemptOutcome outcome = AttemptOutcome.ofThrown(thrown, stop, shard.timeoutMillis());
        if (outcome.outcome() == ShardOutcome.SHARD_OUTCOME_FAILED) {
            log.info("shard {}/{} attempt {} failed", shard.runId(), shard.shardIndex(), shard.attempt(), thrown);
        }
        return outcome;
    }

    /** Cancels the attempt (flag and interrupt) once it has run for its timeout, if it has one. */
    private AttemptTimer.Armed armTimeout(RunningShard shard) {
        long millis = shard.timeoutMillis();
        if (millis == 0) return AttemptTimer.Armed.NONE;
        return timer.arm(Duration.ofMillis(millis), () -> {
            if (shard.timeOut()) {
                log.info("shard {}/{} attempt {} timed out after {} ms; cancelling it",
                        shard.runId(), shard.shardIndex(), shard.attempt(), millis);
            }
        });
    }

    private ShardReport report(AttemptRef ref, ShardOutcome outcome, String message, long started, long finished) {
        return ShardReport.newBuilder()
                .setRef(ref)
                .setOutcome(outcome)
                .setMessage(ShardResult.truncate(message))
                .setWorkerId(workerId)
                .setStartedMillis(started)
                .setFinishedMillis(finished)
                .build();
    }

    /** Names shard threads after the worker so thread dumps show whose shards they are. */
    private static final class ShardThreadFactory implements java.util.concurrent.ThreadFactory {
        private final String prefix;
        private final AtomicInteger next = new AtomicInteger();

        ShardThreadFactory(String workerId) {
            this.prefix = "baton-shard-" + workerId + "-";
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread t = new Thread(task, prefix + next.incrementAndGet());
            // A handler that ignores cancellation must not keep a closed worker's JVM alive.
            t.setDaemon(true);
            return t;
        }
    }
}
