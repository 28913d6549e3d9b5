package io.baton.worker.registration;

import io.baton.common.zk.ZkPaths;
import io.baton.proto.v1.WorkerInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces this worker to the schedulers as the ephemeral {@code /workers/{workerId}} holding its
 * {@link WorkerInfo}; the leader dials the address it names. A Curator {@link PersistentNode} keeps the node
 * there: after a session expiry it is created again, so a worker never needs a restart to rejoin. Owned by
 * the worker process; the caller owns the Curator client.
 */
public final class WorkerRegistration implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerRegistration.class);

    private enum Lifecycle { LATENT, STARTED, CLOSED }

    private final PersistentNode node;
    private final String workerId;
    private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.LATENT);

    public WorkerRegistration(CuratorFramework client, WorkerInfo info) {
        if (info.getWorkerId().isEmpty()) throw new IllegalArgumentException("worker id is empty");
        if (info.getWorkerId().contains("/")) throw new IllegalArgumentException("worker id contains '/': " + info.getWorkerId());
        this.workerId = info.getWorkerId();
        this.node = new PersistentNode(client, CreateMode.EPHEMERAL, false, ZkPaths.worker(workerId), info.toByteArray());
    }

    /** Starts registering in the background; see {@link #awaitRegistered}. */
    public void start() {
        if (!lifecycle.compareAndSet(Lifecycle.LATENT, Lifecycle.STARTED)) {
            throw new IllegalStateException("worker registration already started or closed");
        }
        node.start();
    }

    /** Waits for the first creation of the node; false on timeout. */
    public boolean awaitRegistered(Duration timeout) throws InterruptedException {
        if (lifecycle.get() != Lifecycle.STARTED) throw new IllegalStateException("worker registration is not started");
        return node.waitForInitialCreate(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
        if (lifecycle.getAndSet(Lifecycle.CLOSED) != Lifecycle.STARTED) return;
        try {
            node.close();
        } catch (IOException e) {
            log.warn("could not remove the registration of worker {}: {}", workerId, e.toString());
        }
    }
}
