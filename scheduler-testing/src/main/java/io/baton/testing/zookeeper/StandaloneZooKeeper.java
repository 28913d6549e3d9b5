package io.baton.testing.zookeeper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.zookeeper.server.ServerConfig;
import org.apache.zookeeper.server.ZooKeeperServerMain;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real standalone ZooKeeper server (the production {@link ZooKeeperServerMain}, with fsync and
 * snapshots) in this JVM, for {@link io.baton.testing.ZooKeeperMain} and in-process tests. Port 0 binds
 * any free port; {@link #port()} says which. Lifecycle LATENT → STARTED → CLOSED; close is idempotent.
 */
public final class StandaloneZooKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StandaloneZooKeeper.class);


    /**
     * @param tickTimeMillis ZooKeeper grants session timeouts between 2 and 20 ticks; 500 ms allows the
     *                       2-4 s sessions Baton uses for fast failover
     */
    public record Settings(String host, int port, Path dataDir, int tickTimeMillis) {
        public Settings {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
            if (tickTimeMillis < 1) throw new IllegalArgumentException("tick time must be positive: " + tickTimeMillis);
        }

        public static Settings loopback(Path dataDir) {
            return new Settings("127.0.0.1", 0, dataDir, 500);
        }
    }

    private final Settings settings;
    private final ServerThread lifecycle = new ServerThread();
    private final ServerMain server = new ServerMain();
    private final CompletableFuture<Integer> started = new CompletableFuture<>();

    public StandaloneZooKeeper(Settings settings) {
        this.settings = settings;
    }

    /** The server properties, as a {@code zoo.cfg} would hold them (client port set separately). */
    static Properties serverProperties(Settings settings) {
        Properties p = new Properties();
        p.setProperty("dataDir", settings.dataDir().toAbsolutePath().toString());
        p.setProperty("tickTime", Integer.toString(settings.tickTimeMillis()));
        p.setProperty("maxClientCnxns", "0");
        return p;
    }

    /** Starts the server and waits until it accepts TCP connections, at most {@code timeout}. */
    public StandaloneZooKeeper start(Duration timeout) throws Exception {
        lifecycle.claimStart();
        // JVM-wide switches ZooKeeper reads at start: no admin HTTP server (it would take port 8080),
        // no four-letter-word commands beyond ZooKeeper's built-in minimum.
        System.setProperty("zookeeper.admin.enableServer", "false");
        System.setProperty("zookeeper.4lw.commands.whitelist", "");
        ServerConfig config = serverConfig();
        lifecycle.launch("zookeeper-server", () -> run(config));
        try {
            int port = started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            awaitAccepting(port, timeout);
            log.info("ZooKeeper serving on {}:{} with data in {}", settings.host(), port, settings.dataDir());
            return this;
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw e;
        }
    }

    private ServerConfig serverConfig() throws IOException, QuorumPeerConfig.ConfigException {
        QuorumPeerConfig parsed = new QuorumPeerConfig();
        parsed.parseProperties(serverProperties(settings));
        return new LoopbackServerConfig(parsed, new InetSocketAddress(settings.host(), settings.port()));
    }

    private void run(ServerConfig config) {
        try {
            server.runFromConfig(config);
            started.completeExceptionally(new IllegalStateException("ZooKeeper stopped before it started"));
        } catch (Exception | Error e) {
            log.error("ZooKeeper server failed", e);
            started.completeExceptionally(e);
        }
    }

    private static void awaitAccepting(int port, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
        }
    }

    /** The bound client port, or -1 before the server has started (or when it failed to). */
    public int port() {
        return started.isDone() && !started.isCompletedExceptionally() ? started.join() : -1;
    }

    public String connectString() {
        return settings.host() + ":" + port();
    }

    /** Blocks until the server thread ends (after {@link #close()} from another thread). */
    public void awaitTermination() throws InterruptedException {
        lifecycle.awaitTermination();
    }

    @Override
    public void close() {
        lifecycle.close(server::stop);
    }

    /** Reports the bound port once the server has started, and exposes the protected shutdown. */
    private final class ServerMain extends ZooKeeperServerMain {
        @Override
        protected void serverStarted() {
            started.complete(getClientPort());
        }

        void stop() {
            shutdown();
        }
    }

    /** ZooKeeper's parser rejects client port 0; the factory itself binds port 0 fine. */
    private static final class LoopbackServerConfig extends ServerConfig {
        LoopbackServerConfig(QuorumPeerConfig parsed, InetSocketAddress clientAddress) {
            readFrom(parsed);
            this.clientPortAddress = clientAddress;
        }
    }
}
