package io.baton.server.coordinator;

import io.baton.proto.v1.AssignShard;
import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.CronSchedule;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.RunNow;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.Schedule;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardRecord;
import io.baton.proto.v1.ShardReport;
import io.baton.proto.v1.WorkerStatus;
import java.util.ArrayList;
import java.util.List;

/** Builders of the protobuf values the coordinator tests feed in, so each test shows only what matters to it. */
final class TestRecords {
    /** 2026-01-01T00:00:00Z: the fake clock of the coordinator tests starts here. */
    static final long T0 = 1_767_225_600_000L;

    private TestRecords() {}

    static JobRecord runNowJob(String name, String handler, int shards) {
        return job(name, handler, shards, Schedule.newBuilder().setRunNow(RunNow.getDefaultInstance()).build(), T0);
    }

    static JobRecord cronJob(String name, String handler, int shards, String expression, long createdMillis) {
        Schedule cron = Schedule.newBuilder().setCron(CronSchedule.newBuilder().setExpression(expression)).build();
        return job(name, handler, shards, cron, createdMillis);
    }

    static JobRecord job(String name, String handler, int shards, Schedule schedule, long createdMillis) {
        List<String> params = new ArrayList<>();
        for (int i = 0; i < shards; i++) params.add(name + "-p" + i);
        JobSpec spec = JobSpec.newBuilder().setName(name).setHandler(handler).setShardCount(shards)
                .addAllShardParameters(params).setJobParameter(name + "-param").setSchedule(schedule).build();
        return JobRecord.newBuilder().setSpec(spec).setCreatedMillis(createdMillis).build();
    }

    static WorkerStatus.Builder status(String workerId, int capacity, String... handlers) {
        return WorkerStatus.newBuilder().setWorkerId(workerId).setCapacity(capacity).addAllHandlers(List.of(handlers));
    }

    static AttemptRef ref(String runId, int shard, long epoch, int attempt) {
        return AttemptRef.newBuilder().setRunId(runId).setShardIndex(shard).setAssignEpoch(epoch).setAttempt(attempt).build();
    }

    static ShardReport report(AttemptRef ref, ShardOutcome outcome, String workerId) {
        return ShardReport.newBuilder().setRef(ref).setOutcome(outcome).setWorkerId(workerId)
                .setMessage(outcome.name().toLowerCase()).setStartedMillis(T0).setFinishedMillis(T0 + 1).build();
    }

    static ShardReport succeeded(AttemptRef ref, String workerId) {
        return report(ref, ShardOutcome.SHARD_OUTCOME_SUCCEEDED, workerId);
    }

    static ShardReport succeeded(Effects.Send send) {
        return succeeded(send.assign().getRef(), send.workerId());
    }

    static List<AssignShard> assigns(Effects fx) {
        return fx.sends().stream().filter(s -> s.assign() != null).map(Effects.Send::assign).toList();
    }

    static List<Effects.Send> assignSends(Effects fx) {
        return fx.sends().stream().filter(s -> s.assign() != null).toList();
    }

    static List<Effects.Send> cancelSends(Effects fx) {
        return fx.sends().stream().filter(s -> s.cancel() != null).toList();
    }

    static ShardRecord shard(CoordinatorState state, String runId, int index) {
        return state.run(runId).orElseThrow(() -> new AssertionError("no run " + runId + " in memory")).getShards(index);
    }

    static ShardRecord shard(RunRecord run, int index) {
        return run.getShards(index);
    }
}
