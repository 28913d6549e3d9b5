package io.baton.testing;

import io.baton.client.BatonClient;
import io.baton.client.ClientConfig;
import io.baton.common.zk.ZkClients.ZkSettings;
import io.baton.proto.v1.LeaderInfo;
import io.baton.testing.process.JvmCommand;
import io.baton.testing.process.ManagedProcess;
import io.baton.testing.process.ProcessRole;
import io.baton.testing.process.Signals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Baton cluster made of real JVM processes on 127.0.0.1: a ZooKeeper server ({@link ZooKeeperMain}), an
 * ensemble of ZooKeeper JVMs ({@link ZooKeeperEnsembleProcesses}) or an external ZooKeeper, scheduler nodes
 * ({@code SchedulerMain}) and workers ({@code WorkerMain}, each with its own execution journal). Ports are
 * chosen by the processes themselves (port 0) and read back from their READY lines, except the ensemble's,
 * which must be known to every server in advance and are picked free at start. Every log lands in
 * {@link ClusterSettings#runDir()}. Processes are found by role and id so end-to-end, chaos and benchmark
 * code can kill, stop and continue them. {@link #close()} ends every process it started (SIGTERM, then
 * SIGKILL) and is idempotent. Used from a single test thread.
 */
public final class ClusterProcesses implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterProcesses.class);
    private static final Duration TERM_GRACE = Duration.ofSeconds(5);

    private enum State { STARTED, CLOSED }

    private final ClusterSettings settings;
    private final AtomicReference<State> state = new AtomicReference<>(State.STARTED);
    private final Map<String, ManagedProcess> schedulers = new LinkedHashMap<>();
    private final Map<String, ManagedProcess> workers = new LinkedHashMap<>();
    private final List<ManagedProcess> all = new ArrayList<>();
    private final ZooKeeperEnsembleProcesses ensemble;
    private ManagedProcess zooKeeper;
    private String zkConnect;
    private BatonClient client;
    private ZooKeeperProbe probe;

    private ClusterProcesses(ClusterSettings settings) {
        this.settings = settings;
        this.ensemble = new ZooKeeperEnsembleProcesses(settings.runDir(), settings.readyTimeout(),
                (id, args) -> launch(ProcessRole.ZOOKEEPER, id, args));
    }

    /** Creates the run directory; starts nothing yet. */
    public static ClusterProcesses create(ClusterSettings settings) {
        try {
            Files.createDirectories(settings.runDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + settings.runDir(), e);
        }
        return new ClusterProcesses(settings);
    }

    /** Starts {@link ZooKeeperMain} with its data in {@code runDir/zookeeper}; returns its connect string. */
    public String startZooKeeper() {
        ensureOpen();
        if (zkConnect != null) throw new IllegalStateException("ZooKeeper already set: " + zkConnect);
        Path dataDir = settings.runDir().resolve("zookeeper");
        zooKeeper = launch(ProcessRole.ZOOKEEPER, "zookeeper", List.of("--port", "0", "--data-dir", dataDir.toString()));
        zkConnect = "127.0.0.1:" + zooKeeper.awaitReady(settings.readyTimeout()).field("port");
        return zkConnect;
    }

    /**
     * Starts a ZooKeeper ensemble of {@code size} JVMs ({@code zk1}..), waits until it serves, and uses it as
     * this cluster's ZooKeeper; returns its connect string. See {@link ZooKeeperEnsembleProcesses}.
     */
    public String startZooKeeperEnsemble(int size) {
        ensureOpen();
        if (zkConnect != null) throw new IllegalStateException("ZooKeeper already set: " + zkConnect);
        zkConnect = ensemble.start(size);
        return zkConnect;
    }

    /** The current process of ensemble server {@code serverId} (1..size). */
    public ManagedProcess zooKeeperNode(int serverId) { return ensemble.node(serverId); }

    /** The current process of every ensemble server, by server id. */
    public List<ManagedProcess> zooKeeperNodes() { return ensemble.nodes(); }

    /** Restarts a dead ensemble server with its id, ports and data; returns once its process is up (not yet rejoined). */
    public ManagedProcess restartZooKeeperNode(int serverId) {
        ensureOpen();
        return ensemble.restart(serverId);
    }

    /** The ensemble server that says it leads now (asked with {@code srvr}); empty without a quorum. */
    public Optional<ManagedProcess> zooKeeperLeader() { return ensemble.leader(); }

    /** The ensemble itself: layout, each server's mode, waiting until it serves. */
    public ZooKeeperEnsembleProcesses zooKeeperEnsemble() { return ensemble; }

    /** Uses a ZooKeeper started elsewhere (an in-process {@code TestingServer}, an ensemble). */
    public void useZooKeeper(String connectString) {
        ensureOpen();
        if (zkConnect != null) throw new IllegalStateException("ZooKeeper already set: " + zkConnect);
        zkConnect = connectString;
    }

    /** Launches the scheduler nodes and the workers together, then waits until every one is ready. */
    public void startNodes(List<String> schedulerIds, List<String> workerIds, int workerCapacity) {
        List<ManagedProcess> launched = new ArrayList<>();
        for (String id : schedulerIds) launched.add(launchScheduler(id));
        for (String id : workerIds) launched.add(launchWorker(id, workerCapacity));
        for (ManagedProcess p : launched) p.awaitReady(settings.readyTimeout());
    }

    /** Starts (or restarts, after it died) one scheduler node and waits until it is ready. */
    public ManagedProcess startScheduler(String id) {
        ManagedProcess p = launchScheduler(id);
        p.awaitReady(settings.readyTimeout());
        return p;
    }

    /** Starts (or restarts, after it died) one worker and waits until it is registered. */
    public ManagedProcess startWorker(String id, int capacity) {
        ManagedProcess p = launchWorker(id, capacity);
        p.awaitReady(settings.readyTimeout());
        return p;
    }

    /** Launches a scheduler node without waiting for it; see {@link ManagedProcess#awaitReady(Duration)}. */
    public ManagedProcess launchScheduler(String id) {
        requireFree(schedulers, id);
        ManagedProcess p = launch(ProcessRole.SCHEDULER, id, schedulerArgs(zkConnect(), settings, id));
        schedulers.put(id, p);
        return p;
    }

    /** Launches a worker without waiting for it; it appends its executions to {@link #journal(String)}. */
    public ManagedProcess launchWorker(String id, int capacity) {
        requireFree(workers, id);
        ManagedProcess p = launch(ProcessRole.WORKER, id, workerArgs(zkConnect(), settings, id, capacity, journal(id)));
        workers.put(id, p);
        return p;
    }

    static List<String> schedulerArgs(String zk, ClusterSettings s, String id) {
        return List.of("--zk", zk, "--namespace", s.namespace(), "--node-id", id, "--host", "127.0.0.1", "--port", "0",
                "--session-timeout-ms", Long.toString(s.sessionTimeout().toMillis()));
    }

    static List<String> workerArgs(String zk, ClusterSettings s, String id, int capacity, Path journal) {
        List<String> args = new ArrayList<>(List.of("--zk", zk, "--namespace", s.namespace(), "--worker-id", id, "--host", "127.0.0.1",
                "--port", "0", "--capacity", Integer.toString(capacity), "--session-timeout-ms", Long.toString(s.sessionTimeout().toMillis())));
        if (s.journals()) args.addAll(List.of("--journal", journal.toString()));
        return args;
    }

    private ManagedProcess launch(ProcessRole role, String id, List<String> args) {
        ensureOpen();
        List<String> options = new ArrayList<>(settings.jvmOptionsOf(role));
        // tags the process with its cluster, so `pgrep -f <runDir>` finds exactly this cluster's JVMs
        options.add("-Dbaton.run=" + settings.runDir().toAbsolutePath());
        JvmCommand command = new JvmCommand(settings.javaExecutable(), options, settings.classPath(),
                role.mainClass(), args, settings.guardParent());
        ManagedProcess p = ManagedProcess.launch(id, role, command.argv(), freshLogFile(id));
        all.add(p);
        return p;
    }

    /** {@code id.log}, or {@code id.2.log} and so on for a restarted process, so no log is overwritten. */
    private Path freshLogFile(String id) {
        Path file = settings.runDir().resolve(id + ".log");
        for (int n = 2; Files.exists(file); n++) file = settings.runDir().resolve(id + "." + n + ".log");
        return file;
    }

    private static void requireFree(Map<String, ManagedProcess> byId, String id) {
        ManagedProcess existing = byId.get(id);
        if (existing != null && existing.isAlive()) throw new IllegalStateException(id + " is already running: " + existing);
    }

    public Path journal(String workerId) {
        return settings.runDir().resolve("journal-" + workerId + ".log");
    }

    /** Journals of every worker started so far, existing or not yet written. */
    public List<Path> journals() {
        return workers.keySet().stream().map(this::journal).toList();
    }

    public String zkConnect() {
        if (zkConnect == null) throw new IllegalStateException("start or set ZooKeeper first");
        return zkConnect;
    }

    public ZkSettings zkSettings() {
        return new ZkSettings(zkConnect(), settings.namespace(), settings.sessionTimeout(), Duration.ofSeconds(3));
    }

    /** A client of this cluster owned by the harness (closed by {@link #close()}); create your own for concurrency. */
    public synchronized BatonClient client() {
        ensureOpen();
        if (client == null) client = BatonClient.connect(ClientConfig.zookeeper(zkSettings()));
        return client;
    }

    /** A reader of the cluster's ZooKeeper records owned by the harness (closed by {@link #close()}). */
    public synchronized ZooKeeperProbe probe() {
        ensureOpen();
        if (probe == null) probe = new ZooKeeperProbe(zkSettings());
        return probe;
    }

    /** The scheduler process that ZooKeeper names as leader, if it is one of ours and alive. */
    public Optional<ManagedProcess> leaderProcess() {
        return probe().leader().map(LeaderInfo::getNodeId).map(schedulers::get).filter(ManagedProcess::isAlive);
    }

    public ManagedProcess scheduler(String id) { return find(schedulers, id); }

    public ManagedProcess worker(String id) { return find(workers, id); }

    public Optional<ManagedProcess> zooKeeper() { return Optional.ofNullable(zooKeeper); }

    public Collection<ManagedProcess> schedulers() { return List.copyOf(schedulers.values()); }

    public Collection<ManagedProcess> workers() { return List.copyOf(workers.values()); }

    /** Every process started so far, in start order, ZooKeeper and restarted ones included. */
    public List<ManagedProcess> allProcesses() { return List.copyOf(all); }

    public Path runDir() { return settings.runDir(); }

    private static ManagedProcess find(Map<String, ManagedProcess> byId, String id) {
        ManagedProcess p = byId.get(id);
        if (p == null) throw new IllegalArgumentException("no process " + id + " (have " + byId.keySet() + ")");
        return p;
    }

    private void ensureOpen() {
        if (state.get() == State.CLOSED) throw new IllegalStateException("cluster closed");
    }

    /**
     * Ends everything: SIGTERM to every node at once (stopped ones are continued first), SIGKILL to any that
     * outlives the grace period, then ZooKeeper (the standalone server or every ensemble server) last so
     * nodes can deregister cleanly.
     */
    @Override
    public void close() {
        if (!state.compareAndSet(State.STARTED, State.CLOSED)) return;
        if (client != null) client.close();
        if (probe != null) probe.close();
        List<ManagedProcess> nodes = all.stream().filter(p -> p.role() != ProcessRole.ZOOKEEPER).toList();
        List<ManagedProcess> zooKeepers = all.stream().filter(p -> p.role() == ProcessRole.ZOOKEEPER).toList();
        for (List<ManagedProcess> group : List.of(nodes, zooKeepers)) {
            for (ManagedProcess p : group) signalTerm(p);
            for (ManagedProcess p : group) endProcess(p);
        }
        log.info("cluster closed; logs in {}", settings.runDir());
    }

    private static void signalTerm(ManagedProcess p) {
        try {
            if (p.isAlive() && p.isStopped()) p.cont();
            if (p.isAlive()) Signals.send(p.pid(), "TERM");
        } catch (RuntimeException e) {
            log.warn("could not signal {}: {}", p, e.toString());
        }
    }

    private static void endProcess(ManagedProcess p) {
        try {
            if (p.waitFor(TERM_GRACE).isEmpty()) log.warn("{} ignored SIGTERM for {} ms; killing it", p, TERM_GRACE.toMillis());
        } finally {
            p.close();
        }
    }
}
