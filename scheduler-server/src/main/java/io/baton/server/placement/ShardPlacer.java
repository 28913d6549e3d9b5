package io.baton.server.placement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Chooses a worker for each shard: among live workers that support the handler and have a free slot,
 * the one running the fewest shards; ties go round-robin (a cursor that advances past each pick, so equal
 * workers take turns across calls). Pure: inputs in, assignments out; the caller owns the cursor's instance.
 */
public final class ShardPlacer {
    private long turn;
    private final Map<String, Long> lastPicked = new HashMap<>();

    /** One placement decision: shard {@code shardIndex} goes to {@code workerId}. */
    public record Placement(int shardIndex, String workerId) {}

    /**
     * Places as many of {@code shardIndexes} (all of one handler) as capacity allows, in the given order.
     * Shards that fit nowhere are left out of the result and stay pending.
     */
    public List<Placement> place(String handler, List<Integer> shardIndexes, List<WorkerSlot> workers) {
        Map<String, Integer> running = new HashMap<>();
        PriorityQueue<WorkerSlot> queue = new PriorityQueue<>(Comparator
                .comparingInt((WorkerSlot w) -> running.get(w.workerId()))
                .thenComparingLong(w -> lastPicked.getOrDefault(w.workerId(), -1L))
                .thenComparing(WorkerSlot::workerId));
        for (WorkerSlot w : workers) {
            if (w.supports(handler) && w.free() > 0) {
                running.put(w.workerId(), w.running());
                queue.add(w);
            }
        }
        List<Placement> out = new ArrayList<>();
        for (int shard : shardIndexes) {
            Optional<WorkerSlot> pick = Optional.ofNullable(queue.poll());
            if (pick.isEmpty()) break;
            WorkerSlot w = pick.get();
            out.add(new Placement(shard, w.workerId()));
            int now = running.merge(w.workerId(), 1, Integer::sum);
            lastPicked.put(w.workerId(), turn++);
            if (now < w.capacity()) queue.add(w);
        }
        return out;
    }

    /** Forgets a worker that left, so the cursor map does not grow without bound. */
    public void forget(String workerId) {
        lastPicked.remove(workerId);
    }
}
