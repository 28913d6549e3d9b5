package io.baton.common.zk;

import java.io.IOException;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.state.SessionConnectionStateErrorPolicy;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ConnectStringParser;
import org.apache.zookeeper.client.HostProvider;
import org.apache.zookeeper.client.StaticHostProvider;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ZKConfig;

/**
 * Builds Curator clients with Baton's settings; callers own (start and close) what they get.
 *
 * <p>Only a lost session is an error state ({@link SessionConnectionStateErrorPolicy}): a connection that
 * is merely SUSPENDED (the server went away, the client is trying the others) keeps recipes such as the
 * leader latch as they are, so a leader whose session moves to another ZooKeeper server keeps its term.
 * Whoever acts on ZooKeeper's word must still stop acting while SUSPENDED (see {@code LeaderElection}).
 *
 * <p>Curator declares a session LOST by itself once the connection has been SUSPENDED for the whole
 * session timeout, even when the servers still hold the session (after electing a new ZooKeeper leader
 * they give every session a fresh timeout). So a client must be back within the session timeout after a
 * server dies; {@link ShortSpinHostProvider} keeps the ZooKeeper client from idling a needless second
 * after trying every server while the survivors elect a new leader.
 */
public final class ZkClients {
    /**
     * The largest answer our clients accept (ZooKeeper's client-side {@code jute.maxbuffer}; its default is
     * 1 MiB, and a larger answer drops the connection). Raised so that one read-only multi can carry the
     * data of dozens of nodes: a new leader reads its records that way, one request per few dozen records
     * instead of one per record. The server's own limit on requests and node sizes is unchanged.
     */
    public static final int PACKET_LIMIT_BYTES = 64 * 1024 * 1024;

    private ZkClients() {}

    public static CuratorFramework create(ZkSettings settings) {
        return CuratorFrameworkFactory.builder()
                .connectString(settings.connectString())
                .namespace(settings.namespace())
                .sessionTimeoutMs((int) settings.sessionTimeout().toMillis())
                .connectionTimeoutMs((int) settings.connectionTimeout().toMillis())
                .retryPolicy(new ExponentialBackoffRetry(100, 5, 2_000))
                .connectionStateErrorPolicy(new SessionConnectionStateErrorPolicy())
                .zookeeperFactory(ZkClients::newZooKeeper)
                .build();
    }

    private static ZooKeeper newZooKeeper(String connectString, int sessionTimeout, Watcher watcher, boolean canBeReadOnly)
            throws IOException {
        HostProvider servers = new StaticHostProvider(new ConnectStringParser(connectString).getServerAddresses());
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKConfig.JUTE_MAXBUFFER, Integer.toString(PACKET_LIMIT_BYTES));
        return new ZooKeeper(connectString, sessionTimeout, watcher, canBeReadOnly, new ShortSpinHostProvider(servers), config);
    }

    /** Connection settings. Short session timeouts (2-4 s) make failover fast; production may use more. */
    public record ZkSettings(String connectString, String namespace, Duration sessionTimeout, Duration connectionTimeout) {
        public static final String DEFAULT_NAMESPACE = "baton";

        public ZkSettings {
            if (connectString == null || connectString.isBlank()) throw new IllegalArgumentException("ZooKeeper connect string is empty");
            if (namespace == null || namespace.isBlank()) namespace = DEFAULT_NAMESPACE;
            if (namespace.startsWith("/")) namespace = namespace.substring(1);
            if (sessionTimeout == null) sessionTimeout = Duration.ofSeconds(3);
            if (connectionTimeout == null) connectionTimeout = Duration.ofSeconds(3);
        }

        public static ZkSettings of(String connectString) {
            return new ZkSettings(connectString, DEFAULT_NAMESPACE, null, null);
        }
    }
}
