package io.baton.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.baton.common.zk.ZkPaths;
import io.baton.common.zk.ZooKeeperFixture;
import io.baton.proto.v1.WorkerInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Workers are simulated with raw ephemeral nodes; scheduler-worker tests its own WorkerRegistration. */
class WorkerRegistryTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    @RegisterExtension
    static final ZooKeeperFixture zk = new ZooKeeperFixture();

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private CuratorFramework schedulerClient;
    private WorkerRegistry registry;

    @BeforeEach
    void startRegistry() throws Exception {
        schedulerClient = zk.newClient();
        registry = new WorkerRegistry(schedulerClient, new WorkerRegistryListener() {
            @Override public void onWorkerJoined(WorkerInfo w) { events.add("joined " + w.getWorkerId() + " " + w.getCapacity()); }
            @Override public void onWorkerUpdated(WorkerInfo w) { events.add("updated " + w.getWorkerId() + " " + w.getCapacity()); }
            @Override public void onWorkerLeft(String workerId) { events.add("left " + workerId); }
        });
        closeables.add(registry);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) closeables.get(i).close();
    }

    @Test
    void seesAWorkerJoinChangeAndLeave() throws Exception {
        registry.start();
        CuratorFramework worker = zk.newClient();

        worker.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.worker("w1"), info("w1", 4));
        await().atMost(WAIT).until(() -> events.contains("joined w1 4"));
        assertThat(registry.workers()).containsExactly(WorkerInfo.parseFrom(info("w1", 4)));

        worker.setData().forPath(ZkPaths.worker("w1"), info("w1", 8));
        await().atMost(WAIT).until(() -> events.contains("updated w1 8"));

        worker.delete().forPath(ZkPaths.worker("w1"));
        await().atMost(WAIT).until(() -> events.contains("left w1"));
        assertThat(registry.workers()).isEmpty();
        assertThat(events).containsExactly("joined w1 4", "updated w1 8", "left w1");
    }

    @Test
    void workersRegisteredBeforeStartArriveAsJoins() throws Exception {
        CuratorFramework worker = zk.newClient();
        worker.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.worker("w1"), info("w1", 1));
        worker.create().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.worker("w2"), info("w2", 2));

        registry.start();

        assertThat(registry.awaitInitialized(WAIT)).isTrue();
        assertThat(registry.workers()).extracting(WorkerInfo::getWorkerId).containsExactlyInAnyOrder("w1", "w2");
        await().atMost(WAIT).until(() -> events.size() == 2);
        assertThat(events).containsExactlyInAnyOrder("joined w1 1", "joined w2 2");
    }

    @Test
    void aWorkerLeavesWhenItsClientCloses() throws Exception {
        registry.start();
        CuratorFramework worker = zk.newClient();
        worker.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.worker("w1"), info("w1", 1));
        await().atMost(WAIT).until(() -> events.contains("joined w1 1"));

        worker.close();

        await().atMost(WAIT).until(() -> events.contains("left w1"));
    }

    @Test
    void aWorkerLeavesWhenItsSessionExpires() throws Exception {
        registry.start();
        CuratorFramework worker = zk.newClient();
        worker.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.worker("w1"), info("w1", 1));
        await().atMost(WAIT).until(() -> events.contains("joined w1 1"));

        worker.getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();

        await().atMost(WAIT).until(() -> events.contains("left w1"));
        assertThat(registry.workers()).isEmpty();
    }

    @Test
    void ignoresNodesThatAreNotWorkerRegistrations() throws Exception {
        registry.start();
        CuratorFramework other = zk.newClient();
        other.create().creatingParentsIfNeeded().forPath(ZkPaths.worker("w1") + "/nested", info("w1", 1));
        other.create().forPath(ZkPaths.worker("garbage"), new byte[] {(byte) 0xff, 1, 2});
        other.create().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.worker("impostor"), info("someone-else", 1));
        other.create().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.worker("w2"), info("w2", 2));

        await().atMost(WAIT).until(() -> events.contains("joined w2 2"));
        assertThat(registry.workers()).extracting(WorkerInfo::getWorkerId).containsExactly("w2");
        assertThat(events).containsExactly("joined w2 2");
    }

    @Test
    void closingTwiceIsHarmless() throws Exception {
        registry.start();
        registry.close();
        registry.close();
        assertThat(registry.workers()).isEmpty();
    }

    private static byte[] info(String id, int capacity) {
        return WorkerInfo.newBuilder().setWorkerId(id).setAddress("127.0.0.1:1").setCapacity(capacity).build().toByteArray();
    }
}
