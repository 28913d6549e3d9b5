package io.baton.cli.render;

import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.ShardRecord;
import io.baton.proto.v1.ShardState;
import java.util.List;

/** Text views of runs: {@code run list} and {@code run get} (the run and one row per shard). */
public final class RunTables {
    private RunTables() {}

    public static String list(List<RunRecord> runs) {
        Table table = Table.of("RUN ID", "STATE", "TRIGGER", "FIRE TIME", "CREATED", "FINISHED", "DURATION", "SHARDS OK", "FAILED");
        for (RunRecord r : runs) {
            ShardTally t = ShardTally.of(r);
            table.row(r.getRunId(), Names.of(r.getState()), Names.of(r.getTrigger()), Times.instant(r.getFireTimeMillis()),
                    Times.instant(r.getCreatedMillis()), Times.instant(r.getFinishedMillis()),
                    Times.between(r.getCreatedMillis(), r.getFinishedMillis()), t.succeeded() + "/" + t.total(), t.failed());
        }
        return table.render();
    }

    public static String detail(RunRecord r) {
        Fields f = new Fields().add("Run", r.getRunId())
                .add("Job", r.getJobName() + " (version " + r.getJobVersion() + ")")
                .add("State", Names.of(r.getState()))
                .add("Trigger", Names.of(r.getTrigger()))
                .add("Fire time", Times.instant(r.getFireTimeMillis()))
                .add("Created", Times.instant(r.getCreatedMillis()) + " (leader epoch " + r.getCreatedEpoch() + ")")
                .add("Finished", Times.instant(r.getFinishedMillis()))
                .add("Duration", Times.between(r.getCreatedMillis(), r.getFinishedMillis()))
                .add("Handler", r.getHandler())
                .add("Job parameter", r.getJobParameter().isEmpty() ? "-" : r.getJobParameter())
                .add("Shards", ShardTally.of(r).summary());
        Table shards = Table.of("SHARD", "STATE", "ATTEMPT", "FAILED", "WORKER", "EPOCH", "STARTED", "FINISHED", "DURATION", "OUTPUT / ERROR");
        for (ShardRecord s : r.getShardsList()) {
            shards.row(s.getIndex(), Names.of(s.getState()), s.getAttempt(), s.getFailedAttempts(),
                    s.getWorkerId().isEmpty() ? "-" : s.getWorkerId(), s.getAssignEpoch() == 0 ? "-" : s.getAssignEpoch(),
                    Times.instant(s.getStartedMillis()), Times.instant(s.getFinishedMillis()),
                    Times.between(s.getStartedMillis(), s.getFinishedMillis()), message(s));
        }
        return f.render() + "\n" + shards.render();
    }

    /** The shard's output or error, with what it waits for when pending or running. */
    static String message(ShardRecord s) {
        String m = s.getMessage();
        if (s.getState() == ShardState.SHARD_STATE_PENDING && s.getRetryAtMillis() > 0) {
            return "retry at " + Times.instant(s.getRetryAtMillis()) + (m.isEmpty() ? "" : "; last error: " + m);
        }
        if (s.getState() == ShardState.SHARD_STATE_FAILED || s.getState() == ShardState.SHARD_STATE_CANCELLED) {
            return m.isEmpty() ? "-" : "error: " + m;
        }
        if (s.getDeadlineMillis() > 0 && (s.getState() == ShardState.SHARD_STATE_RUNNING || s.getState() == ShardState.SHARD_STATE_ASSIGNED)) {
            return "times out at " + Times.instant(s.getDeadlineMillis());
        }
        return m.isEmpty() ? "-" : m;
    }
}
