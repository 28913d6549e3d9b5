package io.baton.bench.macro;

import io.baton.proto.v1.ClusterView;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.LeaderInfo;
import io.baton.proto.v1.WorkerState;
import io.baton.testing.ClusterProcesses;
import io.baton.testing.process.ManagedProcess;
import io.baton.testing.process.ProcessRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Failover under a steady workload ({@link FailoverWorkload}) on a cluster of separate JVMs (a ZooKeeper
 * process, {@code schedulers} scheduler nodes, {@code workers} workers with journals), in repeated trials of
 * each {@link FailoverKind}, interleaved so that a change in the machine's load touches every kind alike:
 * <ul>
 *   <li>worker kill: {@code kill -9} of the worker the leader sees running the most shards; restarted after;</li>
 *   <li>leader kill: {@code kill -9} of the leader; restarted (as a follower) once the new leader dispatched;</li>
 *   <li>resign: {@code resignLeader()} through the SDK, from a client already talking to the leader; the node
 *   stays up and rejoins the election last;</li>
 *   <li>SIGTERM of the leader (a graceful stop); restarted after it exited.</li>
 * </ul>
 * Before each trial the cluster must be whole (a leader, every scheduler and worker registered and connected)
 * and have run a moment. Figures come from the journals ({@link FailoverTrials}).
 */
public final class FailoverScenario {
    private static final Duration STEADY_TIMEOUT = Duration.ofSeconds(90);
    private static final long WARM_UP_MILLIS = 3_000;
    private static final long SETTLE_MILLIS = 1_000;
    /** The window a restarted process's CPU use is sampled over while waiting for it to settle. */
    private static final long QUIET_WINDOW_MILLIS = 1_000;
    private static final long POLL_MILLIS = 100;
    /** Entries older than this before a trial cannot matter to it (shards last seconds). */
    private static final long LOOK_BACK_MILLIS = 60_000;
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    /** Every trial, and the summary of each kind, with the session timeout the cluster used. */
    public record Result(long sessionTimeoutMillis, List<FailoverTrials.Trial> trials, List<FailoverTrials.Summary> summaries) {}

    private final FailoverSettings settings;
    private final ClusterProcesses processes;
    private final JournalFollower journal;
    /** The process restarted by the last trial, not yet waited for; null when none. */
    private ManagedProcess restartedByLastTrial;
    private long restartedAtMillis;

    private FailoverScenario(FailoverSettings settings, ClusterProcesses processes) {
        this.settings = settings;
        this.processes = processes;
        this.journal = new JournalFollower(processes::journals);
    }

    public static Result run(FailoverSettings settings, Path runDir) {
        try (BenchCluster cluster = BenchCluster.start(runDir, settings.schedulers(), settings.workers(), settings.capacity(), true,
                settings.sessionTimeout())) {
            FailoverScenario scenario = new FailoverScenario(settings, cluster.processes());
            for (JobSpec job : FailoverWorkload.jobs(settings)) cluster.client().submit(job);
            BenchCluster.pause(WARM_UP_MILLIS);
            List<FailoverTrials.Trial> trials = new ArrayList<>();
            for (int n = 1; n <= settings.trialsPerKind(); n++) {
                for (FailoverKind kind : FailoverKind.values()) {
                    boolean last = n == settings.trialsPerKind() && kind.ordinal() == FailoverKind.values().length - 1;
                    FailoverTrials.Trial trial = scenario.trial(kind, n, !last);
                    System.out.println("failover: " + trial.describe());
                    trials.add(trial);
                }
            }
            long session = settings.sessionTimeout().toMillis();
            return new Result(session, trials, FailoverTrials.summarize(trials, session));
        }
    }

    /** One trial; the process it kills or stops is started again unless {@code restart} is false (the last trial). */
    private FailoverTrials.Trial trial(FailoverKind kind, int n, boolean restart) {
        awaitSteady(kind == FailoverKind.WORKER_KILL);
        if (restartedByLastTrial != null) awaitQuiet(restartedByLastTrial, restartedAtMillis);
        else BenchCluster.pause(SETTLE_MILLIS);
        restartedByLastTrial = null;
        FailoverTrials.Trial trial = switch (kind) {
            case WORKER_KILL -> workerKill(n, restart);
            case LEADER_KILL -> leaderKill(n, restart);
            case LEADER_RESIGN -> resign(n);
            case LEADER_TERM -> leaderTerm(n, restart);
        };
        return kind.endsTerm() ? trial.withPhases(TakeoverPhases.of(schedulerLogs(), trial.epochBefore(), trial.injectedMillis(),
                ZoneId.systemDefault())) : trial;
    }

    private FailoverTrials.Trial workerKill(int n, boolean restart) {
        WorkerState busiest = view().getWorkerStatesList().stream().max(Comparator.comparingInt(WorkerState::getRunning)).orElseThrow();
        ManagedProcess victim = processes.worker(busiest.getWorkerId());
        long epoch = epoch();
        long killed = System.currentTimeMillis();
        victim.kill9();
        FailoverTrials.Trial trial = awaitFigure(() -> FailoverTrials.workerKill(n, victim.name(), killed, epoch,
                journal.since(killed - LOOK_BACK_MILLIS)));
        if (restart) restarted(processes.startWorker(victim.name(), settings.capacity()));
        return trial;
    }

    private FailoverTrials.Trial leaderKill(int n, boolean restart) {
        ManagedProcess leader = leader();
        long epoch = epoch();
        long killed = System.currentTimeMillis();
        leader.kill9();
        FailoverTrials.Trial trial = awaitTermFigure(FailoverKind.LEADER_KILL, n, leader, killed, epoch);
        if (restart) restarted(processes.startScheduler(leader.name()));
        return trial;
    }

    private FailoverTrials.Trial resign(int n) {
        ManagedProcess leader = leader();
        long epoch = epoch();
        // the client talks to the leader already, as an application's client that submits jobs does: the status
        // reads above went to any node, and finding the leader (ZooKeeper reads, a new connection) is not the hand-over
        processes.client().getJob(FailoverWorkload.jobs(settings).get(0).getName());
        long requested = System.currentTimeMillis();
        processes.client().resignLeader();
        return awaitTermFigure(FailoverKind.LEADER_RESIGN, n, leader, requested, epoch);
    }

    private FailoverTrials.Trial leaderTerm(int n, boolean restart) {
        ManagedProcess leader = leader();
        long epoch = epoch();
        ProcessHandle handle = ProcessHandle.of(leader.pid()).orElseThrow(() -> new IllegalStateException(leader + " is gone"));
        long signalled = System.currentTimeMillis();
        handle.destroy(); // SIGTERM, sent from this JVM (no `kill` child process between the instant and the signal)
        FailoverTrials.Trial trial = awaitTermFigure(FailoverKind.LEADER_TERM, n, leader, signalled, epoch);
        if (leader.waitFor(EXIT_TIMEOUT).isEmpty()) throw new IllegalStateException(leader + " did not exit within " + EXIT_TIMEOUT + " of SIGTERM");
        if (restart) restarted(processes.startScheduler(leader.name()));
        return trial;
    }

    private void restarted(ManagedProcess process) {
        restartedByLastTrial = process;
        restartedAtMillis = System.currentTimeMillis();
    }

    /**
     * Waits until {@code process}, restarted at {@code sinceMillis}, is past its start-up ({@link QuietRule}: at
     * least the settings' {@code restartSettle}, then a quiet second of CPU, at most 30 s): a standby in
     * production has long finished compiling and rehearsing; one whose JIT compiler still takes half a core
     * slows every process of this 2-vCPU machine.
     */
    private void awaitQuiet(ManagedProcess process, long sinceMillis) {
        QuietRule rule = QuietRule.after(settings.restartSettle());
        long before = cpuMillis(process);
        long windowStart = System.currentTimeMillis();
        while (true) {
            BenchCluster.pause(QUIET_WINDOW_MILLIS);
            long now = System.currentTimeMillis();
            long cpu = cpuMillis(process);
            long used = before < 0 || cpu < 0 ? -1 : cpu - before;
            if (rule.settled(now - sinceMillis, used, now - windowStart)) return;
            before = cpu;
            windowStart = now;
        }
    }

    /** The CPU time {@code process} has used so far, in milliseconds; -1 when unknown (gone, or not reported). */
    private static long cpuMillis(ManagedProcess process) {
        return ProcessHandle.of(process.pid()).flatMap(h -> h.info().totalCpuDuration()).map(Duration::toMillis).orElse(-1L);
    }

    private FailoverTrials.Trial awaitTermFigure(FailoverKind kind, int n, ManagedProcess leader, long at, long epoch) {
        return awaitFigure(() -> FailoverTrials.termEnded(kind, n, leader.name(), at, epoch, journal.since(at - LOOK_BACK_MILLIS)));
    }

    /** Reads the journals until the trial's figure is there (or can never be: nothing was interrupted), or time is up. */
    private static FailoverTrials.Trial awaitFigure(Supplier<FailoverTrials.Trial> figure) {
        long deadline = System.nanoTime() + RECOVERY_TIMEOUT.toNanos();
        while (true) {
            FailoverTrials.Trial trial = figure.get();
            boolean nothingInterrupted = trial.kind() == FailoverKind.WORKER_KILL && trial.shardsInterrupted() == 0;
            if (trial.observed() || nothingInterrupted || System.nanoTime() > deadline) return trial;
            BenchCluster.pause(POLL_MILLIS);
        }
    }

    /**
     * Waits until the cluster is whole: a leader among our live processes, every scheduler and worker
     * registered, every worker connected to the leader and (for a worker trial) one of them running shards.
     */
    private void awaitSteady(boolean needRunningShards) {
        long deadline = System.nanoTime() + STEADY_TIMEOUT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            try {
                ClusterView v = view();
                boolean whole = processes.leaderProcess().isPresent() && v.getSchedulersCount() == settings.schedulers()
                        && v.getWorkerStatesCount() == settings.workers()
                        && v.getWorkerStatesList().stream().allMatch(w -> w.getConnected() && !w.getDraining());
                boolean busy = !needRunningShards || v.getWorkerStatesList().stream().anyMatch(w -> w.getRunning() > 0);
                if (whole && busy) return;
                last = v.toString();
            } catch (RuntimeException notYet) {
                last = notYet.toString();
            }
            BenchCluster.pause(POLL_MILLIS);
        }
        throw new IllegalStateException("the cluster was not whole again within " + STEADY_TIMEOUT + "; last seen: " + last);
    }

    /** The lines each scheduler process logged, one list per process (restarted incarnations included). */
    private List<List<String>> schedulerLogs() {
        List<List<String>> logs = new ArrayList<>();
        for (ManagedProcess p : processes.allProcesses()) {
            if (p.role() != ProcessRole.SCHEDULER) continue;
            try {
                logs.add(new String(Files.readAllBytes(p.logFile()), StandardCharsets.UTF_8).lines().toList());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p.logFile(), e);
            }
        }
        return logs;
    }

    private ClusterView view() {
        return processes.client().clusterStatus();
    }

    private ManagedProcess leader() {
        return processes.leaderProcess().orElseThrow(() -> new IllegalStateException("no live leader"));
    }

    private long epoch() {
        Optional<LeaderInfo> leader = processes.probe().leader();
        return leader.map(LeaderInfo::getEpoch).orElseThrow(() -> new IllegalStateException("no leader in ZooKeeper"));
    }
}
