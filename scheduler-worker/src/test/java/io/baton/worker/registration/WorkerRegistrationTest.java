package io.baton.worker.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.baton.common.zk.ZkPaths;
import io.baton.common.zk.ZooKeeperFixture;
import io.baton.proto.v1.WorkerInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WorkerRegistrationTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    @RegisterExtension
    static final ZooKeeperFixture zk = new ZooKeeperFixture();

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private CuratorFramework workerClient;
    private CuratorFramework observer;

    @BeforeEach
    void connect() throws Exception {
        workerClient = zk.newClient();
        observer = zk.newClient();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) closeables.get(i).close();
    }

    @Test
    void registersAnEphemeralNodeWithItsInfoAndRemovesItOnClose() throws Exception {
        WorkerRegistration registration = registration(info(4));

        assertThat(registration.awaitRegistered(WAIT)).isTrue();
        assertThat(stored()).isEqualTo(info(4));
        assertThat(observer.checkExists().forPath(ZkPaths.worker("w1")).getEphemeralOwner())
                .isEqualTo(workerClient.getZookeeperClient().getZooKeeper().getSessionId());

        registration.close();
        registration.close();

        assertThat(observer.checkExists().forPath(ZkPaths.worker("w1"))).isNull();
    }

    @Test
    void publishesChangedDetails() throws Exception {
        WorkerRegistration registration = registration(info(4));
        assertThat(registration.awaitRegistered(WAIT)).isTrue();

        registration.update(info(16));

        await().atMost(WAIT).until(() -> stored().getCapacity() == 16);
        assertThatThrownBy(() -> registration.update(info(1).toBuilder().setWorkerId("w2").build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void comesBackByItselfAfterItsSessionExpires() throws Exception {
        WorkerRegistration registration = registration(info(4));
        assertThat(registration.awaitRegistered(WAIT)).isTrue();
        long firstSession = workerClient.getZookeeperClient().getZooKeeper().getSessionId();

        workerClient.getZookeeperClient().getZooKeeper().getTestable().injectSessionExpiration();

        await().atMost(WAIT).until(() -> {
            Stat stat = observer.checkExists().forPath(ZkPaths.worker("w1"));
            return stat != null && stat.getEphemeralOwner() != firstSession
                    && stat.getEphemeralOwner() == workerClient.getZookeeperClient().getZooKeeper().getSessionId();
        });
        assertThat(stored()).isEqualTo(info(4));
    }

    @Test
    void disappearsWhenTheWorkerProcessLosesItsClient() throws Exception {
        WorkerRegistration registration = registration(info(4));
        assertThat(registration.awaitRegistered(WAIT)).isTrue();

        workerClient.close();

        await().atMost(WAIT).until(() -> observer.checkExists().forPath(ZkPaths.worker("w1")) == null);
    }

    @Test
    void refusesAnUnusableWorkerId() {
        assertThatThrownBy(() -> new WorkerRegistration(workerClient, WorkerInfo.getDefaultInstance()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkerRegistration(workerClient, info(1).toBuilder().setWorkerId("a/b").build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private WorkerRegistration registration(WorkerInfo info) {
        WorkerRegistration r = new WorkerRegistration(workerClient, info);
        closeables.add(r);
        r.start();
        return r;
    }

    private WorkerInfo stored() throws Exception {
        return WorkerInfo.parseFrom(observer.getData().forPath(ZkPaths.worker("w1")));
    }

    private static WorkerInfo info(int capacity) {
        return WorkerInfo.newBuilder().setWorkerId("w1").setAddress("127.0.0.1:9000").setCapacity(capacity)
                .addHandlers("echo").build();
    }
}
