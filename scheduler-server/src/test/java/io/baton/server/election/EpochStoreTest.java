package io.baton.server.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.common.zk.ZkClients;
import io.baton.common.zk.ZkPaths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EpochStoreTest {
    private static final AtomicInteger namespaces = new AtomicInteger();
    private static TestingServer server;
    private final List<CuratorFramework> clients = new ArrayList<>();
    private final String namespace = "epoch-test-" + namespaces.incrementAndGet();
    private CuratorFramework client;

    @BeforeAll
    static void startServer() throws Exception {
        server = new TestingServer(true);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void connect() throws Exception {
        client = newClient();
    }

    @AfterEach
    void disconnect() {
        clients.forEach(CuratorFramework::close);
    }

    @Test
    void startsAtZeroAndEachBumpIsANewTermWithTheVersionOfItsWrite() throws Exception {
        EpochStore epochs = new EpochStore(client);
        assertThat(epochs.current()).isZero();

        LeaderTerm first = epochs.bump();
        LeaderTerm second = epochs.bump();

        assertThat(first.epoch()).isEqualTo(1);
        assertThat(second.epoch()).isEqualTo(2);
        assertThat(epochs.current()).isEqualTo(2);
        assertThat(client.checkExists().forPath(ZkPaths.EPOCH).getVersion()).isEqualTo(second.epochVersion());
        assertThat(second.epochVersion()).isGreaterThan(first.epochVersion());
        assertThat(client.getData().forPath(ZkPaths.EPOCH)).hasSize(8);
    }

    @Test
    void aGuardedBumpFailsOnceTheGuardNodeIsGone() throws Exception {
        EpochStore epochs = new EpochStore(client);
        client.create().creatingParentsIfNeeded().forPath("/guard");
        assertThat(epochs.bump("/guard").epoch()).isEqualTo(1);
        client.delete().forPath("/guard");

        assertThatThrownBy(() -> epochs.bump("/guard")).isInstanceOf(KeeperException.NoNodeException.class);
        assertThat(epochs.current()).isEqualTo(1);
    }

    @Test
    void concurrentBumpsFromSeveralNodesGetDistinctEpochs() throws Exception {
        List<EpochStore> stores = List.of(new EpochStore(client), new EpochStore(newClient()), new EpochStore(newClient()));
        ExecutorService pool = Executors.newFixedThreadPool(stores.size());
        try {
            List<Future<LeaderTerm>> terms = new ArrayList<>();
            for (int i = 0; i < 3; i++) for (EpochStore s : stores) terms.add(pool.submit((Callable<LeaderTerm>) s::bump));
            Set<Long> epochs = ConcurrentHashMap.newKeySet();
            for (Future<LeaderTerm> t : terms) epochs.add(t.get(20, TimeUnit.SECONDS).epoch());

            assertThat(epochs).hasSize(terms.size());
            assertThat(new EpochStore(client).current()).isEqualTo(terms.size());
        } finally {
            pool.shutdownNow();
        }
    }

    private CuratorFramework newClient() throws Exception {
        CuratorFramework c = ZkClients.create(new ZkClients.ZkSettings(server.getConnectString(), namespace,
                Duration.ofSeconds(2), Duration.ofSeconds(2)));
        clients.add(c);
        c.start();
        assertThat(c.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
        return c;
    }
}
