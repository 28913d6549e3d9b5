package io.baton.server.coordinator;

import static io.baton.server.coordinator.TestRecords.T0;
import static io.baton.server.coordinator.TestRecords.assigns;
import static io.baton.server.coordinator.TestRecords.cronJob;
import static io.baton.server.coordinator.TestRecords.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.ConcurrencyPolicy;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.TriggerKind;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Fires decided ahead of their time ({@link CoordinatorConfig#fireLead()}): the run is stored within the lead
 * before its fire time and its shards are dispatched at that instant, not after a ZooKeeper write; the
 * decision must be the one its time would bring; deleting the job cancels it.
 */
class CoordinatorFireLeadTest {
    private static final long MINUTE = 60_000;
    private static final long LEAD = 1_000;
    private static final JobRecord EVERY_MINUTE = cronJob("minutely", "h", 2, "0 * * * * ?", T0);
    private static final String FIRST = CoordinatorState.runId("minutely", T0 + MINUTE);

    private static final long DISPATCH_LEAD = 20;

    /** Shards sent at the fire instant (no dispatch lead), as the tests below but the last ones expect. */
    private static CoordinatorState term(JobRecord job, List<RunRecord> stored, long now) {
        return term(job, stored, now, 0);
    }

    private static CoordinatorState term(JobRecord job, List<RunRecord> stored, long now, long dispatchLead) {
        CoordinatorConfig config = CoordinatorConfig.defaults().withFireLead(Duration.ofMillis(LEAD))
                .withDispatchLead(Duration.ofMillis(dispatchLead));
        CoordinatorState s = new CoordinatorState(1, List.of(job), stored, List.of("w1"), now, now, config, new SplittableRandom(1));
        s.workerReady(status("w1", 4, "h").build(), now);
        s.tick(now);
        return s;
    }

    /** A term whose first fire was decided ahead and is durable, at {@code T0 + MINUTE - LEAD}. */
    private static CoordinatorState decidedAhead() {
        CoordinatorState s = term(EVERY_MINUTE, List.of(), T0);
        Effects fx = s.tick(T0 + MINUTE - LEAD);
        assertThat(fx.runsToCreate()).extracting(RunRecord::getRunId).containsExactly(FIRST);
        assertThat(assigns(s.runsCreated(List.of(FIRST)))).as("not before its fire time").isEmpty();
        return s;
    }

    @Test
    void aFireIsDecidedOneLeadAheadAndItsShardsAreDispatchedAtItsInstant() {
        CoordinatorState s = term(EVERY_MINUTE, List.of(), T0);
        assertThat(s.nextWakeupMillis()).as("wakes up to decide one lead ahead").contains(T0 + MINUTE - LEAD);
        assertThat(s.tick(T0 + MINUTE - LEAD - 1).runsToCreate()).isEmpty();

        Effects decided = s.tick(T0 + MINUTE - LEAD);

        assertThat(decided.runsToCreate()).singleElement().satisfies(r -> {
            assertThat(r.getRunId()).isEqualTo(FIRST);
            assertThat(r.getFireTimeMillis()).isEqualTo(T0 + MINUTE);
            assertThat(r.getCreatedMillis()).isEqualTo(T0 + MINUTE - LEAD);
        });
        assertThat(decided.jobsToUpdate()).singleElement().satisfies(j -> assertThat(j.getLastFireMillis()).isEqualTo(T0 + MINUTE));
        assertThat(assigns(s.runsCreated(List.of(FIRST)))).as("durable, but its time has not come").isEmpty();
        assertThat(assigns(s.tick(T0 + MINUTE - 1))).isEmpty();
        assertThat(s.nextWakeupMillis()).as("the fire instant").contains(T0 + MINUTE);

        Effects atFire = s.tick(T0 + MINUTE);

        assertThat(assigns(atFire)).hasSize(2).allSatisfy(a -> assertThat(a.getRef().getRunId()).isEqualTo(FIRST));
        assertThat(atFire.runsToCreate()).as("decided once").isEmpty();
    }

    @Test
    void aRunWhoseCreationIsStillInFlightAtItsFireTimeIsDispatchedOnceDurable() {
        CoordinatorState s = term(EVERY_MINUTE, List.of(), T0);
        s.tick(T0 + MINUTE - LEAD);

        assertThat(assigns(s.tick(T0 + MINUTE))).as("not durable yet").isEmpty();

        assertThat(assigns(s.runsCreated(List.of(FIRST)))).hasSize(2);
    }

    @Test
    void aFireBehindAnActiveRunOfAJobThatForbidsOverlapIsDecidedAtItsTimeNotAhead() {
        CoordinatorState s = decidedAhead();
        s.tick(T0 + MINUTE); // dispatched; still running at the next fire's lead

        assertThat(s.tick(T0 + 2 * MINUTE - LEAD).runsToCreate()).as("the running run might end before the fire").isEmpty();
        assertThat(s.nextWakeupMillis()).contains(T0 + 2 * MINUTE);

        Effects atFire = s.tick(T0 + 2 * MINUTE);

        assertThat(atFire.runsToCreate()).as("still running at the fire: the default policy skips it").isEmpty();
        assertThat(s.job("minutely").orElseThrow().getSkippedFires()).isEqualTo(1);
    }

    @Test
    void aFireHeldBackByTheRunBeforeItIsDecidedAheadOnceThatRunEnds() {
        // every second with a one-second lead: each decision point is the previous fire, whose run is just starting
        JobRecord everySecond = TestRecords.job("second", "h", 1, io.baton.proto.v1.Schedule.newBuilder()
                .setFixedRate(io.baton.proto.v1.FixedRate.newBuilder().setIntervalMillis(1_000)).build(), T0);
        CoordinatorState s = term(everySecond, List.of(), T0);
        String first = CoordinatorState.runId("second", T0 + 1_000);
        assertThat(s.run(first)).as("decided ahead when the term started").isPresent();
        s.runsCreated(List.of(first));
        Effects atFirst = s.tick(T0 + 1_000);
        assertThat(assigns(atFirst)).hasSize(1);
        assertThat(atFirst.runsToCreate()).as("the next fire waits behind the running run").isEmpty();

        s.reports(List.of(new CoordinatorState.IncomingReport("w1", TestRecords.succeeded(assigns(atFirst).get(0).getRef(), "w1"))),
                T0 + 1_005, stale -> { });
        assertThat(s.nextWakeupMillis()).as("decide at once").hasValueSatisfying(at -> assertThat(at).isLessThanOrEqualTo(T0 + 1_005));

        assertThat(s.tick(T0 + 1_005).runsToCreate()).extracting(RunRecord::getFireTimeMillis).containsExactly(T0 + 2_000);
    }

    @Test
    void aJobThatAllowsOverlapDecidesAheadEvenWithARunActive() {
        JobRecord overlapping = EVERY_MINUTE.toBuilder().setSpec(EVERY_MINUTE.getSpec().toBuilder()
                .setConcurrencyPolicy(ConcurrencyPolicy.CONCURRENCY_POLICY_ALLOW)).build();
        CoordinatorState s = term(overlapping, List.of(), T0);
        s.runsCreated(s.tick(T0 + MINUTE - LEAD).runsToCreate().stream().map(RunRecord::getRunId).toList());
        s.tick(T0 + MINUTE);

        assertThat(s.tick(T0 + 2 * MINUTE - LEAD).runsToCreate()).extracting(RunRecord::getFireTimeMillis)
                .containsExactly(T0 + 2 * MINUTE);
    }

    @Test
    void aRunDecidedBeforeItsJobWasPausedStillStartsAtItsFireTimeAndNoLaterFireIsDecided() {
        CoordinatorState s = decidedAhead();
        s.pauseJob("minutely", T0 + MINUTE - 500);

        Effects atFire = s.tick(T0 + MINUTE);

        assertThat(assigns(atFire)).as("active runs go on, as for any pause").hasSize(2);
        assertThat(s.tick(T0 + 2 * MINUTE - LEAD).runsToCreate()).isEmpty();
        assertThat(s.tick(T0 + 2 * MINUTE).runsToCreate()).isEmpty();
    }

    @Test
    void pausedAndResumedBeforeTheFireTimeTheRunStillStartsAtIt() {
        CoordinatorState s = decidedAhead();
        s.pauseJob("minutely", T0 + MINUTE - 500);
        s.resumeJob("minutely", T0 + MINUTE - 400);

        assertThat(assigns(s.tick(T0 + MINUTE))).hasSize(2);
        assertThat(s.tick(T0 + MINUTE).runsToCreate()).as("the resumed schedule does not decide the fire again").isEmpty();
    }

    @Test
    void deletingAJobWhoseOnlyRunWaitsForItsFireTimeIsNotRefusedAndCancelsIt() {
        CoordinatorState s = decidedAhead();
        Effects fx = new Effects();

        s.deleteJob("minutely", false, T0 + MINUTE - 500, fx);

        assertThat(s.run(FIRST).orElseThrow().getState()).isEqualTo(RunState.RUN_STATE_CANCELLED);
        assertThat(assigns(s.tick(T0 + MINUTE))).isEmpty();
    }

    @Test
    void aNewTermStartsARunDecidedAheadAtItsFireTimeAndDoesNotDecideTheFireAgain() {
        CoordinatorState old = decidedAhead();
        RunRecord stored = old.run(FIRST).orElseThrow();
        JobRecord job = old.job("minutely").orElseThrow();

        CoordinatorState next = term(job, List.of(stored), T0 + MINUTE - 500);

        assertThat(next.nextWakeupMillis()).contains(T0 + MINUTE);
        assertThat(assigns(next.tick(T0 + MINUTE - 1))).isEmpty();
        Effects atFire = next.tick(T0 + MINUTE);
        assertThat(assigns(atFire)).hasSize(2);
        assertThat(atFire.runsToCreate()).isEmpty();
    }

    @Test
    void apiTriggersAreNotHeldEvenWhenTheirIdStepsIntoTheFuture() {
        CoordinatorState s = term(EVERY_MINUTE, List.of(), T0);
        Effects first = new Effects();
        Effects second = new Effects();
        String a = s.trigger("minutely", TriggerKind.TRIGGER_KIND_API, T0 + 10, first).orElseThrow();
        String b = s.trigger("minutely", TriggerKind.TRIGGER_KIND_API, T0 + 10, second).orElseThrow();
        assertThat(s.run(b).orElseThrow().getFireTimeMillis()).as("the second takes the next millisecond").isEqualTo(T0 + 11);

        assertThat(assigns(s.runsCreated(List.of(a, b)))).as("both dispatched at once").hasSize(4);
    }

    // ---------------------------------------------------------------- dispatch lead

    /** As {@link #decidedAhead()} with a dispatch lead: decided and durable one fire lead ahead. */
    private static CoordinatorState decidedAheadWithDispatchLead(JobRecord job) {
        CoordinatorState s = term(job, List.of(), T0, DISPATCH_LEAD);
        s.tick(T0 + MINUTE - LEAD);
        assertThat(assigns(s.runsCreated(List.of(FIRST)))).as("a fire lead ahead is too early to send").isEmpty();
        return s;
    }

    @Test
    void withADispatchLeadTheShardsGoOutThatLongBeforeTheFireTimeAndNoEarlier() {
        CoordinatorState s = decidedAheadWithDispatchLead(EVERY_MINUTE);

        assertThat(s.nextWakeupMillis()).contains(T0 + MINUTE - DISPATCH_LEAD);
        assertThat(assigns(s.tick(T0 + MINUTE - DISPATCH_LEAD - 1))).isEmpty();
        List<io.baton.proto.v1.AssignShard> sent = assigns(s.tick(T0 + MINUTE - DISPATCH_LEAD));

        // the worker starts them at the fire time, which each assignment carries
        assertThat(sent).hasSize(2).allSatisfy(a -> assertThat(a.getFireTimeMillis()).isEqualTo(T0 + MINUTE));
        assertThat(assigns(s.tick(T0 + MINUTE))).as("sent once").isEmpty();
    }

    @Test
    void anAttemptSentAheadHasItsDeadlineCountedFromTheFireTime() {
        long timeout = 5_000;
        JobRecord limited = EVERY_MINUTE.toBuilder()
                .setSpec(EVERY_MINUTE.getSpec().toBuilder().setAttemptTimeoutMillis(timeout)).build();
        CoordinatorState s = decidedAheadWithDispatchLead(limited);
        assertThat(assigns(s.tick(T0 + MINUTE - DISPATCH_LEAD))).hasSize(2);

        long deadline = T0 + MINUTE + timeout + CoordinatorConfig.DEFAULT_TIMEOUT_GRACE.toMillis();
        assertThat(s.nextWakeupMillis()).contains(deadline);
        s.tick(deadline - 1);
        assertThat(s.run(FIRST).orElseThrow().getShardsList()).as("not timed out %d ms after it was sent", timeout + 1_000)
                .allSatisfy(sh -> assertThat(sh.getState()).isEqualTo(io.baton.proto.v1.ShardState.SHARD_STATE_ASSIGNED));
        s.tick(deadline);
        assertThat(s.run(FIRST).orElseThrow().getShardsList()).as("timed out at fire + timeout + grace (no retries: failed)")
                .allSatisfy(sh -> assertThat(sh.getState()).isEqualTo(io.baton.proto.v1.ShardState.SHARD_STATE_FAILED));
    }

    @Test
    void deletingAJobWhoseRunWasSentAheadCancelsItsShardsOnTheWorker() {
        CoordinatorState s = decidedAheadWithDispatchLead(EVERY_MINUTE);
        assertThat(assigns(s.tick(T0 + MINUTE - DISPATCH_LEAD))).hasSize(2);
        Effects fx = new Effects();

        s.deleteJob("minutely", false, T0 + MINUTE - DISPATCH_LEAD + 1, fx);

        assertThat(s.run(FIRST).orElseThrow().getState()).isEqualTo(RunState.RUN_STATE_CANCELLED);
        assertThat(TestRecords.cancelSends(fx)).hasSize(2).allSatisfy(c -> {
            assertThat(c.workerId()).isEqualTo("w1");
            assertThat(c.cancel().getRef().getRunId()).isEqualTo(FIRST);
        });
    }

    @Test
    void runsFiringWithinHalfTheDispatchLeadOfEachOtherGoOutInOneWakeUpAndEachKeepsItsOwnFireTime() {
        // fires 4 ms apart, and a third in the next half lead
        JobRecord a = everyMinuteAt("a", 3);
        JobRecord b = everyMinuteAt("b", 7);
        JobRecord c = everyMinuteAt("c", 12);
        CoordinatorConfig config = CoordinatorConfig.defaults().withFireLead(Duration.ofMillis(LEAD))
                .withDispatchLead(Duration.ofMillis(DISPATCH_LEAD));
        CoordinatorState s = new CoordinatorState(1, List.of(a, b, c), List.of(), List.of("w1"), T0, T0, config, new SplittableRandom(1));
        s.workerReady(status("w1", 4, "h").build(), T0);
        s.tick(T0);
        List<String> runs = List.of(CoordinatorState.runId("a", T0 + MINUTE + 3), CoordinatorState.runId("b", T0 + MINUTE + 7),
                CoordinatorState.runId("c", T0 + MINUTE + 12));
        for (long t = T0 + MINUTE - LEAD; t <= T0 + MINUTE - LEAD + 12; t++) s.tick(t);
        assertThat(assigns(s.runsCreated(runs))).as("a fire lead ahead is too early to send").isEmpty();

        long slot = T0 + MINUTE - DISPATCH_LEAD / 2; // the first point of the 10 ms grid within 20 ms of +3 and of +7
        assertThat(s.nextWakeupMillis()).as("one wake-up for both, not one at each fire - 20 ms").contains(slot);
        assertThat(assigns(s.tick(slot - 1))).isEmpty();
        List<io.baton.proto.v1.AssignShard> together = assigns(s.tick(slot));

        assertThat(together).extracting(x -> x.getRef().getRunId()).containsExactlyInAnyOrder(runs.get(0), runs.get(1));
        assertThat(together).extracting(io.baton.proto.v1.AssignShard::getFireTimeMillis)
                .containsExactlyInAnyOrder(T0 + MINUTE + 3, T0 + MINUTE + 7);
        assertThat(s.nextWakeupMillis()).as("the next half lead").contains(slot + DISPATCH_LEAD / 2);
        assertThat(assigns(s.tick(slot + DISPATCH_LEAD / 2))).extracting(x -> x.getRef().getRunId()).containsExactly(runs.get(2));
    }

    @Test
    void aDispatchSlotIsAGridPointBetweenTheWholeAndHalfTheLeadBeforeTheFire() {
        for (long lead : new long[] {2, 5, 20, 100}) {
            long quantum = lead / 2;
            for (long fire = T0; fire < T0 + 3 * lead; fire++) {
                long slot = CoordinatorState.dispatchSlotMillis(fire, lead);
                assertThat(fire - slot).as("lead %d fire +%d", lead, fire - T0).isBetween(lead - quantum + 1, lead);
                assertThat(Math.floorMod(slot, quantum)).as("on the grid").isZero();
            }
        }
        assertThat(CoordinatorState.dispatchSlotMillis(T0 + 7, 0)).as("no lead: at the fire").isEqualTo(T0 + 7);
        assertThat(CoordinatorState.dispatchSlotMillis(T0 + 7, 1)).as("too short a lead for a grid").isEqualTo(T0 + 6);
    }

    private static JobRecord everyMinuteAt(String name, long offsetMillis) {
        return TestRecords.job(name, "h", 1, io.baton.proto.v1.Schedule.newBuilder().setFixedRate(io.baton.proto.v1.FixedRate.newBuilder()
                .setIntervalMillis(MINUTE).setAnchorMillis(T0 + MINUTE + offsetMillis)).build(), T0);
    }
}
