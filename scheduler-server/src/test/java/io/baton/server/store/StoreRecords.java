package io.baton.server.store;

import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardRecord;
import io.baton.proto.v1.ShardState;

/** Small job and run records for the store tests. */
final class StoreRecords {
    private StoreRecords() {}

    static JobRecord job(String name, long lastFireMillis) {
        return JobRecord.newBuilder()
                .setSpec(JobSpec.newBuilder().setName(name).setHandler("echo").setShardCount(1))
                .setCreatedMillis(1_000)
                .setLastFireMillis(lastFireMillis)
                .build();
    }

    static RunRecord run(String runId, String jobName) {
        return run(runId, jobName, "");
    }

    /** A running scheduled run of {@code jobName} fired at {@code fireMillis}, with its real run id. */
    static RunRecord fired(String jobName, long fireMillis) {
        return run(jobName + "@" + fireMillis, jobName).toBuilder().setFireTimeMillis(fireMillis).build();
    }

    /** {@code run} ended in {@code state}. */
    static RunRecord ended(RunRecord run, RunState state) {
        return run.toBuilder().setState(state).setFinishedMillis(run.getFireTimeMillis() + 1).build();
    }

    /** A run whose job parameter is {@code payload}: makes records of a chosen size. */
    static RunRecord run(String runId, String jobName, String payload) {
        return RunRecord.newBuilder()
                .setRunId(runId)
                .setJobName(jobName)
                .setFireTimeMillis(5_000)
                .setState(RunState.RUN_STATE_RUNNING)
                .setHandler("echo")
                .setJobParameter(payload)
                .addShards(ShardRecord.newBuilder().setIndex(0).setState(ShardState.SHARD_STATE_PENDING))
                .build();
    }
}
