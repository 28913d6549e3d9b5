package io.baton.server.registry;

import io.baton.common.zk.EphemeralRegistration;
import io.baton.common.zk.ZkPaths;
import io.baton.proto.v1.SchedulerInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.CuratorCache;

/**
 * Registers this scheduler node as the ephemeral {@code /schedulers/{nodeId}} holding its
 * {@link SchedulerInfo}, and lists the registered scheduler nodes for cluster status. An
 * {@link EphemeralRegistration} re-creates the node after a session expiry. Owned by {@code SchedulerNode}.
 */
public final class SchedulerRegistration implements AutoCloseable {
    private final EphemeralRegistration node;
    private final CuratorCache schedulers;

    public SchedulerRegistration(CuratorFramework client, SchedulerInfo info) {
        if (info.getNodeId().isEmpty()) throw new IllegalArgumentException("scheduler node id is empty");
        this.node = new EphemeralRegistration(client, ZkPaths.scheduler(info.getNodeId()), info.toByteArray());
        this.schedulers = CuratorCache.build(client, ZkPaths.SCHEDULERS);
    }

    public void start() {
        node.start();
        schedulers.start();
    }

    /** Waits for the first creation of our node; false on timeout. */
    public boolean awaitRegistered(Duration timeout) throws InterruptedException {
        return node.awaitRegistered(timeout);
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
        node.close();
        schedulers.close();
    }
}
