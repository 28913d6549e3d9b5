package io.baton.testing;

import io.baton.testing.process.ManagedProcess;
import io.baton.testing.zookeeper.EnsembleLayout;
import io.baton.testing.zookeeper.ServerModeProbe;
import io.baton.testing.zookeeper.ServerModeProbe.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryUntilElapsed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real ZooKeeper ensemble of separate JVMs ({@link ZooKeeperMain} in ensemble mode, one per server), for
 * chaos tests that kill and restart single ZooKeeper servers. Ports are chosen free at start
 * ({@link EnsembleLayout}) and kept for the ensemble's life, as is each server's data directory
 * ({@code runDir/zookeeper-<id>}), so a restarted server is the same server with its data. Processes are
 * named {@code zk<id>}; a restart logs to a fresh file ({@code zk2.2.log}). The leader is found by asking
 * each server's mode ({@link ServerModeProbe}, ZooKeeper's {@code srvr}). Owned by
 * {@link ClusterProcesses}, which launches the processes and ends them in its {@code close()}.
 */
public final class ZooKeeperEnsembleProcesses {
    private static final Logger log = LoggerFactory.getLogger(ZooKeeperEnsembleProcesses.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    /** Starts one ZooKeeper JVM named {@code id} with these program arguments (the harness's launch). */
    @FunctionalInterface
    public interface Launcher {
        ManagedProcess launch(String id, List<String> args);
    }

    private final Path runDir;
    private final Duration readyTimeout;
    private final Launcher launcher;
    private final Map<Integer, ManagedProcess> nodes = new TreeMap<>();
    private EnsembleLayout layout;

    ZooKeeperEnsembleProcesses(Path runDir, Duration readyTimeout, Launcher launcher) {
        this.runDir = runDir;
        this.readyTimeout = readyTimeout;
        this.launcher = launcher;
    }

    /**
     * Launches {@code size} servers on free loopback ports, waits until each is up and then until the
     * ensemble serves (a write goes through); returns the connect string.
     */
    public String start(int size) {
        if (layout != null) throw new IllegalStateException("ensemble already started: " + layout.connectString());
        long startedAt = System.nanoTime();
        layout = EnsembleLayout.allocate(size, EnsembleLayout::loopbackFreePort);
        for (EnsembleLayout.Member m : layout.members()) nodes.put(m.serverId(), launch(m.serverId()));
        for (ManagedProcess p : nodes.values()) p.awaitReady(readyTimeout);
        long upMillis = millisSince(startedAt);
        awaitServing(readyTimeout);
        log.info("ZooKeeper ensemble {} serving {} ms after launch (processes up after {} ms)",
                layout.connectString(), millisSince(startedAt), upMillis);
        return layout.connectString();
    }

    /** Starts server {@code serverId} again, with its id, ports and data, after it died; returns once it is up. */
    public ManagedProcess restart(int serverId) {
        ManagedProcess old = node(serverId);
        if (old.isAlive()) throw new IllegalStateException(old + " is still running");
        ManagedProcess p = launch(serverId);
        nodes.put(serverId, p);
        p.awaitReady(readyTimeout);
        return p;
    }

    private ManagedProcess launch(int serverId) {
        Path dataDir = runDir.resolve("zookeeper-" + serverId);
        return launcher.launch(processId(serverId), List.of("--server-id", Integer.toString(serverId),
                "--ensemble", layout.ensembleString(), "--data-dir", dataDir.toString()));
    }

    static String processId(int serverId) {
        return "zk" + serverId;
    }

    /**
     * Waits until the ensemble takes a write: a node created and deleted again through any server. A
     * server without a quorum accepts the connection and closes it, which the client retries.
     */
    public void awaitServing(Duration timeout) {
        String path = "/baton-ensemble-probe-" + UUID.randomUUID();
        try (CuratorFramework client = CuratorFrameworkFactory.builder().connectString(connectString())
                .sessionTimeoutMs(3000).connectionTimeoutMs(1000)
                .retryPolicy(new RetryUntilElapsed((int) timeout.toMillis(), 100)).build()) {
            client.start();
            client.create().orSetData().forPath(path);
            client.delete().quietly().forPath(path);
        } catch (Exception e) {
            throw new IllegalStateException("ZooKeeper ensemble " + connectString() + " not serving within " + timeout, e);
        }
    }

    /** The server's mode as it answers now, or empty when it does not answer (dead, frozen, starting). */
    public Optional<Mode> mode(int serverId) {
        EnsembleLayout.Member m = layout().member(serverId);
        return ServerModeProbe.ask(m.host(), m.clientPort(), PROBE_TIMEOUT);
    }

    /**
     * The running server that says it leads, if any: none while the ensemble has no quorum. A server frozen
     * by SIGSTOP is skipped (it cannot answer, and the others elect without it).
     */
    public Optional<ManagedProcess> leader() {
        for (Map.Entry<Integer, ManagedProcess> e : nodes.entrySet()) {
            ManagedProcess p = e.getValue();
            if (p.isAlive() && !p.isStopped() && mode(e.getKey()).filter(Mode.LEADER::equals).isPresent()) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** Server id of a process of this ensemble (also of an earlier, dead incarnation). */
    public int serverId(ManagedProcess p) {
        String name = p.name();
        if (!name.startsWith("zk")) throw new IllegalArgumentException(p + " is no ensemble server");
        return Integer.parseInt(name.substring(2));
    }

    /** The current process of server {@code serverId} (the newest one after restarts). */
    public ManagedProcess node(int serverId) {
        ManagedProcess p = nodes.get(serverId);
        if (p == null) throw new IllegalArgumentException("no ZooKeeper server " + serverId + " (have " + nodes.keySet() + ")");
        return p;
    }

    /** The current process of every server, by server id. */
    public List<ManagedProcess> nodes() {
        return List.copyOf(nodes.values());
    }

    public EnsembleLayout layout() {
        if (layout == null) throw new IllegalStateException("ensemble not started");
        return layout;
    }

    public String connectString() {
        return layout().connectString();
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
