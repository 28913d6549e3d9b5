package io.baton.client.internal;

import io.baton.common.zk.ZkPaths;
import io.baton.proto.v1.LeaderInfo;
import io.baton.proto.v1.SchedulerInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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

    public List<String> candidates() {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (zk != null) {
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
}
