package io.baton.server.coordinator;

import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardRecord;
import io.baton.proto.v1.ShardReport;
import io.baton.proto.v1.ShardState;
import io.baton.server.run.AttemptId;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What must hold after every step of {@link SimulatedCluster}, whatever the order of events: at most one
 * accepted success per shard, a success never undone (in a term's memory, or once durable), every recorded
 * success one that a worker really reported for that very attempt, dispatch only to greeted workers within
 * their capacity, and acknowledgements only for reports whose effect is durable.
 */
final class SimulationInvariants {
    /** Every attempt a simulated worker reported SUCCEEDED. */
    private final Set<AttemptRef> reportedSuccesses = new HashSet<>();
    /** Shards durably SUCCEEDED, with their attempt. */
    private final Map<ShardKey, AttemptRef> durableSuccess = new HashMap<>();
    /** Shards seen SUCCEEDED in the current term's memory, with their attempt. */
    private final Map<ShardKey, AttemptRef> termSuccess = new HashMap<>();

    static void require(boolean condition, String format, Object... args) {
        if (condition) return;
        Object[] shown = new Object[args.length];
        for (int i = 0; i < args.length; i++) shown[i] = show(args[i]);
        throw new AssertionError(String.format(format, shown));
    }

    /** One-line forms of protobuf values for failure messages. */
    static Object show(Object o) {
        if (o instanceof AttemptRef r) return r.getRunId() + "#" + r.getShardIndex() + "/" + r.getAttempt() + "@e" + r.getAssignEpoch();
        if (o instanceof ShardRecord s) {
            return s.getState() + " " + s.getAttempt() + "@e" + s.getAssignEpoch() + " on " + s.getWorkerId() + " x" + s.getSuccessCount();
        }
        return o;
    }

    static AttemptRef attemptOf(String runId, ShardRecord s) {
        return TestRecords.ref(runId, s.getIndex(), s.getAssignEpoch(), s.getAttempt());
    }

    static boolean isActive(ShardRecord s) {
        return s.getState() == ShardState.SHARD_STATE_ASSIGNED || s.getState() == ShardState.SHARD_STATE_RUNNING;
    }

    void workerReported(ShardReport report) {
        if (report.getOutcome() == ShardOutcome.SHARD_OUTCOME_SUCCEEDED) reportedSuccesses.add(report.getRef());
    }

    void newTerm() {
        termSuccess.clear();
    }

    void afterStep(CoordinatorState leader, Set<String> greeted, Map<String, SimulatedWorker> workers) {
        Map<String, RunRecord> memory = new HashMap<>();
        for (RunRecord run : leader.activeRuns()) {
            memory.put(run.getRunId(), run);
            for (ShardRecord s : run.getShardsList()) checkShard(run.getRunId(), s);
        }
        stillSucceeded(termSuccess, memory, "in this term's memory");
        stillSucceeded(durableSuccess, memory, "durably");
        require(leader.readyWorkers().equals(greeted), "leader's ready workers %s, but greeted %s", leader.readyWorkers(), greeted);
        for (String w : leader.readyWorkers()) {
            require(leader.runningOn(w) <= workers.get(w).capacity, "worker %s holds %d > capacity %d",
                    w, leader.runningOn(w), workers.get(w).capacity);
        }
        if (!leader.isRecovering()) checkBook(leader, memory.values());
    }

    private void checkShard(String runId, ShardRecord s) {
        ShardKey key = new ShardKey(runId, s.getIndex());
        require(s.getSuccessCount() <= 1, "shard %s has success_count %d", key, s.getSuccessCount());
        boolean succeeded = s.getState() == ShardState.SHARD_STATE_SUCCEEDED;
        require(succeeded == (s.getSuccessCount() == 1), "shard %s is %s with success_count %d", key, s.getState(), s.getSuccessCount());
        if (!succeeded) return;
        AttemptRef attempt = attemptOf(runId, s);
        require(reportedSuccesses.contains(attempt), "shard %s SUCCEEDED under %s, which no worker reported succeeded", key, attempt);
        AttemptRef first = termSuccess.putIfAbsent(key, attempt);
        require(first == null || first.equals(attempt), "shard %s succeeded under %s, then under %s", key, first, attempt);
    }

    private static void stillSucceeded(Map<ShardKey, AttemptRef> seen, Map<String, RunRecord> memory, String where) {
        seen.forEach((key, attempt) -> {
            RunRecord run = memory.get(key.runId());
            if (run == null) return;
            ShardRecord s = run.getShards(key.shardIndex());
            require(s.getState() == ShardState.SHARD_STATE_SUCCEEDED && attemptOf(key.runId(), s).equals(attempt),
                    "shard %s SUCCEEDED %s under %s is now %s under %s", key, where, attempt, s.getState(), attemptOf(key.runId(), s));
        });
    }

    /** Once recovery is over, the book of each worker is exactly the active shards placed on it. */
    private static void checkBook(CoordinatorState leader, Collection<RunRecord> runs) {
        Map<String, Integer> active = new HashMap<>();
        for (RunRecord run : runs) {
            for (ShardRecord s : run.getShardsList()) {
                if (!isActive(s)) continue;
                require(leader.readyWorkers().contains(s.getWorkerId()), "shard %s#%d is %s on %s, which is not ready",
                        run.getRunId(), s.getIndex(), s.getState(), s.getWorkerId());
                active.merge(s.getWorkerId(), 1, Integer::sum);
            }
        }
        for (String w : leader.readyWorkers()) {
            require(leader.runningOn(w) == active.getOrDefault(w, 0), "worker %s: book says %d running, shards say %d",
                    w, leader.runningOn(w), active.getOrDefault(w, 0));
        }
    }

    /** An assignment the leader just decided to send. */
    void dispatched(CoordinatorState leader, Set<String> greeted, long epoch, Effects.Send send) {
        AttemptRef ref = send.assign().getRef();
        require(greeted.contains(send.workerId()) && leader.readyWorkers().contains(send.workerId()),
                "attempt %s dispatched to %s, which is not ready", ref, send.workerId());
        require(ref.getAssignEpoch() == epoch, "attempt %s dispatched by the leader of epoch %d", ref, epoch);
        ShardRecord s = leader.run(ref.getRunId()).orElseThrow().getShards(ref.getShardIndex());
        require(s.getState() == ShardState.SHARD_STATE_ASSIGNED && attemptOf(ref.getRunId(), s).equals(ref)
                && s.getWorkerId().equals(send.workerId()), "dispatched %s to %s but the shard is %s", ref, send.workerId(), s);
    }

    /** The leader's accepted-success counter moved on {@code report}: it must be for the shard's current attempt. */
    void successAccepted(CoordinatorState leader, ShardReport report, long delta) {
        require(delta == 1, "one report counted %d successes", delta);
        AttemptRef ref = report.getRef();
        require(report.getOutcome() == ShardOutcome.SHARD_OUTCOME_SUCCEEDED, "a %s report counted as success", report.getOutcome());
        ShardRecord s = leader.run(ref.getRunId()).orElseThrow().getShards(ref.getShardIndex());
        require(s.getState() == ShardState.SHARD_STATE_SUCCEEDED && attemptOf(ref.getRunId(), s).equals(ref),
                "success of %s accepted but the shard is %s", ref, s);
    }

    /** A run record is being made durable over {@code previous} (null for a creation). */
    void durableWrite(RunRecord previous, RunRecord next) {
        for (ShardRecord s : next.getShardsList()) {
            ShardKey key = new ShardKey(next.getRunId(), s.getIndex());
            require(s.getSuccessCount() <= 1, "durable shard %s has success_count %d", key, s.getSuccessCount());
            AttemptRef before = durableSuccess.get(key);
            if (before != null) {
                require(s.getState() == ShardState.SHARD_STATE_SUCCEEDED && attemptOf(next.getRunId(), s).equals(before),
                        "durable success of %s under %s overwritten by %s", key, before, s);
            } else if (s.getState() == ShardState.SHARD_STATE_SUCCEEDED) {
                durableSuccess.put(key, attemptOf(next.getRunId(), s));
            }
        }
        if (previous != null && previous.getState() != RunState.RUN_STATE_RUNNING) {
            require(next.getState() == previous.getState(), "finished run %s rewritten as %s", next.getRunId(), next.getState());
        }
    }

    /**
     * The leader is about to acknowledge {@code ref}, so its worker will forget the report: the store must no
     * longer wait for that attempt. A shard durably final needs nothing more; an open one must already be past
     * {@code ref} (a later attempt exists) or have voided it.
     */
    void acknowledged(Map<String, RunRecord> store, AttemptRef ref) {
        RunRecord run = store.get(ref.getRunId());
        require(run != null, "ack for %s of a run that is not durable", ref);
        ShardRecord s = run.getShards(ref.getShardIndex());
        if (s.getState() == ShardState.SHARD_STATE_SUCCEEDED || s.getState() == ShardState.SHARD_STATE_FAILED) return;
        AttemptRef durable = attemptOf(ref.getRunId(), s);
        require(!(durable.equals(ref) && isActive(s)), "ack for %s while the store still waits for it: %s", ref, s);
        require(!idOf(ref).isAfter(idOf(durable)), "ack for %s but the store only knows the older %s", ref, s);
    }

    Set<AttemptRef> reportedSuccesses() {
        return reportedSuccesses;
    }

    private static AttemptId idOf(AttemptRef ref) {
        return new AttemptId(ref.getAssignEpoch(), ref.getAttempt());
    }
}
