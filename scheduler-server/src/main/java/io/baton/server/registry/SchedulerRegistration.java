package io.baton.server.registry;

import io.baton.common.zk.ZkPaths;
import io.baton.proto.v1.SchedulerInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers this scheduler node as the ephemeral {@code /schedulers/{nodeId}} holding its
 * {@link SchedulerInfo}, and lists the registered scheduler nodes for cluster status. A Curator
 * {@link PersistentNode} re-creates the node after a session expiry. Owned by {@code SchedulerNode}.
 */
public final class SchedulerRegistration implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SchedulerRegistration.class);

    private enum Lifecycle { LATENT, STARTED, CLOSED }

    private final PersistentNode node;
    private final CuratorCache schedulers;
    private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.LATENT);

    public SchedulerRegistration(CuratorFramework client, SchedulerInfo info) {
        if (info.getNodeId().isEmpty()) throw new IllegalArgumentException("scheduler node id is empty");
        this.node = new PersistentNode(client, CreateMode.EPHEMERAL, false, ZkPaths.scheduler(info.getNodeId()), info.toByteArray());
        this.schedulers = CuratorCache.build(client, ZkPaths.SCHEDULERS);
    }

    public void start() {
        if (!lifecycle.compareAndSet(Lifecycle.LATENT, Lifecycle.STARTED)) {
            throw new IllegalStateException("scheduler registration already started or closed");
        }
        schedulers.start();
        node.start();
    }

    /** Waits for the first creation of our node; false on timeout. */
    public boolean awaitRegistered(Duration timeout) throws InterruptedException {
        return node.waitForInitialCreate(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The scheduler nodes registered now, as this node's cache sees them; never blocks. */
    public List<SchedulerInfo> listSchedulers() {
        return schedulers.stream()
                .filter(n -> RegisteredNodes.isChildOf(ZkPaths.SCHEDULERS, n))
                .map(n -> RegisteredNodes.parse(n, SchedulerInfo.parser()))
                .flatMap(Optional::stream)
                .toList();
    }

    /** Removes our node and stops listing. Idempotent. */
    @Override
    public void close() {
        if (lifecycle.getAndSet(Lifecycle.CLOSED) != Lifecycle.STARTED) return;
        try {
            node.close();
        } catch (IOException e) {
            log.warn("could not remove the scheduler registration: {}", e.toString());
        }
        schedulers.close();
    }
}
