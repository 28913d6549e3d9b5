package io.baton.server.coordinator;

import static io.baton.server.coordinator.TestRecords.T0;
import static io.baton.server.coordinator.TestRecords.assignSends;
import static io.baton.server.coordinator.TestRecords.cancelSends;
import static io.baton.server.coordinator.TestRecords.status;
import static io.baton.server.coordinator.TestRecords.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.proto.v1.ConcurrencyPolicy;
import io.baton.proto.v1.ErrorCode;
import io.baton.proto.v1.FixedRate;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.MisfirePolicy;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.Schedule;
import io.baton.proto.v1.ShardState;
import io.baton.proto.v1.TriggerKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Concurrency and misfire policies and the job lifecycle (update, pause, resume, delete, cancel) in the
 * leader's pure state, on a fake clock. A fixed-rate job fires every 10 s from T0 + 10 s.
 */
class CoordinatorPoliciesTest {
    private static final long PERIOD = 10_000;

    private static JobRecord everyTenSeconds(ConcurrencyPolicy concurrency, MisfirePolicy misfire) {
        JobRecord job = TestRecords.job("tick", "h", 1, Schedule.newBuilder()
                .setFixedRate(FixedRate.newBuilder().setIntervalMillis(PERIOD)).build(), T0);
        return job.toBuilder().setVersion(1).setSpec(job.getSpec().toBuilder()
                .setConcurrencyPolicy(concurrency).setMaxQueuedRuns(2).setMisfirePolicy(misfire).setMaxMissedFires(3)).build();
    }

    private static CoordinatorState live(JobRecord job) {
        CoordinatorState s = new CoordinatorState(1, List.of(job), List.of(), List.of(), T0, T0);
        s.tick(T0);
        s.workerReady(status("w1", 8, "h").build(), T0);
        return s;
    }

    /** Ticks at {@code at} and makes the runs it creates durable; returns (created, assignments). */
    private static List<RunRecord> fireAndCreate(CoordinatorState s, long at, List<Effects.Send> assigned) {
        Effects fx = s.tick(at);
        assigned.addAll(assignSends(s.runsCreated(fx.runsToCreate().stream().map(RunRecord::getRunId).toList())));
        return fx.runsToCreate();
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void skipPolicySkipsAFireWhileTheRunIsActiveAndCountsIt() {
        CoordinatorState s = live(everyTenSeconds(ConcurrencyPolicy.CONCURRENCY_POLICY_UNSPECIFIED, MisfirePolicy.MISFIRE_POLICY_UNSPECIFIED));
        List<Effects.Send> sent = new ArrayList<>();
        assertThat(fireAndCreate(s, T0 + PERIOD, sent)).hasSize(1);

        assertThat(fireAndCreate(s, T0 + 2 * PERIOD, sent)).as("previous run still active").isEmpty();
        assertThat(s.job("tick").orElseThrow().getSkippedFires()).isEqualTo(1);
        assertThat(s.job("tick").orElseThrow().getLastFireMillis()).isEqualTo(T0 + 2 * PERIOD);
        assertThat(s.takeFlush().orElseThrow().jobs()).as("the skip is written by the group commit")
                .singleElement().satisfies(j -> assertThat(j.getSkippedFires()).isEqualTo(1));

        s.report("w1", succeeded(sent.get(0)), T0 + 2 * PERIOD + 1);
        assertThat(fireAndCreate(s, T0 + 3 * PERIOD, sent)).hasSize(1);
    }

    @Test
    void queuePolicyQueuesUpToItsBoundAndStartsTheOldestWhenTheRunFinishes() {
        CoordinatorState s = live(everyTenSeconds(ConcurrencyPolicy.CONCURRENCY_POLICY_QUEUE, MisfirePolicy.MISFIRE_POLICY_UNSPECIFIED));
        List<Effects.Send> sent = new ArrayList<>();
        RunRecord first = fireAndCreate(s, T0 + PERIOD, sent).get(0);
        RunRecord second = fireAndCreate(s, T0 + 2 * PERIOD, sent).get(0);
        RunRecord third = fireAndCreate(s, T0 + 3 * PERIOD, sent).get(0);
        assertThat(fireAndCreate(s, T0 + 4 * PERIOD, sent)).as("queue of 2 is full").isEmpty();

        assertThat(List.of(second, third)).extracting(RunRecord::getState).containsOnly(RunState.RUN_STATE_QUEUED);
        assertThat(sent).as("only the first run was dispatched").hasSize(1);
        assertThat(s.job("tick").orElseThrow().getSkippedFires()).isEqualTo(1);

        Effects done = s.report("w1", succeeded(sent.get(0)), T0 + 4 * PERIOD + 1);

        assertThat(s.run(first.getRunId()).orElseThrow().getState()).isEqualTo(RunState.RUN_STATE_SUCCEEDED);
        assertThat(s.run(second.getRunId()).orElseThrow().getState()).isEqualTo(RunState.RUN_STATE_RUNNING);
        assertThat(s.run(third.getRunId()).orElseThrow().getState()).isEqualTo(RunState.RUN_STATE_QUEUED);
        assertThat(assignSends(done)).singleElement()
                .satisfies(a -> assertThat(a.assign().getRef().getRunId()).isEqualTo(second.getRunId()));
    }

    @Test
    void allowPolicyStartsEveryFireAtOnce() {
        CoordinatorState s = live(everyTenSeconds(ConcurrencyPolicy.CONCURRENCY_POLICY_ALLOW, MisfirePolicy.MISFIRE_POLICY_UNSPECIFIED));
        List<Effects.Send> sent = new ArrayList<>();
        for (int i = 1; i <= 3; i++) fireAndCreate(s, T0 + i * PERIOD, sent);
        assertThat(sent).hasSize(3).extracting(a -> a.assign().getRef().getRunId()).doesNotHaveDuplicates();
        assertThat(s.job("tick").orElseThrow().getSkippedFires()).isZero();
    }

    // ---------------------------------------------------------------- misfire after an outage

    /** A new term 45 s after the last fire the previous leader decided (T0 + 10 s): four fires were missed. */
    private static CoordinatorState afterOutage(MisfirePolicy misfire, ConcurrencyPolicy concurrency) {
        JobRecord job = everyTenSeconds(concurrency, misfire).toBuilder().setLastFireMillis(T0 + PERIOD).build();
        long now = T0 + PERIOD + 45_000;
        CoordinatorState s = new CoordinatorState(2, List.of(job), List.of(), List.of(), now, now);
        s.workerReady(status("w1", 8, "h").build(), now);
        return s;
    }

    @Test
    void fireOnceNowMakesOneRunForAllMissedFiresThenFollowsTheSchedule() {
        long now = T0 + PERIOD + 45_000;
        CoordinatorState s = afterOutage(MisfirePolicy.MISFIRE_POLICY_UNSPECIFIED, ConcurrencyPolicy.CONCURRENCY_POLICY_ALLOW);
        List<RunRecord> runs = fireAndCreate(s, now, new ArrayList<>());
        assertThat(runs).extracting(RunRecord::getFireTimeMillis).containsExactly(T0 + 2 * PERIOD);
        assertThat(s.job("tick").orElseThrow().getLastFireMillis()).isEqualTo(now);
        assertThat(s.nextWakeupMillis()).contains(T0 + 6 * PERIOD);
        assertThat(s.counters().misfires()).isEqualTo(1);
    }

    @Test
    void fireAllMissedMakesARunPerMissedFireUpToItsBound() {
        long now = T0 + PERIOD + 45_000;
        CoordinatorState s = afterOutage(MisfirePolicy.MISFIRE_POLICY_FIRE_ALL_MISSED, ConcurrencyPolicy.CONCURRENCY_POLICY_ALLOW);
        List<RunRecord> runs = fireAndCreate(s, now, new ArrayList<>());
        assertThat(runs).extracting(RunRecord::getFireTimeMillis)
                .containsExactly(T0 + 2 * PERIOD, T0 + 3 * PERIOD, T0 + 4 * PERIOD);
        assertThat(s.job("tick").orElseThrow().getSkippedFires()).as("the fourth missed fire").isEqualTo(1);
        assertThat(s.nextWakeupMillis()).contains(T0 + 6 * PERIOD);
    }

    @Test
    void fireAllMissedUnderQueueRunsTheMissedFiresOneAfterAnother() {
        long now = T0 + PERIOD + 45_000;
        CoordinatorState s = afterOutage(MisfirePolicy.MISFIRE_POLICY_FIRE_ALL_MISSED, ConcurrencyPolicy.CONCURRENCY_POLICY_QUEUE);
        List<Effects.Send> sent = new ArrayList<>();
        List<RunRecord> runs = fireAndCreate(s, now, sent);
        assertThat(runs).extracting(RunRecord::getState)
                .containsExactly(RunState.RUN_STATE_RUNNING, RunState.RUN_STATE_QUEUED, RunState.RUN_STATE_QUEUED);
        assertThat(sent).hasSize(1);
    }

    @Test
    void skipMakesNoRunForMissedFiresAndFiresAgainOnSchedule() {
        long now = T0 + PERIOD + 45_000;
        CoordinatorState s = afterOutage(MisfirePolicy.MISFIRE_POLICY_SKIP, ConcurrencyPolicy.CONCURRENCY_POLICY_ALLOW);
        assertThat(fireAndCreate(s, now, new ArrayList<>())).isEmpty();
        assertThat(s.job("tick").orElseThrow().getLastFireMillis()).isEqualTo(now);
        assertThat(fireAndCreate(s, T0 + 6 * PERIOD, new ArrayList<>()))
                .extracting(RunRecord::getFireTimeMillis).containsExactly(T0 + 6 * PERIOD);
    }

    // ---------------------------------------------------------------- lifecycle

    @Test
    void pauseStopsFiresAndResumeAppliesTheMisfirePolicyToWhatWasMissed() {
        CoordinatorState s = live(everyTenSeconds(ConcurrencyPolicy.CONCURRENCY_POLICY_ALLOW, MisfirePolicy.MISFIRE_POLICY_SKIP));
        assertThat(fireAndCreate(s, T0 + PERIOD, new ArrayList<>())).hasSize(1);
        JobRecord paused = s.pauseJob("tick", T0 + PERIOD + 1);
        assertThat(paused.getPaused()).isTrue();
        assertThat(s.pauseJob("tick", T0 + PERIOD + 2)).as("idempotent").isEqualTo(paused);
        assertThat(fireAndCreate(s, T0 + 5 * PERIOD, new ArrayList<>())).isEmpty();

        s.resumeJob("tick", T0 + 5 * PERIOD);
        assertThat(fireAndCreate(s, T0 + 5 * PERIOD, new ArrayList<>())).as("SKIP: the missed fires make no run").isEmpty();
        assertThat(fireAndCreate(s, T0 + 6 * PERIOD, new ArrayList<>())).hasSize(1);
        assertThat(s.takeFlush().orElseThrow().jobs()).extracting(JobRecord::getPaused).containsOnly(false);
    }

    @Test
    void updateNeedsTheCurrentVersionAndTheNewScheduleAppliesFromTheNextFire() {
        CoordinatorState s = live(everyTenSeconds(ConcurrencyPolicy.CONCURRENCY_POLICY_ALLOW, MisfirePolicy.MISFIRE_POLICY_UNSPECIFIED));
        var spec = s.job("tick").orElseThrow().getSpec().toBuilder()
                .setSchedule(Schedule.newBuilder().setFixedRate(FixedRate.newBuilder().setIntervalMillis(PERIOD).setAnchorMillis(T0 + 15_000)))
                .setJobParameter("v2").build();

        assertThatThrownBy(() -> s.updateJob(spec, 7, T0 + 1)).isInstanceOfSatisfying(RequestRejected.class,
                r -> assertThat(r.code()).isEqualTo(ErrorCode.ERROR_CODE_CONFLICT));
        assertThat(s.job("tick").orElseThrow().getVersion()).as("nothing changed").isEqualTo(1);

        JobRecord updated = s.updateJob(spec, 1, T0 + 1);
        assertThat(updated.getVersion()).isEqualTo(2);
        assertThat(s.nextWakeupMillis()).contains(T0 + 15_000);
        List<RunRecord> runs = fireAndCreate(s, T0 + 15_000, new ArrayList<>());
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.getJobParameter()).isEqualTo("v2");
            assertThat(r.getJobVersion()).isEqualTo(2);
        });
        assertThatThrownBy(() -> s.updateJob(spec.toBuilder().setName("nope").build(), 2, T0 + 2))
                .isInstanceOfSatisfying(RequestRejected.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.ERROR_CODE_NOT_FOUND));
    }

    @Test
    void cancellingARunCancelsItsShardsOnTheirWorkersAndStartsTheNextQueuedRun() {
        CoordinatorState s = live(everyTenSeconds(ConcurrencyPolicy.CONCURRENCY_POLICY_QUEUE, MisfirePolicy.MISFIRE_POLICY_UNSPECIFIED));
        List<Effects.Send> sent = new ArrayList<>();
        RunRecord first = fireAndCreate(s, T0 + PERIOD, sent).get(0);
        RunRecord queued = fireAndCreate(s, T0 + 2 * PERIOD, sent).get(0);

        Effects fx = new Effects();
        RunRecord cancelled = s.cancelRun(first.getRunId(), T0 + 2 * PERIOD + 5, fx);

        assertThat(cancelled.getState()).isEqualTo(RunState.RUN_STATE_CANCELLED);
        assertThat(cancelled.getShardsList()).extracting(r -> r.getState()).containsOnly(ShardState.SHARD_STATE_CANCELLED);
        assertThat(cancelSends(fx)).singleElement().satisfies(c -> assertThat(c.cancel().getRef()).isEqualTo(sent.get(0).assign().getRef()));
        assertThat(assignSends(fx)).singleElement().satisfies(a -> assertThat(a.assign().getRef().getRunId()).isEqualTo(queued.getRunId()));
        assertThatThrownBy(() -> s.cancelRun(first.getRunId(), T0 + 2 * PERIOD + 6, new Effects()))
                .isInstanceOf(RequestRejected.class).hasMessageContaining("no active run");
        // the worker's CANCELLED report for the cancelled attempt changes nothing
        s.report("w1", TestRecords.report(sent.get(0).assign().getRef(), io.baton.proto.v1.ShardOutcome.SHARD_OUTCOME_CANCELLED, "w1"), T0 + 2 * PERIOD + 7);
        assertThat(s.run(first.getRunId()).orElseThrow().getState()).isEqualTo(RunState.RUN_STATE_CANCELLED);
    }

    @Test
    void deleteIsRefusedWhileARunIsActiveUnlessItsRunsAreCancelled() {
        CoordinatorState s = live(everyTenSeconds(ConcurrencyPolicy.CONCURRENCY_POLICY_ALLOW, MisfirePolicy.MISFIRE_POLICY_UNSPECIFIED));
        List<Effects.Send> sent = new ArrayList<>();
        RunRecord run = fireAndCreate(s, T0 + PERIOD, sent).get(0);

        assertThatThrownBy(() -> s.deleteJob("tick", false, T0 + PERIOD + 1, new Effects()))
                .isInstanceOfSatisfying(RequestRejected.class, r -> assertThat(r.code()).isEqualTo(ErrorCode.ERROR_CODE_CONFLICT))
                .hasMessageContaining(run.getRunId());
        assertThat(s.job("tick")).isPresent();

        Effects fx = new Effects();
        s.deleteJob("tick", true, T0 + PERIOD + 2, fx);

        assertThat(cancelSends(fx)).hasSize(1);
        assertThat(s.job("tick")).isEmpty();
        assertThat(s.isDeleting("tick")).isTrue();
        assertThat(s.nextWakeupMillis()).isEmpty();
        FlushBatch batch = s.takeFlush().orElseThrow();
        assertThat(batch.records()).singleElement().satisfies(r -> assertThat(r.getState()).isEqualTo(RunState.RUN_STATE_CANCELLED));
        s.flushDone(batch);
        assertThat(s.run(run.getRunId())).as("a finished run leaves memory once written").isEmpty();
        s.jobDeleted("tick");
        assertThat(s.isDeleting("tick")).isFalse();
    }

    @Test
    void aFinishedRunGoesIntoExactlyOneGroupCommit() {
        CoordinatorState s = live(everyTenSeconds(ConcurrencyPolicy.CONCURRENCY_POLICY_ALLOW, MisfirePolicy.MISFIRE_POLICY_UNSPECIFIED));
        List<Effects.Send> sent = new ArrayList<>();
        RunRecord run = fireAndCreate(s, T0 + PERIOD, sent).get(0);
        s.takeFlush().ifPresent(s::flushDone);
        s.report("w1", succeeded(sent.get(0)), T0 + PERIOD + 1);

        FlushBatch finishing = s.takeFlush().orElseThrow();
        assertThat(finishing.records()).extracting(RunRecord::getRunId).containsExactly(run.getRunId());
        // a late duplicate report while that commit is in flight must not queue the final record again
        s.report("w1", succeeded(sent.get(0)), T0 + PERIOD + 2);
        assertThat(s.takeFlush().map(FlushBatch::records).orElse(List.of())).isEmpty();
        s.flushDone(finishing);
        assertThat(s.run(run.getRunId())).isEmpty();
    }

    @Test
    void aSkippedFixedDelayFireSchedulesTheNextOneADelayLater() {
        JobRecord job = TestRecords.job("delay", "h", 1, Schedule.newBuilder()
                .setFixedDelay(io.baton.proto.v1.FixedDelay.newBuilder().setDelayMillis(PERIOD)).build(), T0);
        CoordinatorState s = live(job);
        Effects api = new Effects();
        String manual = s.trigger("delay", TriggerKind.TRIGGER_KIND_API, T0 + 1, api).orElseThrow();
        s.runsCreated(List.of(manual));

        assertThat(fireAndCreate(s, T0 + PERIOD, new ArrayList<>())).as("skipped: the API run is active").isEmpty();
        assertThat(s.nextWakeupMillis()).as("the schedule goes on").contains(T0 + 2 * PERIOD);
    }

    @Test
    void aQueuedRunLeftAloneByAnEndedTermStartsWhenTheNextTermRecovers() {
        JobRecord job = everyTenSeconds(ConcurrencyPolicy.CONCURRENCY_POLICY_QUEUE, MisfirePolicy.MISFIRE_POLICY_UNSPECIFIED);
        RunRecord queued = RunRecord.newBuilder().setRunId("tick@" + (T0 + PERIOD)).setJobName("tick")
                .setFireTimeMillis(T0 + PERIOD).setTrigger(TriggerKind.TRIGGER_KIND_SCHEDULE).setState(RunState.RUN_STATE_QUEUED)
                .setHandler("h").addShards(io.baton.proto.v1.ShardRecord.newBuilder().setIndex(0)
                        .setState(ShardState.SHARD_STATE_PENDING)).build();
        CoordinatorState s = new CoordinatorState(2, List.of(job), List.of(queued), List.of("w1"), T0 + PERIOD + 1, T0 + PERIOD + 500);
        Effects fx = s.workerReady(status("w1", 4, "h").build(), T0 + PERIOD + 2);

        assertThat(s.run(queued.getRunId()).orElseThrow().getState()).isEqualTo(RunState.RUN_STATE_RUNNING);
        assertThat(assignSends(fx)).singleElement().satisfies(a -> assertThat(a.assign().getRef().getRunId()).isEqualTo(queued.getRunId()));
    }

    @Test
    void apiTriggersIgnoreTheConcurrencyPolicy() {
        CoordinatorState s = live(everyTenSeconds(ConcurrencyPolicy.CONCURRENCY_POLICY_SKIP, MisfirePolicy.MISFIRE_POLICY_UNSPECIFIED));
        fireAndCreate(s, T0 + PERIOD, new ArrayList<>());
        Effects fx = new Effects();
        assertThat(s.trigger("tick", TriggerKind.TRIGGER_KIND_API, T0 + PERIOD + 1, fx)).isPresent();
        assertThat(fx.runsToCreate()).singleElement().satisfies(r -> assertThat(r.getState()).isEqualTo(RunState.RUN_STATE_RUNNING));
    }
}
