package io.baton.server.coordinator;

import io.baton.proto.v1.AssignShard;
import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardReport;
import io.baton.proto.v1.WorkerStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A worker process as {@link SimulatedCluster} models it, following the rules of the real worker's
 * LeaderSession: messages below the highest epoch seen are dropped; re-delivered assignments are ignored;
 * a full worker or one without the handler refuses; terminal reports stay in an outbox until acknowledged
 * and go out whole with every hello. A crash loses everything, as a real process would.
 */
final class SimulatedWorker {
    final String id;
    final int capacity;
    final Set<String> handlers;
    boolean alive;
    /** The current leader holds a live, greeted connection to this process. */
    boolean linked;
    /** Bumped by every crash, so messages sent to an earlier process are not delivered to a later one. */
    int incarnation;
    private long highestEpoch;
    private final Set<AttemptRef> running = new LinkedHashSet<>();
    private final Set<AttemptRef> started = new HashSet<>();
    private final Map<AttemptRef, ShardReport> outbox = new LinkedHashMap<>();
    private final Set<AttemptRef> finished = new HashSet<>();

    SimulatedWorker(String id, int capacity, boolean alive, String... handlers) {
        this.id = id;
        this.capacity = capacity;
        this.alive = alive;
        this.handlers = Set.of(handlers);
    }

    /** A leader of {@code epoch} greeted this worker: the answer it gets. */
    WorkerStatus hello(long epoch) {
        highestEpoch = Math.max(highestEpoch, epoch);
        linked = true;
        return WorkerStatus.newBuilder().setWorkerId(id).setCapacity(capacity).addAllHandlers(handlers)
                .addAllRunning(running).addAllUnackedReports(outbox.values()).build();
    }

    /** An assignment arrived; returns the report it causes at once (a refusal), if any. */
    Optional<ShardReport> onAssign(long epoch, AssignShard assign, long now) {
        AttemptRef ref = assign.getRef();
        if (!admit(epoch) || running.contains(ref) || outbox.containsKey(ref) || finished.contains(ref)) {
            return Optional.empty();
        }
        if (!handlers.contains(assign.getHandler()) || running.size() >= capacity) {
            return Optional.of(finish(ref, ShardOutcome.SHARD_OUTCOME_REFUSED, now));
        }
        running.add(ref);
        return Optional.empty();
    }

    /** A cancel arrived; a running attempt ends CANCELLED, or SUCCEEDED when it won the race with the cancel. */
    Optional<ShardReport> onCancel(long epoch, AttemptRef ref, boolean finishedFirst, long now) {
        if (!admit(epoch) || !running.contains(ref)) return Optional.empty();
        return Optional.of(finish(ref, finishedFirst ? ShardOutcome.SHARD_OUTCOME_SUCCEEDED : ShardOutcome.SHARD_OUTCOME_CANCELLED, now));
    }

    /** Returns false when the ack was dropped for its stale epoch. */
    boolean onAck(long epoch, List<AttemptRef> refs) {
        if (!admit(epoch)) return false;
        refs.forEach(outbox::remove);
        return true;
    }

    ShardReport start(AttemptRef ref, long now) {
        started.add(ref);
        return report(ref, ShardOutcome.SHARD_OUTCOME_STARTED, now);
    }

    ShardReport finish(AttemptRef ref, ShardOutcome outcome, long now) {
        running.remove(ref);
        started.remove(ref);
        finished.add(ref);
        ShardReport r = report(ref, outcome, now);
        outbox.put(ref, r);
        return r;
    }

    void crash() {
        alive = false;
        linked = false;
        incarnation++;
        highestEpoch = 0;
        running.clear();
        started.clear();
        outbox.clear();
        finished.clear();
    }

    List<AttemptRef> running() { return new ArrayList<>(running); }
    boolean hasStarted(AttemptRef ref) { return started.contains(ref); }
    List<ShardReport> outbox() { return new ArrayList<>(outbox.values()); }

    private boolean admit(long epoch) {
        if (epoch < highestEpoch) return false;
        highestEpoch = epoch;
        return true;
    }

    private ShardReport report(AttemptRef ref, ShardOutcome outcome, long now) {
        return ShardReport.newBuilder().setRef(ref).setOutcome(outcome).setWorkerId(id).setMessage(outcome.name())
                .setStartedMillis(now).setFinishedMillis(outcome == ShardOutcome.SHARD_OUTCOME_STARTED ? 0 : now).build();
    }

    @Override
    public String toString() {
        return id + (alive ? "" : "(dead)") + (linked ? "" : "(unlinked)") + " running=" + running.size()
                + " outbox=" + outbox.size() + " epoch=" + highestEpoch;
    }
}
