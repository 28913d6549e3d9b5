package io.baton.testing.chaos;

import io.baton.proto.v1.LeaderInfo;
import io.baton.testing.ClusterProcesses;
import io.baton.testing.journal.JournalEntry;
import io.baton.testing.process.ManagedProcess;
import io.baton.testing.process.Signals;
import io.baton.testing.process.SocketPeers;
import io.baton.testing.zookeeper.EnsembleLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects one fault into the running cluster and heals it: kills, stops, continues and restarts the
 * scheduler, worker and ZooKeeper processes of a {@link ClusterProcesses}, and returns what was done when.
 * Faults aimed at a worker pick the busiest one (most executions open in its journal), so a fault always
 * hits shards mid-run. Used by {@link ChaosSuite} on its single driver thread.
 */
final class FaultInjector {
    private static final Logger log = LoggerFactory.getLogger(FaultInjector.class);
    private static final Duration HEAL_TIMEOUT = Duration.ofSeconds(90);
    /** How long a killed worker stays dead, and a lone ZooKeeper node down. */
    private static final long WORKER_DOWN_MILLIS = 1_500;
    private static final long ZOOKEEPER_NODE_DOWN_MILLIS = 4_000;
    /** Where in a second a leader kill lands: just after the whole second, when every-second jobs dispatch. */
    private static final long BURST_OFFSET_MILLIS = 15;
    private static final Duration BUSY_WAIT = Duration.ofSeconds(10);

    private final ClusterProcesses cluster;
    private final Random random;
    private final int workerCapacity;
    private final long sessionTimeoutMillis;

    FaultInjector(ClusterProcesses cluster, Random random, int workerCapacity, Duration sessionTimeout) {
        this.cluster = cluster;
        this.random = random;
        this.workerCapacity = workerCapacity;
        this.sessionTimeoutMillis = sessionTimeout.toMillis();
    }

    FaultRecord inject(FaultKind kind) {
        FaultRecord record = switch (kind) {
            case LEADER_KILL -> leaderKill();
            case WORKER_KILL -> workerKill();
            case WORKER_STOP -> workerStop();
            case LEADER_STOP -> leaderStop();
            case ZOOKEEPER_NODE_LOSS -> zooKeeperLoss(kind, 1, ZOOKEEPER_NODE_DOWN_MILLIS);
            // the harder half of node losses: the server the leading scheduler's session is connected to
            case ZOOKEEPER_LEADERS_NODE_LOSS -> zooKeeperLoss(kind, 1, ZOOKEEPER_NODE_DOWN_MILLIS);
            case ZOOKEEPER_QUORUM_LOSS -> zooKeeperLoss(kind, 2, Math.max(5_000, sessionTimeoutMillis + 3_000));
            case SCHEDULERS_RESTART -> schedulersRestart();
            case WORKER_TERM -> workerTerm();
        };
        log.info("fault done: {}", record.describe());
        return record;
    }

    /** Waits until the cluster is whole: ZooKeeper serves, a leader is announced, every worker registered. */
    void awaitHealthy() {
        int workers = cluster.workers().size();
        Waits.await("a leader and " + workers + " registered workers", HEAL_TIMEOUT, () ->
                cluster.leaderProcess().isPresent() && cluster.probe().workers().size() == workers);
    }

    private FaultRecord leaderKill() {
        ManagedProcess leader = leader();
        long epoch = epoch();
        Waits.until((System.currentTimeMillis() / 1000 + 1) * 1000 + BURST_OFFSET_MILLIS);
        long injected = System.currentTimeMillis();
        leader.kill9();
        // as a supervisor would: restarted once the others have taken over, not competing for the CPU meanwhile
        Waits.await("a new leader after killing " + leader.name(), HEAL_TIMEOUT, () -> cluster.leaderProcess().isPresent());
        cluster.startScheduler(leader.name());
        return new FaultRecord(FaultKind.LEADER_KILL, List.of(leader.name()), injected, System.currentTimeMillis(), epoch);
    }

    private FaultRecord leaderStop() {
        return stopFor(FaultKind.LEADER_STOP, leader(), sessionTimeoutMillis + 2_000);
    }

    /** SIGSTOP of {@code target} for {@code millis} (counted from when it is frozen), then SIGCONT. */
    private FaultRecord stopFor(FaultKind kind, ManagedProcess target, long millis) {
        long epoch = epoch();
        target.stop();
        long injected = stoppedAt(target);
        Waits.let(millis);
        target.cont();
        return new FaultRecord(kind, List.of(target.name()), injected, System.currentTimeMillis(), epoch);
    }

    private FaultRecord workerKill() {
        ManagedProcess worker = busiestWorker();
        long epoch = epoch();
        long injected = System.currentTimeMillis();
        worker.kill9();
        Waits.let(WORKER_DOWN_MILLIS);
        cluster.startWorker(worker.name(), workerCapacity);
        return new FaultRecord(FaultKind.WORKER_KILL, List.of(worker.name()), injected, System.currentTimeMillis(), epoch);
    }

    private FaultRecord workerStop() {
        return stopFor(FaultKind.WORKER_STOP, busiestWorker(), sessionTimeoutMillis + 1_500);
    }

    private FaultRecord workerTerm() {
        ManagedProcess worker = busiestWorker();
        long epoch = epoch();
        Signals.send(worker.pid(), "TERM");
        long injected = System.currentTimeMillis();
        if (worker.waitFor(Duration.ofSeconds(30)).isEmpty()) {
            throw new IllegalStateException(worker + " did not stop within 30 s of SIGTERM");
        }
        cluster.startWorker(worker.name(), workerCapacity);
        return new FaultRecord(FaultKind.WORKER_TERM, List.of(worker.name()), injected, System.currentTimeMillis(), epoch);
    }

    private FaultRecord zooKeeperLoss(FaultKind kind, int nodes, long downMillis) {
        List<Integer> ids = new ArrayList<>(IntStream.rangeClosed(1, cluster.zooKeeperNodes().size()).boxed().toList());
        Collections.shuffle(ids, random);
        if (kind == FaultKind.ZOOKEEPER_LEADERS_NODE_LOSS) {
            int leaders = serverOfLeader();
            ids.remove(Integer.valueOf(leaders));
            ids.add(0, leaders);
        }
        List<Integer> victims = ids.subList(0, nodes);
        long epoch = epoch();
        long injected = System.currentTimeMillis();
        for (int id : victims) cluster.zooKeeperNode(id).kill9();
        Waits.let(downMillis);
        for (int id : victims) cluster.restartZooKeeperNode(id);
        long healed = System.currentTimeMillis();
        cluster.zooKeeperEnsemble().awaitServing(HEAL_TIMEOUT);
        return new FaultRecord(kind, victims.stream().map(id -> "zk" + id).toList(), injected, healed, epoch);
    }

    private FaultRecord schedulersRestart() {
        List<ManagedProcess> schedulers = cluster.schedulers().stream().filter(ManagedProcess::isAlive).toList();
        long epoch = epoch();
        long injected = System.currentTimeMillis();
        for (ManagedProcess s : schedulers) s.kill9();
        List<ManagedProcess> restarted = schedulers.stream().map(s -> cluster.launchScheduler(s.name())).toList();
        for (ManagedProcess s : restarted) s.awaitReady(Duration.ofSeconds(60));
        return new FaultRecord(FaultKind.SCHEDULERS_RESTART, schedulers.stream().map(ManagedProcess::name).toList(), injected,
                System.currentTimeMillis(), epoch);
    }

    /**
     * When the process is frozen: {@code kill -STOP} runs as a child process, so the target may still run
     * (and finish a shard) for a few milliseconds after the call began; the fault counts from here.
     */
    private static long stoppedAt(ManagedProcess p) {
        Waits.await(p.name() + " stopped", Duration.ofSeconds(5), p::isStopped);
        return System.currentTimeMillis();
    }

    /** The id of the ZooKeeper server the leading scheduler is connected to (found from its sockets). */
    private int serverOfLeader() {
        ManagedProcess leader = leader();
        var ports = SocketPeers.remotePorts(leader.pid());
        return cluster.zooKeeperEnsemble().layout().members().stream().filter(m -> ports.contains(m.clientPort()))
                .map(EnsembleLayout.Member::serverId).findFirst()
                .orElseThrow(() -> new IllegalStateException("leader " + leader.name() + " has no connection to a ZooKeeper server"
                        + " (remote ports " + ports + ")"));
    }

    private ManagedProcess leader() {
        Waits.await("a leader", HEAL_TIMEOUT, () -> cluster.leaderProcess().isPresent());
        return cluster.leaderProcess().orElseThrow();
    }

    private long epoch() {
        return cluster.probe().leader().map(LeaderInfo::getEpoch).orElse(0L);
    }

    /**
     * The live worker with the most executions open in its journal (ties broken at random), waiting up to
     * {@link #BUSY_WAIT} for any to be busy, so the fault lands mid-shard.
     */
    private ManagedProcess busiestWorker() {
        long deadline = System.currentTimeMillis() + BUSY_WAIT.toMillis();
        while (true) {
            List<ManagedProcess> live = new ArrayList<>(cluster.workers().stream().filter(ManagedProcess::isAlive).toList());
            if (live.isEmpty()) throw new IllegalStateException("no live worker");
            Collections.shuffle(live, random);
            Map<String, Integer> open = new HashMap<>();
            for (ManagedProcess w : live) {
                // executions of an earlier, killed incarnation stay open in the journal forever: count this one's only
                long since = ProcessHandle.of(w.pid()).flatMap(h -> h.info().startInstant()).map(java.time.Instant::toEpochMilli).orElse(0L);
                open.put(w.name(), openExecutions(JournalEntry.readAll(List.of(cluster.journal(w.name()))), since));
            }
            ManagedProcess busiest = live.stream().max(Comparator.comparingInt(w -> open.get(w.name()))).orElseThrow();
            if (open.get(busiest.name()) > 0 || System.currentTimeMillis() > deadline) return busiest;
            Waits.let(20);
        }
    }

    /** Executions started at or after {@code sinceMillis} that have no end line. */
    static int openExecutions(List<JournalEntry> journal, long sinceMillis) {
        Map<String, Integer> balance = new HashMap<>();
        for (JournalEntry e : journal) {
            if (e.startMillis() < sinceMillis) continue;
            balance.merge(e.executionKey(), e.isStart() ? 1 : -1, Integer::sum);
        }
        return (int) balance.values().stream().filter(v -> v > 0).count();
    }
}
