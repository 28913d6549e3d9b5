package io.baton.testing.zookeeper;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The lifecycle shared by {@link StandaloneZooKeeper} and {@link QuorumZooKeeper}: LATENT → STARTED →
 * CLOSED by compare-and-set, the one thread a ZooKeeper server runs on, waiting for it to end, and an
 * idempotent close that stops the server and waits (bounded) for the thread.
 */
final class ServerThread {
    private static final long JOIN_SECONDS = 10;

    private enum State { LATENT, STARTED, CLOSED }

    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private volatile Thread thread;

    /** Moves LATENT → STARTED; throws if the server was started (or closed) before. */
    void claimStart() {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) throw new IllegalStateException("already started");
    }

    /** Runs {@code body} on a new thread named {@code name}. */
    void launch(String name, Runnable body) {
        Thread t = new Thread(body, name);
        thread = t;
        t.start();
    }

    /** Blocks until the server's thread ends (after {@link #close} from another thread). */
    void awaitTermination() throws InterruptedException {
        Thread t = thread;
        if (t != null) t.join();
    }

    /** Once, if started: runs {@code stop} and waits up to 10 s for the thread. */
    void close(Runnable stop) {
        if (state.getAndSet(State.CLOSED) != State.STARTED) return;
        stop.run();
        Thread t = thread;
        if (t == null) return;
        try {
            t.join(TimeUnit.SECONDS.toMillis(JOIN_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
