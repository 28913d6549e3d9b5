package io.baton.worker.registration;

import io.baton.common.zk.EphemeralRegistration;
import io.baton.common.zk.ZkPaths;
import io.baton.proto.v1.WorkerInfo;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;

/**
 * Announces this worker to the schedulers as the ephemeral {@code /workers/{workerId}} holding its
 * {@link WorkerInfo}; the leader dials the address it names. An {@link EphemeralRegistration} keeps the node
 * there: after a session expiry it is created again, so a worker never needs a restart to rejoin. Owned by
 * the worker process; the caller owns the Curator client.
 */
public final class WorkerRegistration implements AutoCloseable {
    private final EphemeralRegistration node;
    private final String workerId;

    public WorkerRegistration(CuratorFramework client, WorkerInfo info) {
        if (info.getWorkerId().isEmpty()) throw new IllegalArgumentException("worker id is empty");
        if (info.getWorkerId().contains("/")) throw new IllegalArgumentException("worker id contains '/': " + info.getWorkerId());
        this.workerId = info.getWorkerId();
        this.node = new EphemeralRegistration(client, ZkPaths.worker(workerId), info.toByteArray());
    }

    /** Starts registering in the background; see {@link #awaitRegistered}. */
    public void start() {
        node.start();
    }

    /** Waits for the first creation of the node; false on timeout. */
    public boolean awaitRegistered(Duration timeout) throws InterruptedException {
        return node.awaitRegistered(timeout);
    }

    /** Publishes changed details (capacity, handlers); the worker id must stay the same. */
    public void update(WorkerInfo info) throws Exception {
        if (!info.getWorkerId().equals(workerId)) {
            throw new IllegalArgumentException("worker id cannot change from " + workerId + " to " + info.getWorkerId());
        }
        node.setData(info.toByteArray());
    }

    public String workerId() {
        return workerId;
    }

    /** Removes the node, so schedulers see the worker leave at once. Idempotent. */
    @Override
    public void close() {
        node.close();
    }
}
