package io.baton.server.run;

import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardRecord;
import io.baton.proto.v1.ShardState;
import io.baton.proto.v1.TriggerKind;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of a job and its shards: the run state machine and the fencing of shard reports. Pure and
 * single-threaded: owned by the leader's event loop.
 *
 * <pre>
 * QUEUED --start--> RUNNING --(every shard final)--> SUCCEEDED | FAILED (a shard failed all its attempts)
 * QUEUED/RUNNING --cancel--> CANCELLED
 * </pre>
 * A failed or timed-out attempt is retried (after a backoff the caller computes) until the run's retry
 * policy allows no more attempts; lost attempts (dead worker, refusal) are dispatched again at no cost.
 */
public final class Run {
    /** Stored output/error strings are cut to this many characters to keep run records small. */
    public static final int MAX_MESSAGE_CHARS = 200;

    private final RunRecord header;
    private final List<Shard> shards;
    private RunState state;
    private long finishedMillis;
    private final int maxAttempts;

    /** A shard attempt the caller must cancel on its worker (its run was cancelled). */
    public record ActiveAttempt(int shardIndex, String workerId, AttemptId attempt) {}

    /** Every shard below this index is not PENDING (a hint that keeps dispatch scans short). */
    private int pendingFrom;
    /** Every shard below this index is final; final states are absorbing, so it only grows. */
    private int finalFrom;
    private boolean anyFinalFailed;

    private Run(RunRecord header, List<Shard> shards) {
        this.header = header.toBuilder().clearShards().build();
        this.shards = shards;
        this.state = header.getState() == RunState.RUN_STATE_UNSPECIFIED ? RunState.RUN_STATE_RUNNING : header.getState();
        this.maxAttempts = io.baton.common.job.JobDefaults.maxAttempts(header.getRetry());
        this.finishedMillis = header.getFinishedMillis();
    }

    /** A new run with every shard PENDING. */
    public static Run create(String runId, String jobName, long fireTimeMillis, TriggerKind trigger, long nowMillis,
                             long epoch, String handler, String jobParameter, List<String> shardParameters, int shardCount) {
        RunRecord header = RunRecord.newBuilder()
                .setRunId(runId).setJobName(jobName).setFireTimeMillis(fireTimeMillis).setTrigger(trigger)
                .setState(RunState.RUN_STATE_RUNNING).setCreatedMillis(nowMillis).setCreatedEpoch(epoch)
                .setHandler(handler).setJobParameter(jobParameter).addAllShardParameters(shardParameters)
                .build();
        return create(header, shardCount);
    }

    /**
     * A new run from a complete header (state RUNNING or QUEUED, the job's copied policies) with
     * {@code shardCount} PENDING shards.
     */
    public static Run create(RunRecord header, int shardCount) {
        List<Shard> shards = new ArrayList<>(shardCount);
        for (int i = 0; i < shardCount; i++) shards.add(new Shard(i));
        return new Run(header, shards);
    }

    public static Run fromRecord(RunRecord record) {
        List<Shard> shards = new ArrayList<>(record.getShardsCount());
        for (ShardRecord s : record.getShardsList()) shards.add(Shard.fromRecord(s));
        return new Run(record, shards);
    }

    public RunRecord toRecord() {
        RunRecord.Builder b = header.toBuilder().setState(state).setFinishedMillis(finishedMillis);
        for (Shard s : shards) b.addShards(s.toRecord());
        return b.build();
    }

    /** Starts a new attempt of a PENDING shard on a worker; returns its identity. No timeout deadline. */
    public AttemptId dispatch(int index, String workerId, long epoch) {
        return dispatch(index, workerId, epoch, 0, 0);
    }

    /**
     * Starts a new attempt of a PENDING shard on a worker; returns its identity. With an attempt timeout, the
     * leader gives up on the attempt at {@code nowMillis + timeout + graceMillis} ({@link #timeOut}).
     */
    public AttemptId dispatch(int index, String workerId, long epoch, long nowMillis, long graceMillis) {
        Shard s = shards.get(index);
        AttemptId attempt = new AttemptId(epoch, s.current().attempt() + 1);
        s.assign(attempt, workerId, deadline(nowMillis, graceMillis));
        return attempt;
    }

    /** An attempt's deadline counts from its start: now, or the fire time of a shard sent ahead of it. */
    private long deadline(long nowMillis, long graceMillis) {
        long timeout = header.getAttemptTimeoutMillis();
        long from = beforeFireTime(nowMillis) ? header.getFireTimeMillis() : nowMillis;
        return timeout > 0 ? from + timeout + graceMillis : 0;
    }

    /** A QUEUED run may start: its shards become dispatchable. */
    public void start() {
        if (state == RunState.RUN_STATE_QUEUED) state = RunState.RUN_STATE_RUNNING;
    }

    /**
     * Cancels a QUEUED or RUNNING run: every shard not yet final ends CANCELLED. Returns the attempts that were
     * active, which the caller cancels on their workers. Nothing happens to a finished run (empty list).
     */
    public List<ActiveAttempt> cancel(String reason, long nowMillis) {
        if (isFinished()) return List.of();
        List<ActiveAttempt> active = new ArrayList<>();
        for (Shard s : shards) {
            if (ShardTransitions.isActive(s.state())) active.add(new ActiveAttempt(s.index(), s.workerId(), s.current()));
            if (!ShardTransitions.isTerminal(s.state())) s.finished(ShardEvent.CANCELLED, truncate(reason), 0, nowMillis);
        }
        state = RunState.RUN_STATE_CANCELLED;
        finishedMillis = nowMillis;
        return active;
    }

    /**
     * The leader's deadline for {@code attempt} passed without a final report: the attempt counts as failed
     * (retried after {@code retryDelayMillis} if attempts are left). False when the attempt is no longer current.
     */
    public boolean timeOut(int index, AttemptId attempt, long nowMillis, long retryDelayMillis) {
        Shard s = shards.get(index);
        if (!ShardTransitions.isActive(s.state()) || !s.current().equals(attempt)) return false;
        failAttempt(s, "timed out: no result within " + header.getAttemptTimeoutMillis() + " ms plus grace",
                0, nowMillis, nowMillis, retryDelayMillis);
        finishIfComplete(nowMillis);
        return true;
    }

    private void failAttempt(Shard s, String message, long started, long finished, long nowMillis, long retryDelayMillis) {
        boolean retry = s.failedAttempts() + 1 < maxAttempts;
        s.attemptFailed(retry, nowMillis + retryDelayMillis, truncate(message), started, finished);
        notePending(s);
    }

    /** A shard that is PENDING again (lost or failed attempt) must be found by the next {@link #dispatchable} scan. */
    private void notePending(Shard s) {
        if (s.state() == ShardState.SHARD_STATE_PENDING) pendingFrom = Math.min(pendingFrom, s.index());
    }

    /**
     * Up to {@code limit} shards that may be dispatched now (PENDING, past any retry backoff), lowest index
     * first; none before a scheduled run's fire time (a fire decided ahead waits for its instant). Costs the shards
     * scanned, not the run's size: the scan starts after the prefix of shards known not to be PENDING.
     */
    public List<Integer> dispatchable(long nowMillis, int limit) {
        return dispatchable(nowMillis, 0, limit);
    }

    /**
     * As above, where a scheduled run's shards may go out up to {@code leadMillis} before its fire time (the
     * worker starts them at the instant; see {@code AssignShard.start_delay_micros}).
     */
    public List<Integer> dispatchable(long nowMillis, long leadMillis, int limit) {
        if (state != RunState.RUN_STATE_RUNNING || beforeFireTime(nowMillis + leadMillis)) return new ArrayList<>(0);
        List<Integer> out = new ArrayList<>(Math.max(0, Math.min(limit, shards.size() - pendingFrom)));
        boolean prefix = true;
        for (int i = pendingFrom; i < shards.size() && out.size() < limit; i++) {
            Shard s = shards.get(i);
            boolean pending = s.state() == ShardState.SHARD_STATE_PENDING;
            if (prefix && !pending) {
                pendingFrom = i + 1;
                continue;
            }
            prefix = false;
            if (pending && s.retryAtMillis() <= nowMillis) out.add(i);
        }
        return out;
    }

    /** Whether this is a scheduled fire decided ahead of its time, which has not come yet. */
    public boolean beforeFireTime(long nowMillis) {
        return header.getTrigger() == TriggerKind.TRIGGER_KIND_SCHEDULE && nowMillis < header.getFireTimeMillis();
    }

    /** Voids the current attempt of an active shard (worker lost or refused it); the shard is PENDING again. */
    public void loseAttempt(int index, String reason) {
        Shard s = shards.get(index);
        if (ShardTransitions.isActive(s.state())) s.finished(ShardEvent.ATTEMPT_LOST, truncate(reason), 0, 0);
        notePending(s);
    }

    /** Recovery: a worker claims it runs {@code attempt}; adopt it if it is not older than what we know. */
    public boolean adopt(int index, AttemptId attempt, String workerId) {
        return adopt(index, attempt, workerId, 0, 0);
    }

    /** As {@link #adopt(int, AttemptId, String)}; a newly adopted attempt's deadline counts from {@code nowMillis}. */
    public boolean adopt(int index, AttemptId attempt, String workerId, long nowMillisForAdoption, long graceForAdoption) {
        Shard s = shards.get(index);
        if (ShardTransitions.isTerminal(s.state()) || s.current().isAfter(attempt)) return false;
        s.adopt(attempt, workerId, deadline(nowMillisForAdoption, graceForAdoption));
        return true;
    }

    /** Applies a worker's report to the shard it names, if it is for the shard's current attempt. */
    public ReportVerdict report(int index, AttemptId attempt, ShardOutcome outcome, String message,
                                long startedMillis, long finishedMillis, long nowMillis) {
        return report(index, attempt, outcome, message, startedMillis, finishedMillis, nowMillis, 0);
    }

    /**
     * Applies a worker's report to the shard it names, if it is for the shard's current attempt. A failed or
     * timed-out attempt with attempts left makes the shard wait {@code retryDelayMillis} before its next one.
     */
    public ReportVerdict report(int index, AttemptId attempt, ShardOutcome outcome, String message,
                                long startedMillis, long finishedMillis, long nowMillis, long retryDelayMillis) {
        if (index < 0 || index >= shards.size()) return ReportVerdict.UNKNOWN;
        Shard s = shards.get(index);
        if (ShardTransitions.isTerminal(s.state())) return ReportVerdict.ALREADY_FINAL;
        if (!s.current().equals(attempt) || !ShardTransitions.isActive(s.state())) return ReportVerdict.STALE_ATTEMPT;
        long finished = finishedMillis > 0 ? finishedMillis : nowMillis;
        switch (outcome) {
            case SHARD_OUTCOME_STARTED -> s.started(startedMillis > 0 ? startedMillis : nowMillis);
            case SHARD_OUTCOME_SUCCEEDED -> s.finished(ShardEvent.SUCCEEDED, truncate(message), startedMillis, finished);
            case SHARD_OUTCOME_FAILED, SHARD_OUTCOME_TIMED_OUT -> failAttempt(s,
                    outcome == ShardOutcome.SHARD_OUTCOME_TIMED_OUT ? "timed out: " + message : message,
                    startedMillis, finished, nowMillis, retryDelayMillis);
            case SHARD_OUTCOME_CANCELLED, SHARD_OUTCOME_REFUSED -> {
                s.finished(ShardEvent.ATTEMPT_LOST, truncate(outcome.name() + ": " + message), 0, 0);
                notePending(s);
            }
            default -> { return ReportVerdict.UNKNOWN; }
        }
        finishIfComplete(nowMillis);
        return ReportVerdict.ACCEPTED;
    }

    /** Ends a RUNNING run whose shards are all final; scans only past the prefix already known final. */
    private void finishIfComplete(long nowMillis) {
        if (state != RunState.RUN_STATE_RUNNING) return;
        while (finalFrom < shards.size() && ShardTransitions.isTerminal(shards.get(finalFrom).state())) {
            anyFinalFailed |= shards.get(finalFrom).state() == ShardState.SHARD_STATE_FAILED;
            finalFrom++;
        }
        if (finalFrom == shards.size()) {
            state = anyFinalFailed ? RunState.RUN_STATE_FAILED : RunState.RUN_STATE_SUCCEEDED;
            finishedMillis = nowMillis;
        }
    }

    static String truncate(String s) {
        if (s == null) return "";
        return s.length() <= MAX_MESSAGE_CHARS ? s : s.substring(0, MAX_MESSAGE_CHARS);
    }

    public String id() { return header.getRunId(); }
    public String jobName() { return header.getJobName(); }
    public String handler() { return header.getHandler(); }
    public String jobParameter() { return header.getJobParameter(); }
    public long fireTimeMillis() { return header.getFireTimeMillis(); }
    public TriggerKind trigger() { return header.getTrigger(); }
    public int shardCount() { return shards.size(); }
    public Shard shard(int index) { return shards.get(index); }
    public List<Shard> shards() { return List.copyOf(shards); }
    public RunState state() { return state; }
    public boolean isFinished() {
        return state != RunState.RUN_STATE_RUNNING && state != RunState.RUN_STATE_QUEUED;
    }
    public boolean isQueued() { return state == RunState.RUN_STATE_QUEUED; }
    public int maxAttempts() { return maxAttempts; }
    public long attemptTimeoutMillis() { return header.getAttemptTimeoutMillis(); }
    public io.baton.proto.v1.RetryPolicy retryPolicy() { return header.getRetry(); }

    public String shardParameter(int index) {
        return index < header.getShardParametersCount() ? header.getShardParameters(index) : "";
    }
}
