package io.baton.server.handover;

import java.util.concurrent.CompletableFuture;

/**
 * The first of two ways to the same stored state: reading the store, and the snapshot the previous leader
 * handed over (which may be on its way, or never come). Both are exactly what is stored at the zxid the term
 * read with its epoch, so whichever comes first serves; the other is cancelled (a read of the store runs to its
 * end regardless, and is dropped). A failed read fails the whole (the term resigns, as without snapshots); a
 * snapshot that fails or is cancelled leaves it to the read. Pure (futures only, no threads).
 */
public final class FirstOf {
    /** Which of the two served. */
    public enum Source { READ, HANDED }

    /** The state and where it came from. */
    public record Outcome<T>(T value, Source source) {}

    private FirstOf() {}

    public static <T> CompletableFuture<Outcome<T>> readOrHanded(CompletableFuture<T> read, CompletableFuture<T> handed) {
        CompletableFuture<Outcome<T>> first = new CompletableFuture<>();
        handed.thenAccept(v -> first.complete(new Outcome<>(v, Source.HANDED)));
        read.whenComplete((v, error) -> {
            if (error == null) first.complete(new Outcome<>(v, Source.READ));
            else first.completeExceptionally(error);
        });
        first.whenComplete((v, error) -> {
            handed.cancel(false);
            read.cancel(false);
        });
        return first;
    }
}
