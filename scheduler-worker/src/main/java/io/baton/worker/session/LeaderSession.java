package io.baton.worker.session;

import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.Rejected;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardReport;
import io.baton.proto.v1.WorkerStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's relation to its leaders, as pure state: epoch fencing, which connection is the current leader,
 * the attempts running, the attempts recently finished, and the outbox of terminal reports not yet
 * acknowledged. Every input is one method returning a decision; the caller (the worker's session loop)
 * acts on it. Not thread-safe: one thread owns it.
 *
 * <p>Rules: a message whose epoch is below the highest seen is dropped and counted; a hello with an epoch at
 * least the highest makes its connection the current leader; an assignment of an attempt that is running or
 * finished is ignored; a terminal report stays in the outbox until acknowledged, and the whole outbox goes
 * out with every hello reply, so a new leader learns what happened while there was none.
 *
 * @param <C> identifies a connection; compared with {@code equals}
 */
public final class LeaderSession<C> {
    private static final Logger log = LoggerFactory.getLogger(LeaderSession.class);

    private final WorkerIdentity identity;
    private final Set<AttemptRef> running = new LinkedHashSet<>();
    private final Map<AttemptRef, ShardReport> outbox = new LinkedHashMap<>();
    private final RecentAttempts finished;
    private long highestEpoch;
    private C leader;
    private long leaderEpoch;
    private long staleRejected;
    private boolean draining;

    public LeaderSession(WorkerIdentity identity) {
        this(identity, RecentAttempts.DEFAULT_CAPACITY);
    }

    /** @param finishedMemory how many finished attempts are remembered to ignore their re-delivery */
    public LeaderSession(WorkerIdentity identity, int finishedMemory) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.finished = new RecentAttempts(finishedMemory);
    }

    /** A leader greeted us on {@code connection}. */
    public HelloOutcome<C> onHello(C connection, long epoch) {
        if (!admit(epoch, "LeaderHello")) return new HelloOutcome.Fenced<>(rejection(epoch));
        C previous = leader;
        leader = connection;
        leaderEpoch = epoch;
        Optional<C> replaced = previous == null || previous.equals(connection) ? Optional.empty() : Optional.of(previous);
        return new HelloOutcome.Welcome<>(status(), replaced);
    }

    /** An assignment arrived; ACCEPTED means run it now (it then counts as running). */
    public Verdict onAssign(long epoch, AttemptRef ref) {
        if (!admit(epoch, "AssignShard")) return Verdict.STALE;
        if (running.contains(ref) || outbox.containsKey(ref) || finished.contains(ref)) {
            log.debug("ignoring re-delivered assignment {}", describe(ref));
            return Verdict.DUPLICATE;
        }
        running.add(ref);
        return Verdict.ACCEPTED;
    }

    /** A cancel arrived; ACCEPTED means cancel the running attempt. */
    public Verdict onCancel(long epoch, AttemptRef ref) {
        if (!admit(epoch, "CancelShard")) return Verdict.STALE;
        return running.contains(ref) ? Verdict.ACCEPTED : Verdict.IGNORED;
    }

    /** The leader made these reports durable: forget them. */
    public Verdict onAck(long epoch, List<AttemptRef> refs) {
        if (!admit(epoch, "ReportAck")) return Verdict.STALE;
        refs.forEach(outbox::remove);
        return Verdict.ACCEPTED;
    }

    /**
     * An attempt reported progress or its end. A terminal report goes to the outbox (until acknowledged) and
     * the attempt counts as finished. Returns the connection to send it to now, if there is a current leader.
     */
    public Optional<C> onReport(ShardReport report) {
        AttemptRef ref = report.getRef();
        if (isTerminal(report.getOutcome())) {
            running.remove(ref);
            finished.add(ref);
            outbox.put(ref, report);
        }
        return currentLeader();
    }

    /** A connection closed; if it was the leader's, reports wait in the outbox until the next hello. */
    public void onDisconnected(C connection) {
        if (connection.equals(leader)) {
            leader = null;
        }
    }

    /** The answer to a stale request. */
    public Rejected rejection(long epoch) {
        return Rejected.newBuilder()
                .setReason("stale epoch " + epoch + " < " + highestEpoch)
                .setHighestEpoch(highestEpoch)
                .build();
    }

    /** The connection of a leader whose epoch is the highest seen, if connected. */
    public Optional<C> currentLeader() {
        return leader != null && leaderEpoch == highestEpoch ? Optional.of(leader) : Optional.empty();
    }

    public WorkerStatus status() {
        return WorkerStatus.newBuilder()
                .setWorkerId(identity.workerId())
                .setCapacity(identity.capacity())
                .addAllHandlers(identity.handlers())
                .addAllRunning(running)
                .addAllUnackedReports(outbox.values())
                .setStaleRejected(staleRejected)
                .setDraining(draining)
                .build();
    }

    /**
     * From now on the worker takes no new assignments; every later hello says so. Returns the leader to tell
     * at once, if one is connected.
     */
    public Optional<C> onDraining() {
        draining = true;
        return currentLeader();
    }

    public boolean isDraining() { return draining; }

    public long highestEpoch() { return highestEpoch; }

    public long staleRejected() { return staleRejected; }

    public List<AttemptRef> running() { return List.copyOf(running); }

    public List<ShardReport> unacked() { return new ArrayList<>(outbox.values()); }

    /** True for an attempt's last report (everything but STARTED); the outbox keeps those until acknowledged. */
    public static boolean isTerminal(ShardOutcome outcome) {
        return switch (outcome) {
            case SHARD_OUTCOME_SUCCEEDED, SHARD_OUTCOME_FAILED, SHARD_OUTCOME_CANCELLED, SHARD_OUTCOME_REFUSED,
                 SHARD_OUTCOME_TIMED_OUT -> true;
            // No default: a new outcome must be classified here, or this does not compile.
            case SHARD_OUTCOME_UNSPECIFIED, SHARD_OUTCOME_STARTED, UNRECOGNIZED -> false;
        };
    }

    /** Fencing: false (and counted) below the highest epoch seen; a higher epoch becomes the highest. */
    private boolean admit(long epoch, String what) {
        if (epoch < highestEpoch) {
            staleRejected++;
            log.info("dropped stale {} with epoch {} (highest seen {}, {} dropped so far)", what, epoch, highestEpoch, staleRejected);
            return false;
        }
        highestEpoch = epoch;
        return true;
    }

    private static String describe(AttemptRef ref) {
        return ref.getRunId() + "/" + ref.getShardIndex() + "#" + ref.getAttempt() + "@" + ref.getAssignEpoch();
    }
}
