package io.baton.testing;

import io.baton.common.zk.ZkClients;
import io.baton.common.zk.ZkClients.ZkSettings;
import io.baton.common.zk.ZkPaths;
import io.baton.proto.v1.LeaderInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * Reads a cluster's state straight from ZooKeeper — the leader record, the registered schedulers and
 * workers — without asking any scheduler node. Tests use it to time an election independently of the
 * SDK's retries, and chaos code to look at a cluster whose leader is frozen. Owned by
 * {@link ClusterProcesses}; close is idempotent.
 */
public final class ZooKeeperProbe implements AutoCloseable {
    private final CuratorFramework zk;
    private final AtomicBoolean closed = new AtomicBoolean();

    public ZooKeeperProbe(ZkSettings settings) {
        this.zk = ZkClients.create(settings);
        zk.start();
    }

    /** Waits up to {@code timeout} for a ZooKeeper session; false if none could be established. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return zk.blockUntilConnected((int) Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** The current leader's record, or empty between terms (the node is ephemeral). */
    public Optional<LeaderInfo> leader() {
        try {
            return Optional.of(LeaderInfo.parseFrom(zk.getData().forPath(ZkPaths.LEADER)));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + ZkPaths.LEADER + ": " + e, e);
        }
    }

    /** Ids of the registered workers (ephemeral nodes: a dead worker disappears at its session's end). */
    public List<String> workers() {
        return children(ZkPaths.WORKERS);
    }

    /** Ids of the registered scheduler nodes. */
    public List<String> schedulers() {
        return children(ZkPaths.SCHEDULERS);
    }

    private List<String> children(String path) {
        try {
            return zk.getChildren().forPath(path).stream().sorted().toList();
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (Exception e) {
            throw new IllegalStateException("cannot list " + path + ": " + e, e);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) zk.close();
    }
}
