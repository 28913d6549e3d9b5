package io.baton.bench.macro;

import io.baton.client.BatonClient;
import io.baton.testing.ClusterProcesses;
import io.baton.testing.ClusterSettings;
import io.baton.testing.zookeeper.ServerModeProbe;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real cluster for one scenario: a ZooKeeper server process, one scheduler node (the leader) and
 * {@code workers} worker JVMs on loopback, started by the test harness's {@link ClusterProcesses} and all
 * stopped on {@link #close()}. Also reads ZooKeeper's transaction counter.
 */
public final class BenchCluster implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(60);

    private final ClusterProcesses processes;
    private final int zkPort;

    private BenchCluster(ClusterProcesses processes, int zkPort) {
        this.processes = processes;
        this.zkPort = zkPort;
    }

    /** JVM options of every cluster process (ZooKeeper, schedulers, workers), space-separated, instead of {@link #DEFAULT_JVM}. */
    public static final String JVM_PROPERTY = "baton.bench.jvm";
    static final List<String> DEFAULT_JVM = List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC");

    static List<String> clusterJvmOptions() {
        return optionsOr(JVM_PROPERTY, DEFAULT_JVM);
    }

    /** JVM options of the ZooKeeper server instead of {@link #DEFAULT_ZK_JVM}, space-separated. */
    public static final String ZK_JVM_PROPERTY = "baton.bench.zk.jvm";
    /** Empty: the cluster's options ({@link #clusterJvmOptions()}). */
    static final List<String> DEFAULT_ZK_JVM = List.of();

    static List<String> zooKeeperJvmOptions() {
        return optionsOr(ZK_JVM_PROPERTY, DEFAULT_ZK_JVM);
    }

    private static List<String> optionsOr(String property, List<String> defaults) {
        String given = System.getProperty(property, "").trim();
        return given.isEmpty() ? defaults : List.of(given.split("\\s+"));
    }

    /** Set (to anything) to record every cluster JVM with Java Flight Recorder into {@code <runDir>/jfr/}. */
    public static final String PROFILE_PROPERTY = "baton.bench.profile";

    static BenchCluster start(Path runDir, int workers, int capacity, boolean journals) {
        return start(runDir, 1, workers, capacity, journals, ClusterSettings.sameJvm(runDir).sessionTimeout());
    }

    /** As above with {@code schedulers} scheduler nodes ({@code s1}..) and the given ZooKeeper session timeout for every node. */
    static BenchCluster start(Path runDir, int schedulers, int workers, int capacity, boolean journals, Duration sessionTimeout) {
        requireEmpty(runDir);
        ClusterSettings settings = ClusterSettings.sameJvm(runDir).withSessionTimeout(sessionTimeout);
        List<String> jvm = new ArrayList<>(clusterJvmOptions());
        List<String> zkJvm = new ArrayList<>(zooKeeperJvmOptions());
        if (System.getProperty(PROFILE_PROPERTY) != null) {
            Path jfr = runDir.resolve("jfr").toAbsolutePath();
            try {
                java.nio.file.Files.createDirectories(jfr);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            jvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr + "/");
            if (!zkJvm.isEmpty()) zkJvm.add(jvm.get(jvm.size() - 1));
        }
        settings = settings.withJvmOptions(jvm).withZooKeeperJvmOptions(zkJvm);
        if (!journals) settings = settings.withoutJournals();
        ClusterProcesses processes = ClusterProcesses.create(settings);
        try {
            String connect = processes.startZooKeeper();
            List<String> workerIds = new ArrayList<>();
            for (int i = 1; i <= workers; i++) workerIds.add("w" + i);
            List<String> schedulerIds = new ArrayList<>();
            for (int i = 1; i <= schedulers; i++) schedulerIds.add("s" + i);
            processes.startNodes(schedulerIds, workerIds, capacity);
            BenchCluster cluster = new BenchCluster(processes, Integer.parseInt(connect.substring(connect.lastIndexOf(':') + 1)));
            cluster.awaitWorkers(workers);
            return cluster;
        } catch (RuntimeException e) {
            processes.close();
            throw e;
        }
    }

    /** A cluster must start from nothing: a ZooKeeper data folder left by an earlier run holds its jobs. */
    static void requireEmpty(Path runDir) {
        try (var entries = java.nio.file.Files.list(runDir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("benchmark cluster folder " + runDir + " is not empty; choose a fresh --out folder");
            }
        } catch (java.nio.file.NoSuchFileException fresh) {
            // created by the cluster
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    BatonClient client() {
        return processes.client();
    }

    /** The processes themselves, for scenarios that kill, stop and restart them. */
    ClusterProcesses processes() {
        return processes;
    }

    List<Path> journals() {
        return processes.journals();
    }

    /** ZooKeeper's last transaction id. */
    long zxid() {
        return ServerModeProbe.zxid("127.0.0.1", zkPort, Duration.ofSeconds(5))
                .orElseThrow(() -> new IllegalStateException("ZooKeeper on port " + zkPort + " did not answer srvr"));
    }

    private void awaitWorkers(int workers) {
        Instant deadline = Instant.now().plus(READY);
        while (Instant.now().isBefore(deadline)) {
            try {
                var view = client().clusterStatus();
                if (!view.getLeader().getNodeId().isEmpty() && view.getWorkerStatesCount() >= workers) return;
            } catch (RuntimeException notYet) {
                // no leader yet
            }
            pause(100);
        }
        throw new IllegalStateException("the leader did not see " + workers + " workers within " + READY);
    }

    /** Parks the harness thread for a measurement window or a poll interval (not a synchronisation). */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        processes.close();
    }
}
