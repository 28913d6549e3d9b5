package io.baton.client.internal;

import io.baton.common.zk.ZkPaths;
import io.baton.proto.v1.LeaderInfo;
import io.baton.proto.v1.SchedulerInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;

/**
 * Candidate scheduler addresses, best first: the leader named in ZooKeeper, then every registered
 * scheduler node, then any fixed addresses. Reads are best-effort: an unreachable ZooKeeper yields the
 * fixed addresses only.
 */
public final class SchedulerDiscovery {
    private final CuratorFramework zk;
    private final List<String> fixed;

    public SchedulerDiscovery(CuratorFramework zk, List<String> fixed) {
        this.zk = zk;
        this.fixed = List.copyOf(fixed);
    }

    /** Candidates; waits for ZooKeeper at most until {@code deadlineNanos} (System.nanoTime based). */
    public List<String> candidates(long deadlineNanos) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (zk != null && connected(deadlineNanos)) {
            try {
                if (zk.checkExists().forPath(ZkPaths.LEADER) != null) {
                    out.add(LeaderInfo.parseFrom(zk.getData().forPath(ZkPaths.LEADER)).getClientAddress());
                }
            } catch (Exception e) {
                // no leader at the moment, or ZooKeeper unreachable: fall through to the node list
            }
            try {
                for (String child : zk.getChildren().forPath(ZkPaths.SCHEDULERS)) {
                    try {
                        out.add(SchedulerInfo.parseFrom(zk.getData().forPath(ZkPaths.scheduler(child))).getClientAddress());
                    } catch (Exception gone) {
                        // node left between listing and reading
                    }
                }
            } catch (Exception e) {
                // no schedulers registered yet
            }
        }
        out.addAll(fixed);
        return new ArrayList<>(out);
    }

    /** ZooKeeper reads retry inside Curator; only try them with a live connection, so the caller's deadline holds. */
    private boolean connected(long deadlineNanos) {
        if (zk.getZookeeperClient().isConnected()) return true;
        long waitMillis = Math.min(1_000, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
        if (waitMillis <= 0) return false;
        try {
            return zk.blockUntilConnected((int) waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
