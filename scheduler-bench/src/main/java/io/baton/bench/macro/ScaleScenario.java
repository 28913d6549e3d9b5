package io.baton.bench.macro;

import io.baton.client.BatonClient;
import io.baton.client.BatonException;
import io.baton.proto.v1.JobSpec;
import io.baton.testing.ClusterProcesses;
import io.baton.testing.ClusterSettings;
import io.baton.testing.journal.JournalEntry;
import io.baton.testing.process.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Many cron jobs held by one leader (issue 6: 100,000 in the full run; target a million in 1 GiB of heap,
 * no ZooKeeper watch per job). A ZooKeeper server process, two scheduler nodes (one leads, the other
 * waits) and one worker. A few busy jobs fire every second throughout. Measured before and after the quiet
 * jobs are submitted (through the SDK, from many threads): the leader's and ZooKeeper's heap after full
 * collections, the leader's CPU at rest (whole JVM, and its coordinator thread), ZooKeeper's nodes and
 * watches (read over JMX: the harness's ZooKeeper allows no four-letter word that counts watches). Then the
 * leader is killed ({@code kill -9}) and the other node's log tells when it was elected and when its term had
 * loaded every job; the journals tell when the first busy shard started again.
 */
public final class ScaleScenario {
    private static final Duration READY = Duration.ofSeconds(60);
    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(3);
    private static final String LOOP_THREAD = "baton-coordinator-";
    private static final int WORKER_CAPACITY = 16;
    private static final int GC_ROUNDS = 2;

    private ScaleScenario() {}

    public static ScaleFigures run(ScaleSettings settings, Path runDir) {
        BenchCluster.requireEmpty(runDir);
        ClusterSettings base = ClusterSettings.sameJvm(runDir);
        // ZooKeeper gets a heap of its own size: its own harness, in a folder of its own
        ClusterSettings zkSide = ClusterSettings.sameJvm(runDir.resolve("zookeeper-process"))
                .withJvmOptions(jvm(settings.zooKeeperHeap(), runDir));
        try (ClusterProcesses zk = ClusterProcesses.create(zkSide);
             ClusterProcesses nodes = ClusterProcesses.create(base.withJvmOptions(jvm(settings.leaderHeap(), runDir)))) {
            nodes.useZooKeeper(zk.startZooKeeper());
            nodes.startNodes(List.of("s1", "s2"), List.of("w1"), WORKER_CAPACITY);
            ManagedProcess leader = awaitLeader(nodes, 1);
            ManagedProcess successor = nodes.scheduler(leader.name().equals("s1") ? "s2" : "s1");
            BatonClient client = nodes.client();
            for (int k = 0; k < settings.busyJobs(); k++) client.submit(ScaleJobs.busy(k));
            BenchCluster.pause(1_500); // busy jobs fire once or twice: the loop's paths are loaded and compiled

            long zkPid = zk.zooKeeper().orElseThrow().pid();
            Snapshot before = snapshot(leader.pid(), zkPid, settings.cpuWindow(), runDir.resolve("leader-histogram-before.txt"));
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            java.util.function.IntFunction<JobSpec> quiet = i -> ScaleJobs.quiet(i, settings.distinctSchedules(), today);
            int half = settings.jobs() / 2;
            ScaleFigures.Submit first = submitAll(client, 0, half, settings.submitThreads(), quiet);
            long[] halfHeaps = heaps(leader.pid(), zkPid);
            ScaleFigures.Submit second = submitAll(client, half, settings.jobs(), settings.submitThreads(), quiet);
            ScaleFigures.Submit submit = new ScaleFigures.Submit(settings.jobs(), settings.submitThreads(), first.millis() + second.millis());
            Snapshot after = snapshot(leader.pid(), zkPid, settings.cpuWindow(), runDir.resolve("leader-histogram-with-jobs.txt"));

            ScaleFigures.Recovery recovery = killLeader(nodes, leader, successor, base.sessionTimeout());
            long newLeaderHeap;
            try (JvmProbe probe = JvmProbe.attach(successor.pid())) {
                newLeaderHeap = probe.heapUsedAfterFullGc(GC_ROUNDS);
            }
            long held = settings.jobs() + settings.busyJobs();
            return new ScaleFigures(held, settings.busyJobs(), settings.distinctSchedules(), submit,
                    new ScaleFigures.Heap(before.leaderHeap, halfHeaps[0], after.leaderHeap, settings.jobs()),
                    new ScaleFigures.Heap(before.zkHeap, halfHeaps[1], after.zkHeap, settings.jobs()), newLeaderHeap,
                    new ScaleFigures.Cpu(settings.cpuWindow().toMillis(), before.processCpu, after.processCpu, before.loopCpu, after.loopCpu),
                    new ScaleFigures.ZooKeeperTree(before.tree.nodes(), after.tree.nodes(), before.tree.watches(), after.tree.watches()),
                    recovery);
        }
    }

    /** Options of the cluster JVMs (as {@link BenchCluster}'s, with the heap given); JFR into {@code runDir/jfr} with --profile. */
    private static List<String> jvm(String heap, Path runDir) {
        List<String> options = new ArrayList<>(List.of("-Xms64m", "-Xmx" + heap, "-XX:+UseParallelGC",
                "-Dlogback.configurationFile=baton-process-logback.xml"));
        if (System.getProperty(BenchCluster.PROFILE_PROPERTY) != null) {
            Path jfr = runDir.resolve("jfr").toAbsolutePath();
            try {
                Files.createDirectories(jfr);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            options.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr + "/");
        }
        return options;
    }

    /**
     * The cluster's state at rest: heaps after full collections, ZooKeeper's tree, CPU over {@code window};
     * the leader's class histogram goes to {@code histogram} (where the heap goes).
     */
    private record Snapshot(long leaderHeap, long zkHeap, JvmProbe.DataTree tree, long processCpu, long loopCpu) {}

    private static Snapshot snapshot(long leaderPid, long zkPid, Duration window, Path histogram) {
        try (JvmProbe leader = JvmProbe.attach(leaderPid); JvmProbe zk = JvmProbe.attach(zkPid)) {
            long leaderHeap = leader.heapUsedAfterFullGc(GC_ROUNDS);
            write(histogram, leader.classHistogram());
            long zkHeap = zk.heapUsedAfterFullGc(GC_ROUNDS);
            JvmProbe.DataTree tree = zk.zooKeeperDataTree();
            BenchCluster.pause(1_000); // let the collections' aftermath (and the attach itself) pass before CPU is counted
            long cpu0 = leader.processCpuNanos();
            long loop0 = leader.threadCpuNanos(LOOP_THREAD);
            BenchCluster.pause(window.toMillis());
            long cpu = leader.processCpuNanos() - cpu0;
            long loop = leader.threadCpuNanos(LOOP_THREAD) - loop0;
            return new Snapshot(leaderHeap, zkHeap, tree, cpu, loop);
        }
    }

    /** The leader's and ZooKeeper's heap after full collections. */
    private static long[] heaps(long leaderPid, long zkPid) {
        try (JvmProbe leader = JvmProbe.attach(leaderPid); JvmProbe zk = JvmProbe.attach(zkPid)) {
            return new long[] {leader.heapUsedAfterFullGc(GC_ROUNDS), zk.heapUsedAfterFullGc(GC_ROUNDS)};
        }
    }

    /**
     * Submits jobs {@code from..to-1} from {@code threads} threads sharing one client (it carries concurrent
     * requests together); a job already there counts as submitted.
     */
    static ScaleFigures.Submit submitAll(BatonClient client, int from, int to, int threads, java.util.function.IntFunction<JobSpec> spec) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger(from);
        long t0 = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                        try {
                            client.submit(spec.apply(i));
                        } catch (BatonException e) {
                            // the SDK sends a request again when its reply was lost: the first one stored the job
                            if (e.code() != BatonException.Code.ALREADY_EXISTS) throw e;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("submitting jobs failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while submitting jobs", e);
        } finally {
            pool.shutdownNow();
        }
        return new ScaleFigures.Submit(to - from, threads, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Kills the leader ({@code kill -9}) and waits for {@code successor}'s term to start and for a busy shard
     * to start under it; times are from the kill.
     */
    private static ScaleFigures.Recovery killLeader(ClusterProcesses nodes, ManagedProcess leader, ManagedProcess successor,
                                                    Duration session) {
        String id = successor.name();
        long killedAt = System.currentTimeMillis();
        leader.kill9();
        ZoneId zone = ZoneId.systemDefault();
        TermLog.Elected elected = await(id + " to be elected", () -> TermLog.elected(lines(successor.logFile()), id, 0));
        TermLog.Started started = await(id + "'s term to start", () -> TermLog.started(lines(successor.logFile()), elected.epoch()));
        long firstStart = await("a busy shard to start under epoch " + started.epoch(), () -> JournalEntry.read(nodes.journals(),
                        e -> e.isStart() && e.epoch() >= started.epoch()).stream()
                .mapToLong(e -> e.startMicros() / 1000).min().stream().boxed().findFirst());
        return new ScaleFigures.Recovery(session.toMillis(), TermLog.epochMillis(elected.at(), killedAt, zone) - killedAt,
                TermLog.epochMillis(started.at(), killedAt, zone) - killedAt, started.loadMillis(), started.jobs(),
                firstStart - killedAt, started.epoch() - elected.epoch());
    }

    private static <T> T await(String what, Supplier<Optional<T>> probe) {
        Instant deadline = Instant.now().plus(RECOVERY_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> found = probe.get();
            if (found.isPresent()) return found.get();
            BenchCluster.pause(20);
        }
        throw new IllegalStateException("gave up waiting for " + what + " after " + RECOVERY_LIMIT);
    }

    /** Waits until one of the nodes leads and sees at least {@code workers} workers; returns its process. */
    private static ManagedProcess awaitLeader(ClusterProcesses nodes, int workers) {
        Instant deadline = Instant.now().plus(READY);
        while (Instant.now().isBefore(deadline)) {
            try {
                var view = nodes.client().clusterStatus();
                Optional<ManagedProcess> leader = nodes.leaderProcess();
                if (leader.isPresent() && leader.get().name().equals(view.getLeader().getNodeId())
                        && view.getWorkerStatesCount() >= workers) return leader.get();
            } catch (RuntimeException notYet) {
                // no leader yet
            }
            BenchCluster.pause(100);
        }
        throw new IllegalStateException("no node led with " + workers + " worker(s) within " + READY);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static List<String> lines(Path log) {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }
}
