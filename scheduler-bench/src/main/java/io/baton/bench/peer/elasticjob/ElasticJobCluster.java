package io.baton.bench.peer.elasticjob;

import io.baton.bench.macro.BenchCluster;

import io.baton.testing.ClusterProcesses;
import io.baton.testing.ClusterSettings;
import io.baton.testing.process.JvmCommand;
import io.baton.testing.process.ManagedProcess;
import io.baton.testing.process.ProcessRole;
import io.baton.testing.process.Signals;
import io.baton.testing.zookeeper.ServerModeProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The ElasticJob-lite peer of one benchmark scenario: a ZooKeeper server process of the same kind Baton's
 * benchmark uses (started by {@link ClusterProcesses}) and {@code instances} {@link ElasticJobPeerMain}
 * JVMs (same JVM options as Baton's benchmark nodes), each registering the same {@link PeerJobs} and
 * journaling to {@code runDir/journal-ej<i>.log}. {@link #close()} stops the peers (SIGTERM, then SIGKILL)
 * and then ZooKeeper; it is idempotent. Used from one harness thread.
 */
final class ElasticJobCluster implements AutoCloseable {
    static final String NAMESPACE = "elasticjob-bench";
    private static final Duration READY = Duration.ofSeconds(90);
    private static final Duration TERM_GRACE = Duration.ofSeconds(10);
    private static final Duration CONTROL_TIMEOUT = Duration.ofMinutes(2);
    private static final long POLL_MILLIS = 50;

    private final ClusterProcesses zooKeeper;
    private final int zkPort;
    private final List<ManagedProcess> peers;
    private final List<Integer> controlPorts;
    private final List<Path> journals;
    private boolean closed;

    private ElasticJobCluster(ClusterProcesses zooKeeper, int zkPort, List<ManagedProcess> peers, List<Integer> controlPorts, List<Path> journals) {
        this.zooKeeper = zooKeeper;
        this.zkPort = zkPort;
        this.peers = peers;
        this.controlPorts = controlPorts;
        this.journals = journals;
    }

    /** Starts ZooKeeper and the peers, and returns once every peer has registered every job. */
    static ElasticJobCluster start(Path runDir, int instances, PeerJobs jobs) {
        if (instances < 1) throw new IllegalArgumentException("at least one instance");
        requireEmpty(runDir);
        List<String> jvm = List.of("-Xms256m", "-Xmx1g", "-XX:+UseParallelGC");
        ClusterSettings settings = ClusterSettings.sameJvm(runDir).withJvmOptions(jvm);
        ClusterProcesses processes = ClusterProcesses.create(settings);
        List<ManagedProcess> peers = new ArrayList<>();
        try {
            String connect = processes.startZooKeeper();
            int zkPort = Integer.parseInt(connect.substring(connect.lastIndexOf(':') + 1));
            List<Path> journals = new ArrayList<>();
            for (int i = 1; i <= instances; i++) {
                Path journal = runDir.resolve("journal-ej" + i + ".log");
                journals.add(journal);
                List<String> args = List.of("--zk", connect, "--namespace", NAMESPACE, "--jobs", jobs.format(),
                        "--journal", journal.toString(), "--session-timeout-ms", Long.toString(settings.sessionTimeout().toMillis()));
                List<String> options = new ArrayList<>(jvm);
                options.add("-Dbaton.run=" + runDir.toAbsolutePath()); // `pgrep -f <runDir>` finds this run's JVMs
                JvmCommand command = new JvmCommand(settings.javaExecutable(), options, settings.classPath(),
                        ElasticJobPeerMain.class.getName(), args, true);
                peers.add(ManagedProcess.launch("ej" + i, ProcessRole.PEER, command.argv(), runDir.resolve("ej" + i + ".log")));
            }
            List<Integer> ports = new ArrayList<>();
            for (ManagedProcess p : peers) ports.add(Integer.parseInt(p.awaitReady(READY).field("control")));
            return new ElasticJobCluster(processes, zkPort, peers, ports, journals);
        } catch (RuntimeException e) {
            stopAll(peers);
            processes.close();
            throw e;
        }
    }

    /** Runs every one-off job now on every instance (through the first peer); returns the jobs triggered. */
    int triggerAll() {
        String answer = PeerControl.send(controlPorts.get(0), PeerControl.TRIGGER, CONTROL_TIMEOUT);
        if (!answer.startsWith("TRIGGERED ")) throw new IllegalStateException("peer ej1 could not trigger: " + answer);
        return Integer.parseInt(answer.substring("TRIGGERED ".length()));
    }

    List<Path> journals() {
        return List.copyOf(journals);
    }

    int instances() {
        return peers.size();
    }

    /** ZooKeeper's last transaction id. */
    long zxid() {
        return ServerModeProbe.zxid("127.0.0.1", zkPort, Duration.ofSeconds(5))
                .orElseThrow(() -> new IllegalStateException("ZooKeeper on port " + zkPort + " did not answer srvr"));
    }

    /**
     * Polls the journals until they hold at least {@code runLines} {@link PeerJournal.Run} lines (every
     * instance journals one per job fire, with or without shards); fails at the deadline or when a peer died.
     */
    PeerJournal.Contents awaitRunLines(long runLines, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            PeerJournal.Contents contents = PeerJournal.readAll(journals);
            if (contents.runs().size() >= runLines) return contents;
            requireAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the peers finished " + contents.runs().size() + " of " + runLines + " job fires within "
                        + timeout.toSeconds() + " s; logs in " + journals.get(0).getParent());
            }
            BenchCluster.pause(POLL_MILLIS);
        }
    }

    /** Polls the journals (one {@link PeerJournal.Contents} per instance) until {@code done} holds; fails at the deadline or when a peer died. */
    void awaitJournals(java.util.function.Predicate<List<PeerJournal.Contents>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<PeerJournal.Contents> perInstance = journals.stream().map(j -> PeerJournal.readAll(List.of(j))).toList();
            if (done.test(perInstance)) return;
            requireAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the peers' journals did not reach the expected state within " + timeout.toSeconds()
                        + " s; logs in " + journals.get(0).getParent());
            }
            BenchCluster.pause(POLL_MILLIS);
        }
    }

    private void requireAlive() {
        for (ManagedProcess p : peers) {
            if (!p.isAlive()) throw new IllegalStateException(p.name() + " died; log " + p.logFile() + " ends with:\n" + p.tail(3000));
        }
    }

    private static void requireEmpty(Path runDir) {
        try (var entries = Files.list(runDir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("benchmark cluster folder " + runDir + " is not empty; choose a fresh --out folder");
            }
        } catch (NoSuchFileException fresh) {
            // created by the cluster
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM to every peer at once (ElasticJob shuts each job down in turn), SIGKILL to any that outlives the grace period. */
    private static void stopAll(List<ManagedProcess> peers) {
        for (ManagedProcess p : peers) {
            try {
                if (p.isAlive()) Signals.send(p.pid(), "TERM");
            } catch (RuntimeException e) {
                System.err.println("could not signal " + p + ": " + e);
            }
        }
        for (ManagedProcess p : peers) {
            try {
                if (p.waitFor(TERM_GRACE).isEmpty()) System.err.println(p + " ignored SIGTERM for " + TERM_GRACE.toSeconds() + " s; killing it");
            } finally {
                p.close();
            }
        }
    }

    /** Stops the peers first (their ElasticJob instances deregister), then ZooKeeper. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            stopAll(peers);
        } finally {
            zooKeeper.close();
        }
    }
}
