package io.baton.server.coordinator;

import static io.baton.server.coordinator.TestRecords.T0;
import static io.baton.server.coordinator.TestRecords.cronJob;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.TriggerKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cron fires of the leader: when they happen, what they record, and that a new term does not repeat them. */
class CoordinatorFiresTest {
    private static final long MINUTE = 60_000;
    /** Every minute at second 0; T0 is itself on a minute boundary. */
    private static final JobRecord EVERY_MINUTE = cronJob("minutely", "h", 2, "0 * * * * ?", T0);

    /** A term with {@code job}; runs of it may overlap (ALLOW), so only fire times matter here. */
    private static CoordinatorState term(JobRecord job) {
        JobRecord overlapping = job.toBuilder().setSpec(job.getSpec().toBuilder()
                .setConcurrencyPolicy(io.baton.proto.v1.ConcurrencyPolicy.CONCURRENCY_POLICY_ALLOW)).build();
        CoordinatorState s = new CoordinatorState(1, List.of(overlapping), List.of(), List.of(), T0, T0);
        s.tick(T0);
        return s;
    }

    @Test
    void firesACronJobWhenDueAndRecordsTheFireOnTheJob() {
        CoordinatorState s = term(EVERY_MINUTE);
        assertThat(s.scheduledJobs()).isEqualTo(1);
        assertThat(s.nextWakeupMillis()).contains(T0 + MINUTE);
        assertThat(s.tick(T0 + MINUTE - 1).runsToCreate()).isEmpty();

        Effects fx = s.tick(T0 + MINUTE);
        assertThat(fx.runsToCreate()).singleElement().satisfies(r -> {
            assertThat(r.getRunId()).isEqualTo(CoordinatorState.runId("minutely", T0 + MINUTE));
            assertThat(r.getFireTimeMillis()).isEqualTo(T0 + MINUTE);
            assertThat(r.getTrigger()).isEqualTo(TriggerKind.TRIGGER_KIND_SCHEDULE);
            assertThat(r.getShardsCount()).isEqualTo(2);
        });
        assertThat(fx.jobsToUpdate()).singleElement()
                .satisfies(j -> assertThat(j.getLastFireMillis()).isEqualTo(T0 + MINUTE));
        assertThat(s.job("minutely").orElseThrow().getLastFireMillis()).isEqualTo(T0 + MINUTE);
        assertThat(s.tick(T0 + MINUTE).runsToCreate()).as("a fire happens once").isEmpty();
        assertThat(s.nextWakeupMillis()).contains(T0 + 2 * MINUTE);
    }

    @Test
    void aSuspendedTermDecidesNoFireUntilResumedSoNoLastFireMovesOverAnUnstoredRun() {
        CoordinatorState s = term(EVERY_MINUTE);
        s.suspend();

        assertThat(s.tick(T0 + MINUTE).runsToCreate()).isEmpty();
        assertThat(s.job("minutely").orElseThrow().getLastFireMillis()).as("nothing decided").isZero();
        assertThat(s.nextWakeupMillis()).as("no busy wake-ups for a fire that must wait").isEmpty();

        Effects fx = s.resume(T0 + MINUTE + 300);
        assertThat(fx.runsToCreate()).extracting(RunRecord::getFireTimeMillis).containsExactly(T0 + MINUTE);
        assertThat(s.job("minutely").orElseThrow().getLastFireMillis()).isEqualTo(T0 + MINUTE);
    }

    @Test
    void anApiTriggerInTheMillisecondOfACronFireDoesNotSuppressTheFire() {
        CoordinatorState s = term(EVERY_MINUTE);
        Effects triggered = new Effects();
        String api = s.trigger("minutely", TriggerKind.TRIGGER_KIND_API, T0 + MINUTE, triggered).orElseThrow();

        Effects fx = s.tick(T0 + MINUTE);

        assertThat(fx.runsToCreate()).singleElement().satisfies(r -> {
            assertThat(r.getRunId()).isEqualTo(CoordinatorState.runId("minutely", T0 + MINUTE)).isNotEqualTo(api);
            assertThat(r.getTrigger()).isEqualTo(TriggerKind.TRIGGER_KIND_SCHEDULE);
        });
    }

    @Test
    void aOneShotWhoseInstantPassedBeforeItWasStoredFiresOnceAndNeverAgain() {
        JobRecord once = TestRecords.job("once", "h", 1, io.baton.proto.v1.Schedule.newBuilder()
                .setOneShot(io.baton.proto.v1.OneShot.newBuilder().setAtMillis(T0 - MINUTE)).build(), T0);
        CoordinatorState s = new CoordinatorState(1, List.of(once), List.of(), List.of(), T0, T0);
        Effects fx = s.tick(T0 + 1);
        assertThat(fx.runsToCreate()).extracting(RunRecord::getFireTimeMillis).containsExactly(T0 - MINUTE);
        assertThat(s.tick(T0 + 10 * MINUTE).runsToCreate()).isEmpty();

        JobRecord fired = s.job("once").orElseThrow();
        CoordinatorState nextTerm = term(fired);
        assertThat(nextTerm.tick(T0 + 20 * MINUTE).runsToCreate()).as("a new term does not repeat it").isEmpty();
    }

    @Test
    void aFixedRateJobFiresEveryIntervalFromCreation() {
        JobRecord rate = TestRecords.job("rate", "h", 1, io.baton.proto.v1.Schedule.newBuilder()
                .setFixedRate(io.baton.proto.v1.FixedRate.newBuilder().setIntervalMillis(5_000)).build(), T0);
        CoordinatorState s = term(rate);
        assertThat(s.nextWakeupMillis()).contains(T0 + 5_000);
        assertThat(s.tick(T0 + 5_000).runsToCreate()).extracting(RunRecord::getFireTimeMillis).containsExactly(T0 + 5_000);
        assertThat(s.tick(T0 + 10_000).runsToCreate()).extracting(RunRecord::getFireTimeMillis).containsExactly(T0 + 10_000);
    }

    @Test
    void aFixedDelayJobFiresOneDelayAfterItsPreviousRunEnded() {
        JobRecord delayed = TestRecords.job("delayed", "h", 1, io.baton.proto.v1.Schedule.newBuilder()
                .setFixedDelay(io.baton.proto.v1.FixedDelay.newBuilder().setDelayMillis(5_000)).build(), T0);
        CoordinatorState s = new CoordinatorState(1, List.of(delayed), List.of(), List.of("w1"), T0, T0 + 1_000);
        s.workerReady(TestRecords.status("w1", 1, "h").build(), T0);
        assertThat(s.nextWakeupMillis()).contains(T0 + 5_000);

        String runId = s.tick(T0 + 5_000).runsToCreate().get(0).getRunId();
        Effects.Send assign = TestRecords.assignSends(s.runsCreated(List.of(runId))).get(0);
        assertThat(s.nextWakeupMillis()).as("nothing scheduled while the run goes on").isEmpty();
        assertThat(s.tick(T0 + 20_000).runsToCreate()).isEmpty();

        s.report("w1", TestRecords.succeeded(assign), T0 + 21_000);

        assertThat(s.nextWakeupMillis()).contains(T0 + 26_000);
        assertThat(s.tick(T0 + 26_000).runsToCreate()).extracting(RunRecord::getFireTimeMillis).containsExactly(T0 + 26_000);
    }

    @Test
    void aNewTermContinuesAFixedDelayJobOneDelayAfterItsLastFire() {
        JobRecord fired = TestRecords.job("delayed", "h", 1, io.baton.proto.v1.Schedule.newBuilder()
                .setFixedDelay(io.baton.proto.v1.FixedDelay.newBuilder().setDelayMillis(5_000)).build(), T0)
                .toBuilder().setLastFireMillis(T0 + 60_000).build();
        CoordinatorState s = new CoordinatorState(2, List.of(fired), List.of(), List.of(), T0 + 61_000, T0 + 61_000);
        assertThat(s.tick(T0 + 61_000).runsToCreate()).isEmpty();
        assertThat(s.nextWakeupMillis()).contains(T0 + 65_000);
    }

    @Test
    void aTriggerWithAParameterOverrideChangesThatRunOnly() {
        CoordinatorState s = term(EVERY_MINUTE);
        Effects fx = new Effects();
        s.trigger("minutely", TriggerKind.TRIGGER_KIND_API, java.util.Optional.of("override"), T0 + 1, fx);
        assertThat(fx.runsToCreate()).singleElement().satisfies(r -> assertThat(r.getJobParameter()).isEqualTo("override"));
        assertThat(s.job("minutely").orElseThrow().getSpec().getJobParameter()).isEqualTo("minutely-param");
        assertThat(s.tick(T0 + MINUTE).runsToCreate()).singleElement()
                .satisfies(r -> assertThat(r.getJobParameter()).isEqualTo("minutely-param"));
    }

    @Test
    void lateTickFiresTheOverdueFireOnceAndResumesAfterNow() {
        CoordinatorState s = term(EVERY_MINUTE);
        Effects fx = s.tick(T0 + 3 * MINUTE + 500);
        assertThat(fx.runsToCreate()).extracting(RunRecord::getFireTimeMillis).containsExactly(T0 + MINUTE);
        assertThat(s.nextWakeupMillis()).contains(T0 + 4 * MINUTE);
    }

    @Test
    void newTermResumesAfterTheStoredLastFire() {
        JobRecord fired = EVERY_MINUTE.toBuilder().setLastFireMillis(T0 + MINUTE).build();
        CoordinatorState s = term(fired);
        assertThat(s.tick(T0 + MINUTE).runsToCreate()).isEmpty();
        assertThat(s.tick(T0 + 2 * MINUTE).runsToCreate()).extracting(RunRecord::getFireTimeMillis)
                .containsExactly(T0 + 2 * MINUTE);
    }

    @Test
    void storingAChangedJobReschedulesItFromNow() {
        CoordinatorState s = term(EVERY_MINUTE);
        JobRecord hourly = cronJob("minutely", "h", 2, "0 0 * * * ?", T0);
        s.jobStored(hourly, T0 + 10);
        assertThat(s.nextWakeupMillis()).contains(T0 + 60 * MINUTE);
        assertThat(s.tick(T0 + MINUTE).runsToCreate()).as("the old minute fire is replaced").isEmpty();
        assertThat(s.scheduledJobs()).isEqualTo(1);
    }

    @Test
    void runNowJobsAreNeverScheduled() {
        CoordinatorState s = term(TestRecords.runNowJob("once", "h", 1));
        assertThat(s.scheduledJobs()).isZero();
        assertThat(s.nextWakeupMillis()).isEmpty();
        assertThat(s.tick(T0 + 10 * MINUTE).runsToCreate()).isEmpty();
    }

    @Test
    void recoveringTermWakesUpAtItsDeadlineAtTheLatest() {
        CoordinatorState s = new CoordinatorState(1, List.of(EVERY_MINUTE), List.of(), List.of("w1"), T0, T0 + 1500);
        assertThat(s.nextWakeupMillis()).contains(T0 + 1500);
        s.tick(T0 + 1500);
        assertThat(s.isRecovering()).isFalse();
        assertThat(s.nextWakeupMillis()).contains(T0 + MINUTE);
    }
}
