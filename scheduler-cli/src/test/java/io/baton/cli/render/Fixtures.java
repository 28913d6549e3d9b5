package io.baton.cli.render;

import io.baton.proto.v1.ClusterView;
import io.baton.proto.v1.ConcurrencyPolicy;
import io.baton.proto.v1.CronSchedule;
import io.baton.proto.v1.FixedRate;
import io.baton.proto.v1.HistoryPolicy;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.LeaderInfo;
import io.baton.proto.v1.MisfirePolicy;
import io.baton.proto.v1.RetryPolicy;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.Schedule;
import io.baton.proto.v1.SchedulerInfo;
import io.baton.proto.v1.ShardRecord;
import io.baton.proto.v1.ShardState;
import io.baton.proto.v1.TriggerKind;
import io.baton.proto.v1.WorkerInfo;
import io.baton.proto.v1.WorkerState;
import java.time.Instant;
import java.util.List;

/** Fixed records for the golden tests: every instant is relative to {@link #T0}, 2024-05-01T03:00:00Z. */
final class Fixtures {
    static final long T0 = Instant.parse("2024-05-01T03:00:00Z").toEpochMilli();

    private Fixtures() {}

    static ClusterView cluster() {
        return ClusterView.newBuilder()
                .setLeader(LeaderInfo.newBuilder().setNodeId("s2").setClientAddress("10.0.0.2:7100").setEpoch(7))
                .addSchedulers(SchedulerInfo.newBuilder().setNodeId("s2").setClientAddress("10.0.0.2:7100"))
                .addSchedulers(SchedulerInfo.newBuilder().setNodeId("s1").setClientAddress("10.0.0.1:7100"))
                .addWorkers(WorkerInfo.newBuilder().setWorkerId("w2").setAddress("10.0.1.2:7200").setCapacity(8)
                        .addHandlers("demo.sleep").addHandlers("demo.echo"))
                .addWorkers(WorkerInfo.newBuilder().setWorkerId("w1").setAddress("10.0.1.1:7200").setCapacity(4)
                        .addHandlers("demo.echo"))
                .addWorkerStates(WorkerState.newBuilder().setWorkerId("w1").setRunning(3).setCapacity(4).setConnected(true))
                .addWorkerStates(WorkerState.newBuilder().setWorkerId("w2").setRunning(0).setCapacity(8).setConnected(true)
                        .setCordoned(true))
                .addWorkerStates(WorkerState.newBuilder().setWorkerId("w3").setRunning(1).setCapacity(2).setDraining(true))
                .build();
    }

    /** A cron job with every policy left at its default. */
    static JobRecord cronJob() {
        return JobRecord.newBuilder()
                .setSpec(JobSpec.newBuilder().setName("nightly-export").setHandler("demo.sleep").setShardCount(3)
                        .setJobParameter("200")
                        .setSchedule(Schedule.newBuilder().setCron(CronSchedule.newBuilder().setExpression("0 0 3 * * ?")
                                .setTimeZone("Europe/Paris"))))
                .setCreatedMillis(T0 - 86_400_000L).setUpdatedMillis(T0 - 3_600_000L).setLastFireMillis(T0)
                .setVersion(2).setSkippedFires(1)
                .build();
    }

    /** A paused fixed-rate job with explicit policies. */
    static JobRecord rateJob() {
        return JobRecord.newBuilder()
                .setSpec(JobSpec.newBuilder().setName("rate-job").setHandler("demo.echo").setShardCount(2)
                        .addShardParameters("a").addShardParameters("b")
                        .setSchedule(Schedule.newBuilder().setFixedRate(FixedRate.newBuilder().setIntervalMillis(30_000))
                                .setNotAfterMillis(T0 + 86_400_000L))
                        .setMisfirePolicy(MisfirePolicy.MISFIRE_POLICY_FIRE_ALL_MISSED).setMaxMissedFires(3)
                        .setConcurrencyPolicy(ConcurrencyPolicy.CONCURRENCY_POLICY_QUEUE)
                        .setAttemptTimeoutMillis(90_000)
                        .setRetry(RetryPolicy.newBuilder().setMaxAttempts(3).setInitialBackoffMillis(500).setJitter(0.2))
                        .setHistory(HistoryPolicy.newBuilder().setMaxRuns(20).setMaxAgeMillis(7 * 86_400_000L)))
                .setCreatedMillis(T0).setUpdatedMillis(T0).setLastFireMillis(T0 + 60_000).setVersion(1).setPaused(true)
                .build();
    }

    /** A finished run: two shards succeeded (one after a retry), one failed. */
    static RunRecord failedRun() {
        return RunRecord.newBuilder().setRunId("nightly-export@" + T0).setJobName("nightly-export").setFireTimeMillis(T0)
                .setTrigger(TriggerKind.TRIGGER_KIND_SCHEDULE).setState(RunState.RUN_STATE_FAILED)
                .setCreatedMillis(T0 + 5).setFinishedMillis(T0 + 12_345).setCreatedEpoch(7).setHandler("demo.sleep")
                .setJobParameter("200").setJobVersion(2)
                .addShards(ShardRecord.newBuilder().setIndex(0).setState(ShardState.SHARD_STATE_SUCCEEDED).setAttempt(1)
                        .setAssignEpoch(7).setWorkerId("w1").setMessage("slept 200 ms").setStartedMillis(T0 + 10)
                        .setFinishedMillis(T0 + 215).setSuccessCount(1))
                .addShards(ShardRecord.newBuilder().setIndex(1).setState(ShardState.SHARD_STATE_SUCCEEDED).setAttempt(2)
                        .setAssignEpoch(7).setWorkerId("w2").setMessage("slept 200 ms").setStartedMillis(T0 + 1_300)
                        .setFinishedMillis(T0 + 1_502).setSuccessCount(1).setFailedAttempts(1))
                .addShards(ShardRecord.newBuilder().setIndex(2).setState(ShardState.SHARD_STATE_FAILED).setAttempt(3)
                        .setAssignEpoch(7).setWorkerId("w1").setMessage("failed on purpose\nat line 3").setStartedMillis(T0 + 9_000)
                        .setFinishedMillis(T0 + 12_340).setFailedAttempts(3))
                .build();
    }

    /** An active run: one shard running (with a deadline), one pending a retry, one waiting. */
    static RunRecord runningRun() {
        return RunRecord.newBuilder().setRunId("nightly-export@" + (T0 + 86_400_000L)).setJobName("nightly-export")
                .setFireTimeMillis(T0 + 86_400_000L).setTrigger(TriggerKind.TRIGGER_KIND_API).setState(RunState.RUN_STATE_RUNNING)
                .setCreatedMillis(T0 + 86_400_010L).setCreatedEpoch(8).setHandler("demo.sleep").setJobVersion(2)
                .addShards(ShardRecord.newBuilder().setIndex(0).setState(ShardState.SHARD_STATE_RUNNING).setAttempt(1)
                        .setAssignEpoch(8).setWorkerId("w1").setStartedMillis(T0 + 86_400_020L).setDeadlineMillis(T0 + 86_460_020L))
                .addShards(ShardRecord.newBuilder().setIndex(1).setState(ShardState.SHARD_STATE_PENDING).setAttempt(1)
                        .setAssignEpoch(8).setWorkerId("w2").setFailedAttempts(1).setMessage("boom")
                        .setRetryAtMillis(T0 + 86_401_000L))
                .addShards(ShardRecord.newBuilder().setIndex(2).setState(ShardState.SHARD_STATE_PENDING))
                .build();
    }

    static List<RunRecord> runs() {
        return List.of(failedRun(), runningRun());
    }
}
