package io.baton.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.common.zk.ZkClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;

/** Curator clients on a shared in-process ZooKeeper, each test in its own namespace. */
final class StoreTestServer {
    private static final AtomicInteger namespaces = new AtomicInteger();
    private final List<CuratorFramework> clients = new ArrayList<>();
    private final TestingServer server;
    private final String namespace = "store-test-" + namespaces.incrementAndGet();

    StoreTestServer(TestingServer server) {
        this.server = server;
    }

    CuratorFramework newClient() throws Exception {
        CuratorFramework c = ZkClients.create(new ZkClients.ZkSettings(server.getConnectString(), namespace,
                Duration.ofSeconds(2), Duration.ofSeconds(2)));
        clients.add(c);
        c.start();
        assertThat(c.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
        return c;
    }

    void closeClients() {
        clients.forEach(CuratorFramework::close);
    }
}
