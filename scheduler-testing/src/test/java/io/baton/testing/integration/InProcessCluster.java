package io.baton.testing.integration;

import io.baton.common.rpc.RpcConfig;
import io.baton.common.zk.ZkClients;
import io.baton.common.zk.ZkClients.ZkSettings;
import io.baton.server.SchedulerConfig;
import io.baton.server.SchedulerNode;
import io.baton.server.coordinator.CoordinatorConfig;
import io.baton.worker.WorkerConfig;
import io.baton.worker.WorkerNode;
import io.baton.worker.api.ShardHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;

/**
 * A real cluster inside the test JVM: a curator-test ZooKeeper server (real server, real TCP port),
 * scheduler nodes and workers talking real Netty over loopback. Closes everything it started.
 */
final class InProcessCluster implements AutoCloseable {
    static final Duration SESSION = Duration.ofSeconds(3);

    private final TestingServer zk;
    private final List<SchedulerNode> schedulers = new ArrayList<>();
    private final List<WorkerNode> workers = new ArrayList<>();
    private final List<CuratorFramework> curators = new ArrayList<>();

    InProcessCluster() throws Exception {
        // tickTime 500 ms lets ZooKeeper grant our short (3 s) sessions
        InstanceSpec spec = new InstanceSpec(null, -1, -1, -1, true, -1, 500, -1);
        zk = new TestingServer(spec, true);
    }

    ZkSettings zkSettings() {
        return new ZkSettings(zk.getConnectString(), "baton", SESSION, Duration.ofSeconds(3));
    }

    String connectString() {
        return zk.getConnectString();
    }

    SchedulerNode startScheduler(String id) throws Exception {
        return startScheduler(id, CoordinatorConfig.DEFAULT_FIRE_LEAD);
    }

    /** A scheduler node deciding scheduled fires up to {@code fireLead} ahead of their time (0: when due). */
    SchedulerNode startScheduler(String id, Duration fireLead) throws Exception {
        return startScheduler(id, coordinatorConfig().withFireLead(fireLead));
    }

    /** The coordinator timing of this cluster's schedulers (a 1 s recovery window, short retries). */
    static CoordinatorConfig coordinatorConfig() {
        return new CoordinatorConfig(Duration.ofMillis(1000), Duration.ofSeconds(1), Duration.ofMillis(100));
    }

    SchedulerNode startScheduler(String id, CoordinatorConfig coordinator) throws Exception {
        SchedulerConfig config = new SchedulerConfig(id, zkSettings(), "127.0.0.1", 0, RpcConfig.defaults(), coordinator,
                SchedulerConfig.DEFAULT_WARM_WORKER_LINKS);
        SchedulerNode node = new SchedulerNode(config, Clock.systemUTC());
        schedulers.add(node);
        node.start();
        return node;
    }

    WorkerNode startWorker(String id, int capacity, Map<String, ShardHandler> handlers) throws Exception {
        CuratorFramework curator = ZkClients.create(zkSettings());
        curator.start();
        curators.add(curator);
        WorkerNode worker = new WorkerNode(WorkerConfig.defaults().withWorkerId(id).withCapacity(capacity), curator, handlers);
        workers.add(worker);
        worker.start();
        return worker;
    }

    /** Stops the ZooKeeper server and starts it again on the same port and data (sessions survive a short outage). */
    void restartZooKeeper() throws Exception {
        zk.restart();
    }

    List<SchedulerNode> schedulers() {
        return schedulers;
    }

    Optional<SchedulerNode> leader() {
        return schedulers.stream().filter(SchedulerNode::isLeader).findFirst();
    }

    @Override
    public void close() throws Exception {
        for (WorkerNode w : workers) w.close();
        for (SchedulerNode s : schedulers) s.close();
        for (CuratorFramework c : curators) c.close();
        zk.close();
    }
}
