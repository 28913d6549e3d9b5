package io.baton.server.coordinator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The coordinator loop's queue of events, where reports that arrive while the loop is busy join one batch:
 * one event handles them all (one placement pass, one batch of sends per worker) at the place in the event
 * order of the first of them. Any other event queued after it closes the batch, and so does the start of the
 * batch's own handling, so events are still handled in arrival order. Thread-safe.
 *
 * @param <R> a report
 */
final class EventQueue<R> {
    private final Executor loop;
    private final Object lock = new Object();
    /** The batch whose event is the latest on the loop's queue, still taking reports; null if none. */
    private List<R> openBatch;

    EventQueue(Executor loop) {
        this.loop = loop;
    }

    /** Queues an event; reports after it start a new batch. Throws RejectedExecutionException once the loop is closed. */
    void event(Runnable task) {
        synchronized (lock) {
            openBatch = null;
            loop.execute(task);
        }
    }

    /** Adds {@code report} to the open batch, or queues a new batch that {@code handler} will be given. Dropped once the loop is closed. */
    void report(R report, Consumer<List<R>> handler) {
        synchronized (lock) {
            if (openBatch != null) {
                openBatch.add(report);
                return;
            }
            List<R> batch = new ArrayList<>();
            batch.add(report);
            openBatch = batch;
            try {
                loop.execute(() -> {
                    synchronized (lock) {
                        if (openBatch == batch) openBatch = null;
                    }
                    handler.accept(batch);
                });
            } catch (RejectedExecutionException closed) {
                openBatch = null; // the term ended while the report was on its way
            }
        }
    }
}
