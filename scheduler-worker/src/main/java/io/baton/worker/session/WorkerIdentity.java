package io.baton.worker.session;

import java.util.List;
import java.util.Objects;

/** What a worker tells each leader about itself: its id, how many shards it runs at once, and its handlers. */
public record WorkerIdentity(String workerId, int capacity, List<String> handlers) {
    public WorkerIdentity {
        Objects.requireNonNull(workerId, "workerId");
        if (capacity < 1) throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        handlers = handlers.stream().sorted().toList();
    }
}
