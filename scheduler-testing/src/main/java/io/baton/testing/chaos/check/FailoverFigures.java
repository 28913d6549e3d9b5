package io.baton.testing.chaos.check;

import io.baton.testing.chaos.ChaosEvidence;
import io.baton.testing.chaos.FaultKind;
import io.baton.testing.chaos.FaultRecord;
import io.baton.testing.journal.JournalEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How fast the cluster recovered, measured from the journals against the fault times:
 * <ul>
 *   <li>worker loss ({@code kill -9}, {@code SIGSTOP}) → each shard it was running started elsewhere under a
 *   newer attempt;</li>
 *   <li>leader loss ({@code kill -9}, {@code SIGSTOP}) → the first work started under a newer epoch; all
 *   schedulers restarted, and quorum regained → first work, are kept apart as they include JVM start and
 *   ZooKeeper recovery;</li>
 *   <li>SIGTERM of a worker: how many of its running shards it finished and how many it handed back.</li>
 * </ul>
 * A worker-loss shard that never ran elsewhere, a leader loss after which nothing was dispatched, or a new
 * epoch while only one ZooKeeper node was down (that loss must have no visible effect) is a violation. Pure.
 */
public final class FailoverFigures {
    public record Result(Percentiles workerLoss, Percentiles leaderLoss, Percentiles schedulersRestart,
                         Percentiles quorumRegained, int drainedFinished, int drainedHandedBack,
                         int leaderChangesOnNodeLoss, Percentiles fireToStartQuiet, Percentiles fireToStartOnNodeLoss,
                         List<String> violations) {}

    /** Around a fault, fires are not "quiet": from this long before it until this long after it healed. */
    static final long QUIET_BEFORE_MILLIS = 3_000;
    static final long QUIET_AFTER_MILLIS = 5_000;
    /** The first fires after the jobs were created meet cold JVMs (class loading, first compilation): not quiet. */
    static final long COLD_START_MILLIS = 10_000;

    private final ChaosEvidence evidence;
    private final List<JournalEntry> starts;
    /** End time of every execution that ended, by execution key. */
    private final Map<String, Long> endedAt;
    private final Set<String> succeeded;
    /** Starts of each shard (run and index), in start order. */
    private final Map<String, List<JournalEntry>> byShard;
    private final List<String> violations = new ArrayList<>();

    private FailoverFigures(ChaosEvidence evidence) {
        this.evidence = evidence;
        this.starts = evidence.starts().stream().sorted(Comparator.comparingLong(JournalEntry::startMillis)).toList();
        this.endedAt = evidence.ends().stream().collect(Collectors.toMap(JournalEntry::executionKey, JournalEntry::endMillis, Math::min));
        this.byShard = starts.stream().collect(Collectors.groupingBy(JournalEntry::shardKey));
        this.succeeded = evidence.ends().stream().filter(JournalEntry::succeeded).map(JournalEntry::executionKey)
                .collect(Collectors.toSet());
    }

    public static Result compute(ChaosEvidence evidence) {
        FailoverFigures f = new FailoverFigures(evidence);
        List<Long> workerLoss = new ArrayList<>();
        List<Long> leaderLoss = new ArrayList<>();
        List<Long> restart = new ArrayList<>();
        List<Long> quorum = new ArrayList<>();
        int[] drained = new int[2];
        int leaderChanges = 0;
        for (FaultRecord fault : evidence.faults()) {
            switch (fault.kind()) {
                case WORKER_KILL, WORKER_STOP -> workerLoss.addAll(f.shardsMoved(fault));
                case WORKER_TERM -> f.drain(fault, drained);
                case LEADER_KILL, LEADER_STOP -> f.nextEpochWork(fault, fault.injectedMillis()).ifPresent(leaderLoss::add);
                case SCHEDULERS_RESTART -> f.nextEpochWork(fault, fault.injectedMillis()).ifPresent(restart::add);
                case ZOOKEEPER_QUORUM_LOSS -> f.nextEpochWork(fault, fault.healedMillis()).ifPresent(quorum::add);
                case ZOOKEEPER_NODE_LOSS, ZOOKEEPER_LEADERS_NODE_LOSS -> {
                    if (f.leaderChanged(fault)) {
                        leaderChanges++;
                        f.violations.add(fault.describe() + ": work started under a new epoch while only one ZooKeeper node"
                                + " was down; losing one node must cost no leader change and no term renewal");
                    }
                }
            }
        }
        return new Result(Percentiles.of(workerLoss), Percentiles.of(leaderLoss), Percentiles.of(restart), Percentiles.of(quorum),
                drained[0], drained[1], leaderChanges, f.fireToStart(false), f.fireToStart(true), List.copyOf(f.violations));
    }

    /**
     * Executions open on the victim when the fault hit: started, not ended by then, and not already
     * superseded by a newer attempt (one cut short by an earlier fault of the same worker, say).
     */
    private List<JournalEntry> openOn(FaultRecord fault) {
        String victim = fault.targets().get(0);
        long at = fault.injectedMillis();
        return starts.stream().filter(s -> s.worker().equals(victim) && s.startMillis() <= at)
                .filter(s -> endedAt.getOrDefault(s.executionKey(), Long.MAX_VALUE) > at)
                .filter(s -> byShard.get(s.shardKey()).stream().noneMatch(n -> n.attempt() > s.attempt() && n.startMillis() <= at))
                .toList();
    }

    private List<Long> shardsMoved(FaultRecord fault) {
        List<Long> latencies = new ArrayList<>();
        for (JournalEntry open : openOn(fault)) {
            Optional<JournalEntry> moved = retry(open, fault.injectedMillis());
            if (moved.isPresent()) {
                latencies.add(moved.get().startMillis() - fault.injectedMillis());
            } else {
                violations.add(fault.kind() + " of " + open.worker() + ": " + open.run() + " shard " + open.shard() + " attempt "
                        + open.attempt() + " was running there and never started anywhere else");
            }
        }
        return latencies;
    }

    private void drain(FaultRecord fault, int[] counts) {
        for (JournalEntry open : openOn(fault)) {
            if (succeeded.contains(open.executionKey())) counts[0]++;
            else if (laterAttempt(open, fault.injectedMillis()).isPresent()) counts[1]++;
            else violations.add("SIGTERM of " + open.worker() + ": " + open.run() + " shard " + open.shard()
                    + " neither finished there nor started again");
        }
    }

    /** The first execution of the same shard under a newer attempt on another worker, started at or after {@code from}. */
    private Optional<JournalEntry> retry(JournalEntry open, long from) {
        return byShard.get(open.shardKey()).stream().filter(s -> s.attempt() > open.attempt()
                && !s.worker().equals(open.worker()) && s.startMillis() >= from).findFirst();
    }

    /**
     * The first execution of the same shard under a newer attempt anywhere, started at or after {@code from}:
     * a shard a SIGTERM'd worker handed back may run again on the worker's next incarnation (same name).
     */
    private Optional<JournalEntry> laterAttempt(JournalEntry open, long from) {
        return byShard.get(open.shardKey()).stream().filter(s -> s.attempt() > open.attempt() && s.startMillis() >= from).findFirst();
    }

    /** Milliseconds from {@code from} to the first work under an epoch newer than the one before the fault. */
    private Optional<Long> nextEpochWork(FaultRecord fault, long from) {
        Optional<JournalEntry> first = firstStartOfNewerEpoch(starts, fault.epochBefore(), fault.injectedMillis());
        if (first.isEmpty()) violations.add("after " + fault.describe() + " no leader ever dispatched again");
        return first.map(s -> Math.max(0, s.startMillis() - from));
    }

    /**
     * The first execution started under an epoch newer than {@code epochBefore}, at or after {@code fromMillis}:
     * the next leader's first dispatch once a term ended (the leader killed, frozen, resigned or stopped).
     * {@code journal} may hold end lines and be in any order. Also used by the macro benchmark's failover trials.
     */
    public static Optional<JournalEntry> firstStartOfNewerEpoch(List<JournalEntry> journal, long epochBefore, long fromMillis) {
        return journal.stream().filter(s -> s.isStart() && s.epoch() > epochBefore && s.startMillis() >= fromMillis)
                .min(Comparator.comparingLong(JournalEntry::startMillis));
    }

    /**
     * Fire → first shard start of scheduled runs: those fired far from any fault ({@code duringNodeLoss}
     * false), or those fired while a single ZooKeeper node was down or just back (true).
     */
    private Percentiles fireToStart(boolean duringNodeLoss) {
        Map<String, Long> firstStart = new java.util.HashMap<>();
        Map<String, Long> fireOf = new java.util.HashMap<>();
        for (JournalEntry s : starts) {
            if (s.run().substring(s.run().indexOf('@')).contains("-")) continue; // triggered runs (job@t-api, -now)
            firstStart.merge(s.run(), s.startMillis(), Math::min);
            fireOf.put(s.run(), s.fireMillis());
        }
        List<Long> delays = new ArrayList<>();
        firstStart.forEach((run, start) -> {
            long fire = fireOf.get(run);
            boolean nearFault = evidence.faults().stream().anyMatch(f -> fire >= f.injectedMillis() - QUIET_BEFORE_MILLIS
                    && fire <= f.healedMillis() + QUIET_AFTER_MILLIS);
            boolean inNodeLoss = evidence.faults().stream().anyMatch(f -> isNodeLoss(f.kind())
                    && fire >= f.injectedMillis() && fire <= f.healedMillis() + 2_000);
            boolean cold = fire < evidence.checkedFromMillis() + COLD_START_MILLIS;
            if (duringNodeLoss ? inNodeLoss : !nearFault && !cold) delays.add(Math.max(0, start - fire));
        });
        return Percentiles.of(delays);
    }

    private static boolean isNodeLoss(FaultKind kind) {
        return kind == FaultKind.ZOOKEEPER_NODE_LOSS || kind == FaultKind.ZOOKEEPER_LEADERS_NODE_LOSS;
    }

    private boolean leaderChanged(FaultRecord fault) {
        return starts.stream().anyMatch(s -> s.epoch() > fault.epochBefore() && s.startMillis() >= fault.injectedMillis()
                && s.startMillis() <= fault.healedMillis());
    }
}
