package io.baton.server.coordinator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Fire decisions on their way to the store: queued in decision order and sent as batches of at most one multi
 * ({@code target} bytes) each. Less than a multi's worth goes alone (the coordinator paces it, so what arrives
 * meanwhile joins it); while a whole multi's worth waits, up to {@link #MAX_IN_FLIGHT} batches are in flight at
 * once, each naming the one sent just before it ({@link Sending#after}), which the store makes it follow: it is
 * stored only if that one is. A batch that fails goes back to the front of the queue with every batch sent after
 * it (they fail too, as they follow it), to be sent again in the same order; {@link #MAX_FAILURES} failures in a
 * row and the term gives up. Pure; not thread-safe (the coordinator's loop).
 */
final class CreationPipeline {
    /** Batches in flight at most (each at most one multi). */
    static final int MAX_IN_FLIGHT = 8;
    /** Failed sends in a row after which the term gives up: its successor decides these fires again. */
    static final int MAX_FAILURES = 5;

    /** A batch sent: its number, and the number of the batch in flight it follows (0: none). */
    record Sending(long number, CreationBatch batch, long after) {}

    /** What a failed send calls for. */
    enum Verdict {
        /** The batch had gone back to the queue already, with an earlier one's failure: nothing to do. */
        IGNORE,
        /** Back in the queue (with the ones after it): send again after a pause. */
        RETRY,
        /** Failed too often in a row: end the term. */
        GIVE_UP
    }

    private final long target;
    private final CreationBatch.Sizes sizes;
    private final ArrayDeque<CreationBatch> queue = new ArrayDeque<>();
    /** The size of each batch in {@link #queue}, in the same order: summed once per batch, not per take. */
    private final ArrayDeque<Long> queuedSizes = new ArrayDeque<>();
    private long queuedBytes;
    private final ArrayDeque<Sending> inFlight = new ArrayDeque<>();
    private long lastNumber;
    private int failuresInARow;

    CreationPipeline(long target, CreationBatch.Sizes sizes) {
        if (target <= 0) throw new IllegalArgumentException("target must be positive: " + target);
        this.target = target;
        this.sizes = sizes;
    }

    /** Queues {@code batch}, in pieces of at most one multi when larger ({@link CreationBatch#split}). */
    void add(CreationBatch batch) {
        for (CreationBatch piece : CreationBatch.split(batch, target, sizes)) {
            long bytes = CreationBatch.bytes(piece, sizes);
            queue.add(piece);
            queuedSizes.add(bytes);
            queuedBytes += bytes;
        }
    }

    /** The batches waiting, in order (a view). */
    Collection<CreationBatch> queued() {
        return Collections.unmodifiableCollection(queue);
    }

    int inFlight() {
        return inFlight.size();
    }

    /** Whether a batch may be sent now: one waits and fewer than {@link #MAX_IN_FLIGHT} are in flight. */
    boolean canSend() {
        return !queue.isEmpty() && inFlight.size() < MAX_IN_FLIGHT;
    }

    /** Whether at least a whole multi's worth waits: it goes without waiting for pacing or the ones in flight. */
    boolean fullBatchWaiting() {
        return queuedBytes >= target;
    }

    /** Takes the next batch to send (the head and what fits with it) and counts it in flight; call when {@link #canSend}. */
    Sending take() {
        if (!canSend()) throw new IllegalStateException("nothing to send, or " + MAX_IN_FLIGHT + " batches in flight");
        int before = queue.size();
        CreationBatch batch = CreationBatch.takeMerged(queue, target, sizes);
        for (int taken = before - queue.size(); taken > 0; taken--) queuedBytes -= queuedSizes.poll();
        Sending s = new Sending(++lastNumber, batch, inFlight.isEmpty() ? 0 : inFlight.peekLast().number());
        inFlight.add(s);
        return s;
    }

    /** {@code s} is stored. False when it was not in flight (it had gone back to the queue): a broken order. */
    boolean succeeded(Sending s) {
        if (!inFlight.remove(s)) return false;
        failuresInARow = 0;
        return true;
    }

    /**
     * {@code s} was not stored (for another reason than fencing, a connection loss or a run that exists):
     * it and every batch sent after it go back to the front of the queue, in order.
     */
    Verdict failed(Sending s) {
        if (!inFlight.contains(s)) return Verdict.IGNORE;
        List<Sending> back = new ArrayList<>();
        boolean from = false;
        for (Iterator<Sending> it = inFlight.iterator(); it.hasNext(); ) {
            Sending each = it.next();
            if (each.equals(s)) from = true;
            if (from) {
                back.add(each);
                it.remove();
            }
        }
        for (int i = back.size() - 1; i >= 0; i--) {
            long bytes = CreationBatch.bytes(back.get(i).batch(), sizes);
            queue.addFirst(back.get(i).batch());
            queuedSizes.addFirst(bytes);
            queuedBytes += bytes;
        }
        return ++failuresInARow >= MAX_FAILURES ? Verdict.GIVE_UP : Verdict.RETRY;
    }
}
