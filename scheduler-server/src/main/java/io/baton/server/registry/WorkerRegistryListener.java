package io.baton.server.registry;

import io.baton.proto.v1.WorkerInfo;

/**
 * Told by {@link WorkerRegistry} when a worker registers, changes its registration, or its ephemeral node
 * disappears. Calls come on a Curator thread: implementations must only enqueue work (never block, never
 * call ZooKeeper synchronously) and must expect a worker's events in the order ZooKeeper saw them.
 */
public interface WorkerRegistryListener {
    void onWorkerJoined(WorkerInfo worker);

    void onWorkerUpdated(WorkerInfo worker);

    /** The worker's node is gone: it closed its registration, or its ZooKeeper session expired. */
    void onWorkerLeft(String workerId);
}
