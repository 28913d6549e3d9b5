package io.baton.server.run;

import io.baton.proto.v1.ShardRecord;
import io.baton.proto.v1.ShardState;

/** Mutable state of one shard of a run, owned by its {@link Run} (and so by the leader's event loop). */
public final class Shard {
    private final int index;
    private ShardState state = ShardState.SHARD_STATE_PENDING;
    private AttemptId current = AttemptId.NONE;
    private String workerId = "";
    private String message = "";
    private long startedMillis;
    private long finishedMillis;
    private int successCount;
    private int failedAttempts;
    private long retryAtMillis;
    private long deadlineMillis;

    Shard(int index) {
        this.index = index;
    }

    static Shard fromRecord(ShardRecord r) {
        Shard s = new Shard(r.getIndex());
        s.state = r.getState() == ShardState.SHARD_STATE_UNSPECIFIED ? ShardState.SHARD_STATE_PENDING : r.getState();
        s.current = new AttemptId(r.getAssignEpoch(), r.getAttempt());
        s.workerId = r.getWorkerId();
        s.message = r.getMessage();
        s.startedMillis = r.getStartedMillis();
        s.finishedMillis = r.getFinishedMillis();
        s.successCount = r.getSuccessCount();
        s.failedAttempts = r.getFailedAttempts();
        s.retryAtMillis = r.getRetryAtMillis();
        s.deadlineMillis = r.getDeadlineMillis();
        return s;
    }

    ShardRecord toRecord() {
        return ShardRecord.newBuilder()
                .setIndex(index).setState(state)
                .setAttempt(current.attempt()).setAssignEpoch(current.epoch())
                .setWorkerId(workerId).setMessage(message)
                .setStartedMillis(startedMillis).setFinishedMillis(finishedMillis)
                .setSuccessCount(successCount)
                .setFailedAttempts(failedAttempts).setRetryAtMillis(retryAtMillis).setDeadlineMillis(deadlineMillis)
                .build();
    }

    void move(ShardEvent event) {
        state = ShardTransitions.apply(state, event);
        if (state == ShardState.SHARD_STATE_SUCCEEDED) successCount++;
    }

    void assign(AttemptId attempt, String worker, long deadline) {
        move(ShardEvent.DISPATCHED);
        current = attempt;
        workerId = worker;
        message = "";
        startedMillis = 0;
        finishedMillis = 0;
        retryAtMillis = 0;
        deadlineMillis = deadline;
    }

    /** Takes over an attempt a worker says it runs (recovery); the shard becomes RUNNING under it. */
    void adopt(AttemptId attempt, String worker, long deadline) {
        if (state == ShardState.SHARD_STATE_PENDING) move(ShardEvent.DISPATCHED);
        if (!attempt.equals(current)) deadlineMillis = deadline;
        retryAtMillis = 0;
        current = attempt;
        workerId = worker;
        if (state == ShardState.SHARD_STATE_ASSIGNED) move(ShardEvent.STARTED);
    }

    void started(long millis) {
        startedMillis = millis;
        if (state == ShardState.SHARD_STATE_ASSIGNED) move(ShardEvent.STARTED);
    }

    void finished(ShardEvent event, String msg, long started, long finished) {
        move(event);
        message = msg;
        if (started > 0) startedMillis = started;
        finishedMillis = finished;
        deadlineMillis = 0;
    }

    /** The current attempt failed or timed out: the shard FAILS, or waits until {@code retryAt} when {@code retry}. */
    void attemptFailed(boolean retry, long retryAt, String msg, long started, long finished) {
        failedAttempts++;
        finished(retry ? ShardEvent.RETRY : ShardEvent.FAILED, msg, started, finished);
        retryAtMillis = retry ? retryAt : 0;
    }

    public int index() { return index; }
    public ShardState state() { return state; }
    public AttemptId current() { return current; }
    public String workerId() { return workerId; }
    public String message() { return message; }
    public int successCount() { return successCount; }
    public long startedMillis() { return startedMillis; }
    public long finishedMillis() { return finishedMillis; }
    public int failedAttempts() { return failedAttempts; }
    public long retryAtMillis() { return retryAtMillis; }
    public long deadlineMillis() { return deadlineMillis; }
}
