package io.baton.worker.session;

import io.baton.proto.v1.AttemptRef;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently finished attempts, so a re-delivered assignment of one is recognised. Bounded because a
 * worker runs forever; a re-delivery arrives within moments, long before thousands of later attempts end.
 */
final class RecentAttempts {
    static final int DEFAULT_CAPACITY = 10_000;

    private final Map<AttemptRef, Boolean> entries;

    RecentAttempts(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        this.entries = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<AttemptRef, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    void add(AttemptRef ref) { entries.put(ref, Boolean.TRUE); }

    boolean contains(AttemptRef ref) { return entries.containsKey(ref); }
}
