package io.baton.server.store;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The futures of {@link RunStore} writes still in flight, so closing the store fails them instead of
 * leaving callers waiting forever, and the combination of a group commit's chunk futures into one.
 * Used by {@link MultiWriter} and {@link RunStore}.
 */
final class PendingWrites {
    private final Set<CompletableFuture<Void>> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A new future, tracked until it completes; already failed if the store is closed. */
    CompletableFuture<Void> open() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        if (closed.get()) {
            f.completeExceptionally(closedError());
            return f;
        }
        pending.add(f);
        f.whenComplete((ok, error) -> pending.remove(f));
        return f;
    }

    /** Fails every future in flight. Returns false if already closed. */
    boolean close() {
        if (!closed.compareAndSet(false, true)) return false;
        for (CompletableFuture<Void> f : pending) f.completeExceptionally(closedError());
        return true;
    }

    static IllegalStateException closedError() {
        return new IllegalStateException("run store closed");
    }

    /**
     * Completes when every part has (at once if there are none); with the first failure, a
     * {@link FencedException} taking precedence.
     */
    static CompletableFuture<Void> allOf(List<CompletableFuture<Void>> parts) {
        CompletableFuture<Void> all = new CompletableFuture<>();
        if (parts.isEmpty()) {
            all.complete(null);
            return all;
        }
        AtomicInteger remaining = new AtomicInteger(parts.size());
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        for (CompletableFuture<Void> part : parts) {
            part.whenComplete((ok, error) -> {
                if (error != null && !firstFailure.compareAndSet(null, error) && error instanceof FencedException) {
                    firstFailure.set(error);
                }
                if (remaining.decrementAndGet() > 0) return;
                if (firstFailure.get() == null) all.complete(null); else all.completeExceptionally(firstFailure.get());
            });
        }
        return all;
    }

    /** Completes {@code to} as {@code from} completes. */
    static void forward(CompletableFuture<Void> from, CompletableFuture<Void> to) {
        from.whenComplete((ok, error) -> {
            if (error == null) to.complete(null); else to.completeExceptionally(error);
        });
    }
}
