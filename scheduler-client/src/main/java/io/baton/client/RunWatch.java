package io.baton.client;

import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A running watch of one run ({@link BatonClient#watchRun}): polls the run and reports changes to a
 * {@link RunListener} on a daemon thread. {@link #close()} stops it; {@link #await} waits for its end.
 */
public final class RunWatch implements AutoCloseable {
    private final Thread thread;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile boolean closed;

    private RunWatch(BatonClient client, String runId, Duration interval, RunListener listener) {
        this.thread = new Thread(() -> poll(client, runId, interval, listener), "baton-watch-" + runId);
        this.thread.setDaemon(true);
    }

    static RunWatch start(BatonClient client, String runId, Duration interval, RunListener listener) {
        RunWatch watch = new RunWatch(client, runId, interval, listener);
        watch.thread.start();
        return watch;
    }

    private void poll(BatonClient client, String runId, Duration interval, RunListener listener) {
        RunRecord previous = null;
        try {
            while (!closed) {
                RunRecord current = client.getRun(runId);
                if (!current.equals(previous)) listener.onChange(previous, current);
                previous = current;
                if (current.getState() != RunState.RUN_STATE_RUNNING && current.getState() != RunState.RUN_STATE_QUEUED) {
                    listener.onFinished(current);
                    return;
                }
                if (ended.await(interval.toMillis(), TimeUnit.MILLISECONDS)) return;
            }
        } catch (BatonException e) {
            if (!closed) listener.onError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ended.countDown();
        }
    }

    /** Waits until the watch has ended (run finished, error, or closed); true if it ended within {@code timeout}. */
    public boolean await(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops polling; no listener call starts afterwards. Idempotent. */
    @Override
    public void close() {
        closed = true;
        ended.countDown();
    }
}
