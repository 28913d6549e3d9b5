package io.baton.server.coordinator;

import io.baton.proto.v1.WorkerStatus;
import io.baton.server.placement.WorkerSlot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The leader's view of the workers it has a live, greeted connection to, and of the shards it has
 * placed on each. Pure; owned by {@link CoordinatorState}.
 */
final class WorkerBook {
    private static final class View {
        final String id;
        final int capacity;
        final Set<String> handlers;
        final Set<ShardKey> assigned = new HashSet<>();
        boolean draining;
        /** It refused an assignment for want of a free thread: offer nothing until an attempt ends there. */
        boolean full;

        View(String id, int capacity, Collection<String> handlers) {
            this.id = id;
            this.capacity = capacity;
            this.handlers = Set.copyOf(handlers);
        }
    }

    private final Map<String, View> workers = new LinkedHashMap<>();
    /** Cordoned by an operator: no new shards. Kept apart from the views, so it outlives reconnects. */
    private final Set<String> cordoned = new HashSet<>();

    void ready(WorkerStatus status) {
        View v = new View(status.getWorkerId(), status.getCapacity(), status.getHandlersList());
        v.draining = status.getDraining();
        workers.put(status.getWorkerId(), v);
    }

    /** The worker refused for want of a thread (the leader's count was behind): no slots until {@link #slotFreed}. */
    void markFull(String workerId) {
        View v = workers.get(workerId);
        if (v != null) v.full = true;
    }

    /** An attempt ended on the worker: a thread is free there again. */
    void slotFreed(String workerId) {
        View v = workers.get(workerId);
        if (v != null) v.full = false;
    }

    /** The worker takes no new assignments: it offers no slots from now on. */
    void drain(String workerId) {
        View v = workers.get(workerId);
        if (v != null) v.draining = true;
    }

    /** Removes a worker; returns the shards that were placed on it. */
    Set<ShardKey> remove(String workerId) {
        View v = workers.remove(workerId);
        return v == null ? Set.of() : v.assigned;
    }

    boolean isReady(String workerId) {
        return workers.containsKey(workerId);
    }

    void assign(String workerId, ShardKey key) {
        View v = workers.get(workerId);
        if (v != null) v.assigned.add(key);
    }

    void release(String workerId, ShardKey key) {
        View v = workers.get(workerId);
        if (v != null) v.assigned.remove(key);
    }

    /** Whether any worker open to new shards has a free slot (cheaper than building {@link #slots()}). */
    boolean anyFree() {
        for (View v : workers.values()) {
            if (!v.draining && !v.full && !cordoned.contains(v.id) && v.assigned.size() < v.capacity) return true;
        }
        return false;
    }

    List<WorkerSlot> slots() {
        List<WorkerSlot> out = new ArrayList<>(workers.size());
        for (View v : workers.values()) if (!v.draining && !v.full && !cordoned.contains(v.id)) out.add(new WorkerSlot(v.id, v.capacity, v.assigned.size(), v.handlers));
        return out;
    }

    void cordon(String workerId, boolean cordon) {
        if (cordon) cordoned.add(workerId); else cordoned.remove(workerId);
    }

    boolean isCordoned(String workerId) {
        return cordoned.contains(workerId);
    }

    /** What an operator sees of a worker: its load and whether it takes shards. */
    io.baton.proto.v1.WorkerState state(String workerId, int registeredCapacity) {
        View v = workers.get(workerId);
        return io.baton.proto.v1.WorkerState.newBuilder()
                .setWorkerId(workerId)
                .setRunning(v == null ? 0 : v.assigned.size())
                .setCapacity(v == null ? registeredCapacity : v.capacity)
                .setConnected(v != null)
                .setCordoned(cordoned.contains(workerId))
                .setDraining(v != null && v.draining)
                .build();
    }

    Set<String> ids() {
        return Set.copyOf(workers.keySet());
    }

    int running(String workerId) {
        View v = workers.get(workerId);
        return v == null ? 0 : v.assigned.size();
    }
}
