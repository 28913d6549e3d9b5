package io.baton.server.election;

import com.google.protobuf.InvalidProtocolBufferException;
import io.baton.common.zk.ZkPaths;
import io.baton.proto.v1.LeaderInfo;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the {@link ZkPaths#LEADER} node so any scheduler node can tell a client where the leader is.
 * Owned by {@code SchedulerNode}; {@link #leader()} reads a local cache and never blocks.
 */
public final class LeaderTracker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeaderTracker.class);

    private enum Lifecycle { LATENT, STARTED, CLOSED }

    private final CuratorCache cache;
    private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.LATENT);

    public LeaderTracker(CuratorFramework client) {
        this.cache = CuratorCache.build(client, ZkPaths.LEADER, CuratorCache.Options.SINGLE_NODE_CACHE);
    }

    public void start() {
        if (!lifecycle.compareAndSet(Lifecycle.LATENT, Lifecycle.STARTED)) {
            throw new IllegalStateException("leader tracker already started or closed");
        }
        cache.start();
    }

    /** The leader as last seen in ZooKeeper; empty while there is none (or the node is unreadable). */
    public Optional<LeaderInfo> leader() {
        return cache.get(ZkPaths.LEADER).map(ChildData::getData).flatMap(LeaderTracker::parse);
    }

    private static Optional<LeaderInfo> parse(byte[] data) {
        if (data == null) return Optional.empty();
        try {
            return Optional.of(LeaderInfo.parseFrom(data));
        } catch (InvalidProtocolBufferException e) {
            log.warn("unreadable {} node: {}", ZkPaths.LEADER, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        if (lifecycle.getAndSet(Lifecycle.CLOSED) == Lifecycle.STARTED) cache.close();
    }
}
