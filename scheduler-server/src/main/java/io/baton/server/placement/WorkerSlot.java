package io.baton.server.placement;

import java.util.Set;

/** What placement needs to know of a live worker: capacity, load, handlers. Immutable snapshot. */
public record WorkerSlot(String workerId, int capacity, int running, Set<String> handlers) {
    public WorkerSlot {
        handlers = Set.copyOf(handlers);
    }

    public int free() {
        return Math.max(0, capacity - running);
    }

    public boolean supports(String handler) {
        return handlers.contains(handler);
    }
}
