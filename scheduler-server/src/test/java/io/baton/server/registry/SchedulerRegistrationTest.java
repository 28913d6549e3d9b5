package io.baton.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.baton.common.zk.ZkPaths;
import io.baton.common.zk.ZooKeeperFixture;
import io.baton.proto.v1.SchedulerInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SchedulerRegistrationTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    @RegisterExtension
    static final ZooKeeperFixture zk = new ZooKeeperFixture();

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) closeables.get(i).close();
    }

    @Test
    void registersEphemerallyListsEveryNodeAndLeavesOnClose() throws Exception {
        CuratorFramework clientA = zk.newClient();
        SchedulerRegistration a = registration(clientA, "a");
        SchedulerRegistration b = registration(zk.newClient(), "b");

        await().atMost(WAIT).until(() -> a.listSchedulers().size() == 2);
        assertThat(a.listSchedulers()).containsExactlyInAnyOrder(info("a"), info("b"));
        assertThat(clientA.checkExists().forPath(ZkPaths.scheduler("a")).getEphemeralOwner())
                .isEqualTo(clientA.getZookeeperClient().getZooKeeper().getSessionId());

        b.close();
        b.close();

        await().atMost(WAIT).until(() -> a.listSchedulers().equals(List.of(info("a"))));
    }

    @Test
    void comesBackAfterItsSessionExpires() throws Exception {
        CuratorFramework client = zk.newClient();
        registration(client, "a");
        long firstSession = client.getZookeeperClient().getZooKeeper().getSessionId();

        client.getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();

        await().atMost(WAIT).until(() -> {
            Stat stat = client.checkExists().forPath(ZkPaths.scheduler("a"));
            return stat != null && stat.getEphemeralOwner() != firstSession
                    && stat.getEphemeralOwner() == client.getZookeeperClient().getZooKeeper().getSessionId();
        });
    }

    private SchedulerRegistration registration(CuratorFramework client, String id) throws InterruptedException {
        SchedulerRegistration r = new SchedulerRegistration(client, info(id));
        closeables.add(r);
        r.start();
        assertThat(r.awaitRegistered(WAIT)).isTrue();
        return r;
    }

    private static SchedulerInfo info(String id) {
        return SchedulerInfo.newBuilder().setNodeId(id).setClientAddress(id + ":7000").build();
    }
}
