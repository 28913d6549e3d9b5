package io.baton.server.schedule;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * Next fire time of every scheduled job, in a priority queue so the leader only looks at what is due
 * (no scan of all jobs per tick). Replacing or removing a job is O(log n) amortised: stale queue entries
 * are skipped lazily when they surface.
 */
public final class FireQueue {
    private record Entry(long fireMillis, String job) {}

    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) -> {
        int c = Long.compare(a.fireMillis, b.fireMillis);
        return c != 0 ? c : a.job.compareTo(b.job);
    });
    private final Map<String, Long> next = new HashMap<>();

    /** Sets (or replaces) the next fire of {@code job}. */
    public void schedule(String job, long fireMillis) {
        next.put(job, fireMillis);
        queue.add(new Entry(fireMillis, job));
    }

    public void remove(String job) {
        next.remove(job);
    }

    /** The pending fire of {@code job}, if it has one. */
    public Optional<Long> fireOf(String job) {
        return Optional.ofNullable(next.get(job));
    }

    /** A fire that is due: the job and its scheduled time. */
    public record Due(String job, long fireMillis) {}

    /** Removes and returns every fire due at or before {@code nowMillis}, earliest first. */
    public List<Due> pollDue(long nowMillis) {
        List<Due> due = new ArrayList<>();
        while (!queue.isEmpty() && queue.peek().fireMillis <= nowMillis) {
            Entry e = queue.poll();
            Long current = next.get(e.job);
            if (current != null && current == e.fireMillis) {
                next.remove(e.job);
                due.add(new Due(e.job, e.fireMillis));
            }
        }
        return due;
    }

    /** The earliest pending fire time, if any. */
    public Optional<Long> earliest() {
        while (!queue.isEmpty()) {
            Entry e = queue.peek();
            Long current = next.get(e.job);
            if (current != null && current == e.fireMillis) return Optional.of(e.fireMillis);
            queue.poll();
        }
        return Optional.empty();
    }

    public int size() {
        return next.size();
    }
}
