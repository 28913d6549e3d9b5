package io.baton.testing.zookeeper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.apache.zookeeper.server.quorum.QuorumPeerMain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real ZooKeeper quorum peer (ZooKeeper's own {@link QuorumPeerMain}, fsync and snapshots on) in this
 * JVM: one server of an {@link EnsembleLayout}, for {@link io.baton.testing.ZooKeeperMain}'s ensemble mode.
 * {@link #start(Duration)} writes {@code myid}, starts the peer and returns once its client port accepts
 * TCP connections — which a peer does before it has a quorum, so "started" means the process is up, not
 * that the ensemble serves. Timing is tuned for tests: 500 ms ticks (sessions of 1-10 s), a leader that
 * waits 5 s for followers and drops one silent for 2 s, election retries capped at 1 s so a restarted
 * peer rejoins in about a second. Lifecycle LATENT → STARTED → CLOSED; close is idempotent.
 */
public final class QuorumZooKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(QuorumZooKeeper.class);
    /** Ticks a leader waits for a quorum of followers to connect and sync after an election. */
    static final int INIT_LIMIT_TICKS = 10;
    /** Ticks of silence after which a leader drops a follower (and a follower its leader). */
    static final int SYNC_LIMIT_TICKS = 4;
    private static final long POLL_MILLIS = 25;


    /** @param tickTimeMillis sessions may last 2 to 20 ticks; 500 ms grants Baton's 1-10 s sessions */
    public record Settings(EnsembleLayout layout, int serverId, Path dataDir, int tickTimeMillis) {
        public Settings {
            layout.member(serverId); // throws for an id outside the ensemble
            if (tickTimeMillis < 1) throw new IllegalArgumentException("tick time must be positive: " + tickTimeMillis);
        }

        public EnsembleLayout.Member self() {
            return layout.member(serverId);
        }
    }

    private final Settings settings;
    private final ServerThread lifecycle = new ServerThread();
    private final PeerMain peer = new PeerMain();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    public QuorumZooKeeper(Settings settings) {
        this.settings = settings;
    }

    /** The peer's configuration, as a {@code zoo.cfg} would hold it. */
    static Properties peerProperties(Settings settings) {
        EnsembleLayout.Member self = settings.self();
        Properties p = new Properties();
        p.setProperty("dataDir", settings.dataDir().toAbsolutePath().toString());
        p.setProperty("tickTime", Integer.toString(settings.tickTimeMillis()));
        p.setProperty("initLimit", Integer.toString(INIT_LIMIT_TICKS));
        p.setProperty("syncLimit", Integer.toString(SYNC_LIMIT_TICKS));
        p.setProperty("clientPort", Integer.toString(self.clientPort()));
        p.setProperty("clientPortAddress", self.host());
        p.setProperty("maxClientCnxns", "0");
        // no standaloneEnabled=false here: ZooKeeper keeps that flag in a static field, and it would break
        // a StandaloneZooKeeper started later in the same JVM
        for (EnsembleLayout.Member m : settings.layout().members()) {
            p.setProperty("server." + m.serverId(), m.host() + ":" + m.quorumPort() + ":" + m.electionPort());
        }
        return p;
    }

    /**
     * JVM-wide switches ZooKeeper reads when its classes load or the peer starts: no admin HTTP server
     * (it would take port 8080), no four-letter words beyond ZooKeeper's built-in minimum ({@code srvr},
     * which it always allows and {@link ServerModeProbe} uses), no log4j JMX beans (logback here), and
     * election notifications retried at most every second instead of backing off to 60 s.
     */
    static Map<String, String> jvmSwitches() {
        Map<String, String> switches = new LinkedHashMap<>();
        switches.put("zookeeper.admin.enableServer", "false");
        switches.put("zookeeper.4lw.commands.whitelist", "");
        switches.put("zookeeper.jmx.log4j.disable", "true");
        switches.put("zookeeper.fastleader.maxNotificationInterval", "1000");
        return switches;
    }

    /** Writes {@code myid}, starts the peer and waits until its client port accepts TCP, at most {@code timeout}. */
    public QuorumZooKeeper start(Duration timeout) throws Exception {
        lifecycle.claimStart();
        jvmSwitches().forEach(System::setProperty);
        Files.createDirectories(settings.dataDir());
        Files.writeString(settings.dataDir().resolve("myid"), settings.serverId() + "\n", StandardCharsets.US_ASCII);
        QuorumPeerConfig config = new QuorumPeerConfig();
        config.parseProperties(peerProperties(settings));
        lifecycle.launch("zookeeper-peer-" + settings.serverId(), () -> run(config));
        try {
            awaitAccepting(timeout);
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw e;
        }
        log.info("ZooKeeper peer {} up on {} with data in {}", settings.serverId(), settings.self().clientAddress(),
                settings.dataDir());
        return this;
    }

    private void run(QuorumPeerConfig config) {
        try {
            peer.runFromConfig(config);
            ended.complete(null);
        } catch (Exception | Error e) {
            log.error("ZooKeeper peer {} failed", settings.serverId(), e);
            ended.completeExceptionally(e);
        }
    }

    /** Polls the client port; waiting on {@code ended} between polls also surfaces a peer that failed. */
    private void awaitAccepting(Duration timeout) throws ExecutionException, TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        InetSocketAddress address = new InetSocketAddress(settings.self().host(), settings.self().clientPort());
        while (!accepts(address)) {
            if (ended.isDone()) {
                ended.get();
                throw new ExecutionException(new IllegalStateException("ZooKeeper peer stopped before it started"));
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("peer " + settings.serverId() + " not accepting on " + address + " within " + timeout);
            }
            try {
                ended.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                // the usual case: poll again
            }
        }
    }

    private static boolean accepts(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** ZooKeeper's name for the peer's state ({@code looking}, {@code following}, {@code leading}), once running. */
    public Optional<String> peerState() {
        return peer.serverState();
    }

    public String connectString() {
        return settings.layout().connectString();
    }

    /** Blocks until the peer's thread ends (after {@link #close()} from another thread). */
    public void awaitTermination() throws InterruptedException {
        lifecycle.awaitTermination();
    }

    @Override
    public void close() {
        lifecycle.close(peer::close);
    }

    /** Exposes the running peer's state. */
    private static final class PeerMain extends QuorumPeerMain {
        Optional<String> serverState() {
            var running = quorumPeer;
            return running == null ? Optional.empty() : Optional.ofNullable(running.getServerState());
        }
    }
}
