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
        return s;
    }

    ShardRecord toRecord() {
        return ShardRecord.newBuilder()
                .setIndex(index).setState(state)
                .setAttempt(current.attempt()).setAssignEpoch(current.epoch())
                .setWorkerId(workerId).setMessage(message)
                .setStartedMillis(startedMillis).setFinishedMillis(finishedMillis)
                .setSuccessCount(successCount)
                .build();
    }

    void move(ShardEvent event) {
        state = ShardTransitions.apply(state, event);
        if (state == ShardState.SHARD_STATE_SUCCEEDED) successCount++;
    }

    void assign(AttemptId attempt, String worker) {
        move(ShardEvent.DISPATCHED);
        current = attempt;
        workerId = worker;
        message = "";
        startedMillis = 0;
        finishedMillis = 0;
    }

    /** Takes over an attempt a worker says it runs (recovery); the shard becomes RUNNING under it. */
    void adopt(AttemptId attempt, String worker) {
        if (state == ShardState.SHARD_STATE_PENDING) move(ShardEvent.DISPATCHED);
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
    }

    public int index() { return index; }
    public ShardState state() { return state; }
    public AttemptId current() { return current; }
    public String workerId() { return workerId; }
    public String message() { return message; }
    public int successCount() { return successCount; }
    public long startedMillis() { return startedMillis; }
    public long finishedMillis() { return finishedMillis; }
}
