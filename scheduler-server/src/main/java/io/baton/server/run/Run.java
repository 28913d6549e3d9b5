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
 * One run of a job and its shards: the run state machine (RUNNING -> SUCCEEDED | FAILED once every shard
 * is final) and the fencing of shard reports. Pure and single-threaded: owned by the leader's event loop.
 */
public final class Run {
    /** Stored output/error strings are cut to this many characters to keep run records small. */
    public static final int MAX_MESSAGE_CHARS = 200;

    private final RunRecord header;
    private final List<Shard> shards;
    private RunState state;
    private long finishedMillis;

    private Run(RunRecord header, List<Shard> shards) {
        this.header = header.toBuilder().clearShards().build();
        this.shards = shards;
        this.state = header.getState() == RunState.RUN_STATE_UNSPECIFIED ? RunState.RUN_STATE_RUNNING : header.getState();
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

    /** Starts a new attempt of a PENDING shard on a worker; returns its identity. */
    public AttemptId dispatch(int index, String workerId, long epoch) {
        Shard s = shards.get(index);
        AttemptId attempt = new AttemptId(epoch, s.current().attempt() + 1);
        s.assign(attempt, workerId);
        return attempt;
    }

    /** Voids the current attempt of an active shard (worker lost or refused it); the shard is PENDING again. */
    public void loseAttempt(int index, String reason) {
        Shard s = shards.get(index);
        if (ShardTransitions.isActive(s.state())) s.finished(ShardEvent.ATTEMPT_LOST, truncate(reason), 0, 0);
    }

    /** Recovery: a worker claims it runs {@code attempt}; adopt it if it is not older than what we know. */
    public boolean adopt(int index, AttemptId attempt, String workerId) {
        Shard s = shards.get(index);
        if (ShardTransitions.isTerminal(s.state()) || s.current().isAfter(attempt)) return false;
        s.adopt(attempt, workerId);
        return true;
    }

    /** Applies a worker's report to the shard it names, if it is for the shard's current attempt. */
    public ReportVerdict report(int index, AttemptId attempt, ShardOutcome outcome, String message,
                                long startedMillis, long finishedMillis, long nowMillis) {
        if (index < 0 || index >= shards.size()) return ReportVerdict.UNKNOWN;
        Shard s = shards.get(index);
        if (ShardTransitions.isTerminal(s.state())) return ReportVerdict.ALREADY_FINAL;
        if (!s.current().equals(attempt) || !ShardTransitions.isActive(s.state())) return ReportVerdict.STALE_ATTEMPT;
        long finished = finishedMillis > 0 ? finishedMillis : nowMillis;
        switch (outcome) {
            case SHARD_OUTCOME_STARTED -> s.started(startedMillis > 0 ? startedMillis : nowMillis);
            case SHARD_OUTCOME_SUCCEEDED -> s.finished(ShardEvent.SUCCEEDED, truncate(message), startedMillis, finished);
            case SHARD_OUTCOME_FAILED -> s.finished(ShardEvent.FAILED, truncate(message), startedMillis, finished);
            case SHARD_OUTCOME_CANCELLED, SHARD_OUTCOME_REFUSED ->
                    s.finished(ShardEvent.ATTEMPT_LOST, truncate(outcome.name() + ": " + message), 0, 0);
            default -> { return ReportVerdict.UNKNOWN; }
        }
        finishIfComplete(nowMillis);
        return ReportVerdict.ACCEPTED;
    }

    private void finishIfComplete(long nowMillis) {
        if (state != RunState.RUN_STATE_RUNNING) return;
        boolean allFinal = true;
        boolean anyFailed = false;
        for (Shard s : shards) {
            allFinal &= ShardTransitions.isTerminal(s.state());
            anyFailed |= s.state() == ShardState.SHARD_STATE_FAILED;
        }
        if (allFinal) {
            state = anyFailed ? RunState.RUN_STATE_FAILED : RunState.RUN_STATE_SUCCEEDED;
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
    public boolean isFinished() { return state != RunState.RUN_STATE_RUNNING; }

    public String shardParameter(int index) {
        return index < header.getShardParametersCount() ? header.getShardParameters(index) : "";
    }
}
