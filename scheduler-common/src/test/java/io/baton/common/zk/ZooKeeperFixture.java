package io.baton.common.zk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 fixture for tests that talk to a real, in-process ZooKeeper. Register it on a static field:
 * {@code @RegisterExtension static final ZooKeeperFixture zk = new ZooKeeperFixture();}.
 *
 * <p>It starts one {@link TestingServer} per test class, gives every test its own Curator namespace (so tests
 * never see each other's nodes without restarting ZooKeeper), and closes the clients and private servers a test
 * made once the test's own {@code @AfterEach} methods have run, so components built on those clients are closed
 * first. Owned by scheduler-common's test sources and shared with other modules through its test-jar.
 */
public final class ZooKeeperFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    /** Short enough that session expiry and failover tests finish quickly. */
    public static final Duration DEFAULT_SESSION = Duration.ofSeconds(2);
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    private static final int CONNECT_WAIT_SECONDS = 10;

    private final AtomicInteger namespaces = new AtomicInteger();
    // clients first, private servers last: a client is closed while its server can still answer
    private final List<CuratorFramework> clients = new ArrayList<>();
    private final List<TestingServer> privateServers = new ArrayList<>();
    private TestingServer server;
    private String namespace;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = new TestingServer(true);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) server.close();
        server = null;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (server == null) throw new IllegalStateException("register ZooKeeperFixture on a static field");
        namespace = context.getRequiredTestClass().getSimpleName().toLowerCase() + "-" + namespaces.incrementAndGet();
    }

    @Override
    public synchronized void afterEach(ExtensionContext context) throws Exception {
        for (int i = clients.size() - 1; i >= 0; i--) clients.get(i).close();
        clients.clear();
        for (int i = privateServers.size() - 1; i >= 0; i--) privateServers.get(i).close();
        privateServers.clear();
    }

    /** A started, connected client on the shared server in this test's namespace, closed after the test. */
    public CuratorFramework newClient() throws InterruptedException {
        return newClient(DEFAULT_SESSION);
    }

    /** As {@link #newClient()}, asking for the given session timeout. */
    public CuratorFramework newClient(Duration sessionTimeout) throws InterruptedException {
        return newClient(server(), sessionTimeout);
    }

    /** A started, connected client on {@code target} (e.g. a {@link #newServer()}) in this test's namespace. */
    public CuratorFramework newClient(TestingServer target, Duration sessionTimeout) throws InterruptedException {
        CuratorFramework c = ZkClients.create(new ZkClients.ZkSettings(target.getConnectString(), namespace(),
                sessionTimeout, CONNECTION_TIMEOUT));
        synchronized (this) {
            clients.add(c);
        }
        c.start();
        assertTrue(c.blockUntilConnected(CONNECT_WAIT_SECONDS, TimeUnit.SECONDS),
                "ZooKeeper client did not connect within " + CONNECT_WAIT_SECONDS + " s");
        return c;
    }

    /**
     * A started server of this test's own, for tests that stop or restart ZooKeeper without disturbing the shared
     * one; closed after the test, after its clients.
     */
    public TestingServer newServer() throws Exception {
        TestingServer s = new TestingServer(true);
        synchronized (this) {
            privateServers.add(s);
        }
        return s;
    }

    /** The shared server of this test class; tests may stop, restart or expire sessions on it. */
    public TestingServer server() {
        if (server == null) throw new IllegalStateException("ZooKeeperFixture is not started");
        return server;
    }

    public String connectString() {
        return server().getConnectString();
    }

    /** The Curator namespace of the running test. */
    public String namespace() {
        if (namespace == null) throw new IllegalStateException("no test is running");
        return namespace;
    }
}
