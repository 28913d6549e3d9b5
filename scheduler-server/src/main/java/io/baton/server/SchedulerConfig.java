package io.baton.server;

import io.baton.common.rpc.RpcConfig;
import io.baton.common.zk.ZkClients.ZkSettings;
import io.baton.server.coordinator.CoordinatorConfig;

/**
 * Settings of one scheduler node: its id, ZooKeeper, the host/port of its client endpoint (port 0 picks a
 * free port), RPC and term timing.
 */
public record SchedulerConfig(String nodeId, ZkSettings zk, String host, int port, RpcConfig rpc,
                              CoordinatorConfig coordinator) {
    public SchedulerConfig {
        if (nodeId == null || !nodeId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("node id must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}: " + nodeId);
        }
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    }

    public static SchedulerConfig of(String nodeId, ZkSettings zk) {
        return new SchedulerConfig(nodeId, zk, "127.0.0.1", 0, RpcConfig.defaults(), CoordinatorConfig.defaults());
    }

    public SchedulerConfig withPort(String host, int port) {
        return new SchedulerConfig(nodeId, zk, host, port, rpc, coordinator);
    }

    public SchedulerConfig withCoordinator(CoordinatorConfig coordinator) {
        return new SchedulerConfig(nodeId, zk, host, port, rpc, coordinator);
    }
}
