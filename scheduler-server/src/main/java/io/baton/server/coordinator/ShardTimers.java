package io.baton.server.coordinator;

import io.baton.server.run.AttemptId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Per-shard instants the leader must act on: an attempt's deadline (timeout plus grace), the end of a
 * retry backoff, and the fire time of a run decided ahead of it (keyed by its shard 0). A priority queue, earliest first; entries are never removed early; whoever polls them
 * checks that the shard is still at that attempt/state (stale entries are simply ignored). Pure.
 */
final class ShardTimers {
    enum Kind { DEADLINE, RETRY, FIRE_TIME }

    record Timer(long atMillis, Kind kind, ShardKey shard, AttemptId attempt) {}

    private final PriorityQueue<Timer> queue = new PriorityQueue<>((a, b) -> Long.compare(a.atMillis, b.atMillis));

    void deadline(long atMillis, ShardKey shard, AttemptId attempt) {
        queue.add(new Timer(atMillis, Kind.DEADLINE, shard, attempt));
    }

    void retry(long atMillis, ShardKey shard) {
        queue.add(new Timer(atMillis, Kind.RETRY, shard, AttemptId.NONE));
    }

    void fireTime(long atMillis, String runId) {
        queue.add(new Timer(atMillis, Kind.FIRE_TIME, new ShardKey(runId, 0), AttemptId.NONE));
    }

    /** Removes and returns every timer due at or before {@code nowMillis}, earliest first. */
    List<Timer> pollDue(long nowMillis) {
        List<Timer> due = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().atMillis() <= nowMillis) due.add(queue.poll());
        return due;
    }

    Optional<Long> earliest() {
        return queue.isEmpty() ? Optional.empty() : Optional.of(queue.peek().atMillis());
    }

    int size() {
        return queue.size();
    }
}
