package io.baton.server.coordinator;

import static io.baton.server.coordinator.TestRecords.T0;
import static io.baton.server.coordinator.TestRecords.assignSends;
import static io.baton.server.coordinator.TestRecords.cancelSends;
import static io.baton.server.coordinator.TestRecords.ref;
import static io.baton.server.coordinator.TestRecords.runNowJob;
import static io.baton.server.coordinator.TestRecords.shard;
import static io.baton.server.coordinator.TestRecords.status;
import static io.baton.server.coordinator.TestRecords.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardRecord;
import io.baton.proto.v1.ShardState;
import io.baton.proto.v1.TriggerKind;
import io.baton.server.run.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A new term rebuilt from what earlier terms persisted plus what workers say they hold. */
class CoordinatorRecoveryTest {
    private static final String RUN = "nightly@" + T0;
    private static final JobRecord JOB = runNowJob("nightly", "h", 4);
    private static final long DEADLINE = T0 + 1500;

    /** A run persisted by the term of epoch 1 with its first {@code assigned} shards ASSIGNED to w1. */
    private static RunRecord storedRun(int shards, int assigned) {
        Run run = Run.create(RUN, "nightly", T0, TriggerKind.TRIGGER_KIND_SCHEDULE, T0, 1, "h", "", List.of(), shards);
        for (int i = 0; i < assigned; i++) run.dispatch(i, "w1", 1);
        return run.toRecord();
    }

    private static CoordinatorState term2(RunRecord stored, String... registered) {
        return new CoordinatorState(2, List.of(JOB), List.of(stored), List.of(registered), T0 + 1000, DEADLINE);
    }

    @Test
    void adoptsClaimsAcceptsTheUnackedSuccessOnceAndRedispatchesTheRestWhenAllWorkersAnswered() {
        CoordinatorState s = term2(storedRun(4, 4), "w1", "w2");
        assertThat(s.isRecovering()).isTrue();
        assertThat(s.workerReady(status("w2", 4, "h").build(), T0 + 1001).sends()).isEmpty();
        assertThat(s.tick(T0 + 1100).sends()).as("nothing dispatched while recovering").isEmpty();
        assertThat(s.isRecovering()).isTrue();

        Effects fx = s.workerReady(status("w1", 4, "h")
                .addRunning(ref(RUN, 0, 1, 1)).addRunning(ref(RUN, 1, 1, 1))
                .addUnackedReports(succeeded(ref(RUN, 2, 1, 1), "w1")).build(), T0 + 1200);

        assertThat(s.isRecovering()).isFalse();
        assertThat(cancelSends(fx)).isEmpty();
        assertThat(assignSends(fx)).singleElement().satisfies(x -> {
            assertThat(x.workerId()).as("least loaded").isEqualTo("w2");
            assertThat(x.assign().getRef()).isEqualTo(ref(RUN, 3, 2, 2));
        });
        for (int i : List.of(0, 1)) {
            ShardRecord sh = shard(s, RUN, i);
            assertThat(sh.getState()).isIn(ShardState.SHARD_STATE_ASSIGNED, ShardState.SHARD_STATE_RUNNING);
            assertThat(sh.getWorkerId()).isEqualTo("w1");
            assertThat(sh.getAttempt()).isEqualTo(1);
            assertThat(sh.getAssignEpoch()).isEqualTo(1);
        }
        assertThat(shard(s, RUN, 2).getState()).isEqualTo(ShardState.SHARD_STATE_SUCCEEDED);
        assertThat(shard(s, RUN, 2).getSuccessCount()).isEqualTo(1);
        assertThat(s.runningOn("w1")).isEqualTo(2);
        assertThat(s.counters().acceptedSuccesses()).isEqualTo(1);
        assertThat(s.counters().attemptsLost()).isEqualTo(1);

        s.report("w1", succeeded(ref(RUN, 2, 1, 1), "w1"), T0 + 1300);
        assertThat(shard(s, RUN, 2).getSuccessCount()).as("re-delivered").isEqualTo(1);
        assertThat(s.counters().acceptedSuccesses()).isEqualTo(1);
        FlushBatch batch = s.takeFlush().orElseThrow();
        assertThat(batch.acks().get("w1")).containsOnly(ref(RUN, 2, 1, 1));
        CoordinatorStateTest.assertAcksFollowTheirEffects(List.of(batch));
    }

    @Test
    void endsRecoveryAtTheDeadlineAndRedispatchesUnclaimedShards() {
        CoordinatorState s = term2(storedRun(4, 4), "w1", "w2");
        s.workerReady(status("w1", 4, "h").addRunning(ref(RUN, 0, 1, 1)).build(), T0 + 1001);
        assertThat(s.nextWakeupMillis()).contains(DEADLINE);
        assertThat(s.tick(DEADLINE - 1).sends()).isEmpty();
        assertThat(s.isRecovering()).isTrue();

        Effects fx = s.tick(DEADLINE);
        assertThat(s.isRecovering()).isFalse();
        assertThat(assignSends(fx)).hasSize(3).allSatisfy(x -> {
            assertThat(x.workerId()).isEqualTo("w1");
            assertThat(x.assign().getRef().getAssignEpoch()).isEqualTo(2);
            assertThat(x.assign().getRef().getAttempt()).isEqualTo(2);
        });
        assertThat(shard(s, RUN, 0).getAttempt()).isEqualTo(1);
        assertThat(s.runningOn("w1")).isEqualTo(4);
        assertThat(s.counters().attemptsLost()).isEqualTo(3);
        assertThat(s.nextWakeupMillis()).isEmpty();
    }

    @Test
    void workerGoneDuringRecoveryIsNoLongerAwaited() {
        CoordinatorState s = term2(storedRun(2, 2), "w1", "w2");
        s.workerReady(status("w2", 4, "h").build(), T0 + 1001);
        Effects fx = s.workerGone("w1");
        assertThat(s.isRecovering()).isFalse();
        assertThat(assignSends(fx)).hasSize(2).extracting(Effects.Send::workerId).containsOnly("w2");
    }

    @Test
    void runsCreatedDuringRecoveryWaitForItsEnd() {
        CoordinatorState s = term2(storedRun(4, 0), "w1");
        Effects fx = new Effects();
        String fresh = s.trigger("nightly", TriggerKind.TRIGGER_KIND_API, T0 + 1001, fx).orElseThrow();
        assertThat(s.runsCreated(List.of(fresh)).sends()).isEmpty();
        Effects end = s.tick(DEADLINE);
        assertThat(assignSends(end)).isEmpty();
        assertThat(assignSends(s.workerReady(status("w1", 8, "h").build(), DEADLINE + 1))).hasSize(8);
    }

    @Test
    void adoptsAnAttemptNewerThanTheStoredOne() {
        // the old leader sent attempt 1 of shard 0 but died before persisting it
        CoordinatorState s = term2(storedRun(1, 0), "w1");
        Effects fx = s.workerReady(status("w1", 4, "h").addRunning(ref(RUN, 0, 1, 1)).build(), T0 + 1001);
        assertThat(fx.sends()).isEmpty();
        ShardRecord sh = shard(s, RUN, 0);
        assertThat(sh.getState()).isEqualTo(ShardState.SHARD_STATE_RUNNING);
        assertThat(sh.getWorkerId()).isEqualTo("w1");
        assertThat(s.counters().adopted()).isEqualTo(1);
        assertThat(s.takeFlush().orElseThrow().records()).as("adoption is persisted").hasSize(1);
    }

    @Test
    void cancelsASupersededAttemptThatAWorkerStillClaims() {
        CoordinatorState s = new CoordinatorState(1, List.of(JOB), List.of(), List.of("w1", "w2"), T0, DEADLINE);
        s.workerReady(status("w1", 1, "h").build(), T0);
        s.workerReady(status("w2", 1, "h").build(), T0);
        Effects fx = new Effects();
        String runId = s.trigger("nightly", TriggerKind.TRIGGER_KIND_API, T0, fx).orElseThrow();
        AttemptRef onW1 = assignSends(s.runsCreated(List.of(runId))).stream()
                .filter(x -> x.workerId().equals("w1")).findFirst().orElseThrow().assign().getRef();
        assertThat(assignSends(s.workerGone("w1"))).isEmpty(); // w2 is full
        s.report("w2", succeeded(ref(runId, 1, 1, 1), "w2"), T0 + 10); // frees w2: attempt 2 goes there
        assertThat(shard(s, runId, onW1.getShardIndex()).getAttempt()).isEqualTo(2);

        Effects back = s.workerReady(status("w1", 1, "h").addRunning(onW1).build(), T0 + 20);
        assertThat(cancelSends(back)).singleElement().satisfies(x -> {
            assertThat(x.workerId()).isEqualTo("w1");
            assertThat(x.cancel().getRef()).isEqualTo(onW1);
        });
        assertThat(shard(s, runId, onW1.getShardIndex()).getWorkerId()).isEqualTo("w2");
    }

    @Test
    void cancelsClaimsOfRunsItDoesNotKnowOrShardsOutsideTheRun() {
        CoordinatorState s = term2(storedRun(2, 0), "w1");
        AttemptRef unknownRun = ref("gone@1", 0, 1, 1);
        AttemptRef beyond = ref(RUN, 2, 1, 1);
        AttemptRef negative = ref(RUN, -1, 1, 1);
        Effects fx = s.workerReady(status("w1", 4, "h").addRunning(unknownRun).addRunning(beyond).addRunning(negative)
                .addUnackedReports(succeeded(negative, "w1")).build(), T0 + 1001);
        assertThat(cancelSends(fx)).extracting(x -> x.cancel().getRef()).containsExactly(unknownRun, beyond, negative);
        assertThat(s.isRecovering()).isFalse();
        assertThat(s.counters().acceptedSuccesses()).isZero();
    }

    @Test
    void newerClaimDisplacesAnOlderAttemptAndCancelsIt() {
        CoordinatorState s = new CoordinatorState(3, List.of(JOB), List.of(storedRun(1, 1)), List.of("w1", "w2"),
                T0 + 1000, DEADLINE);
        // w2 runs attempt 2 that the term of epoch 2 made but never persisted
        Effects fx = s.workerReady(status("w2", 4, "h").addRunning(ref(RUN, 0, 2, 2)).build(), T0 + 1001);
        assertThat(cancelSends(fx)).singleElement().satisfies(x -> {
            assertThat(x.workerId()).isEqualTo("w1");
            assertThat(x.cancel().getRef()).isEqualTo(ref(RUN, 0, 1, 1));
        });
        Effects w1 = s.workerReady(status("w1", 4, "h").addRunning(ref(RUN, 0, 1, 1)).build(), T0 + 1002);
        assertThat(cancelSends(w1)).singleElement().extracting(x -> x.cancel().getRef()).isEqualTo(ref(RUN, 0, 1, 1));
        assertThat(shard(s, RUN, 0).getWorkerId()).isEqualTo("w2");
        assertThat(s.runningOn("w1")).isZero();
        assertThat(s.runningOn("w2")).isEqualTo(1);
    }

    @Test
    void persistedSuccessIsNotCountedAgainWhenReReportedToTheNextLeader() {
        CoordinatorState term1 = new CoordinatorState(1, List.of(runNowJob("nightly", "h", 2)), List.of(), List.of("w1"),
                T0, DEADLINE);
        term1.workerReady(status("w1", 2, "h").build(), T0);
        String runId = term1.trigger("nightly", TriggerKind.TRIGGER_KIND_API, T0, new Effects()).orElseThrow();
        List<Effects.Send> sends = assignSends(term1.runsCreated(List.of(runId)));
        term1.report("w1", succeeded(sends.get(0)), T0 + 10);
        FlushBatch persisted = term1.takeFlush().orElseThrow();
        term1.flushDone(persisted); // durable, but the leader dies before its acks reach w1

        CoordinatorState term2 = new CoordinatorState(2, List.of(JOB), persisted.records(), List.of("w1"), T0 + 20, DEADLINE);
        term2.workerReady(status("w1", 2, "h").addRunning(sends.get(1).assign().getRef())
                .addUnackedReports(succeeded(sends.get(0))).build(), T0 + 30);
        assertThat(term2.counters().acceptedSuccesses()).isZero();
        assertThat(shard(term2, runId, 0).getSuccessCount()).isEqualTo(1);
        term2.report("w1", succeeded(sends.get(0)), T0 + 31);
        term2.report("w1", succeeded(sends.get(1)), T0 + 40);

        FlushBatch done = term2.takeFlush().orElseThrow();
        RunRecord run = done.records().get(0);
        assertThat(run.getState()).isEqualTo(RunState.RUN_STATE_SUCCEEDED);
        assertThat(run.getShardsList()).extracting(ShardRecord::getSuccessCount).containsExactly(1, 1);
        assertThat(done.acks().get("w1")).contains(sends.get(0).assign().getRef(), sends.get(1).assign().getRef());
    }

    @Test
    void reReportOfARunFinishedBeforeTheLeaderChangeIsAcknowledgedAndIgnored() {
        Run finished = Run.create(RUN, "nightly", T0, TriggerKind.TRIGGER_KIND_API, T0, 1, "h", "", List.of(), 1);
        finished.report(0, finished.dispatch(0, "w1", 1), ShardOutcome.SHARD_OUTCOME_SUCCEEDED,
                "", T0, T0, T0);
        CoordinatorState s = term2(finished.toRecord(), "w1");
        assertThat(s.activeRuns()).as("finished runs are not loaded").isEmpty();
        s.workerReady(status("w1", 1, "h").addUnackedReports(succeeded(ref(RUN, 0, 1, 1), "w1")).build(), T0 + 1001);
        assertThat(s.counters().acceptedSuccesses()).isZero();
        FlushBatch batch = s.takeFlush().orElseThrow();
        assertThat(batch.records()).isEmpty();
        assertThat(batch.acks().get("w1")).containsExactly(ref(RUN, 0, 1, 1));
    }
}
