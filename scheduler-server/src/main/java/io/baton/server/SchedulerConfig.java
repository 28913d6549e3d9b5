package io.baton.server;

import io.baton.common.rpc.RpcConfig;
import io.baton.common.zk.ZkClients.ZkSettings;
import io.baton.server.coordinator.CoordinatorConfig;

/**
 * Settings of one scheduler node: its id, ZooKeeper, the host/port of its client endpoint (port 0 picks a
 * free port), RPC and term timing, and how many workers it keeps a connection to while it follows
 * ({@code warmWorkerLinks}, for the term it may win to greet them over; 0: none).
 */
public record SchedulerConfig(String nodeId, ZkSettings zk, String host, int port, RpcConfig rpc,
                              CoordinatorConfig coordinator, int warmWorkerLinks) {
    /**
     * Workers a follower keeps a connection to by default: each such link carries heartbeats both ways (about 20
     * small messages a second with the default RPC settings), so thousands would cost a follower real work; a term
     * dials the workers beyond these itself, as every term did before.
     */
    public static final int DEFAULT_WARM_WORKER_LINKS = 256;

    public SchedulerConfig {
        if (warmWorkerLinks < 0) throw new IllegalArgumentException("warm worker links must not be negative: " + warmWorkerLinks);
        if (nodeId == null || !nodeId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("node id must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}: " + nodeId);
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    }

    public static SchedulerConfig of(String nodeId, ZkSettings zk) {
        return new SchedulerConfig(nodeId, zk, "127.0.0.1", 0, RpcConfig.defaults(), CoordinatorConfig.defaults(), DEFAULT_WARM_WORKER_LINKS);
    }

    public SchedulerConfig withPort(String host, int port) {
        return new SchedulerConfig(nodeId, zk, host, port, rpc, coordinator, warmWorkerLinks);
    }

    public SchedulerConfig withCoordinator(CoordinatorConfig coordinator) {
        return new SchedulerConfig(nodeId, zk, host, port, rpc, coordinator, warmWorkerLinks);
    }

    public SchedulerConfig withWarmWorkerLinks(int links) {
        return new SchedulerConfig(nodeId, zk, host, port, rpc, coordinator, links);
    }
}
