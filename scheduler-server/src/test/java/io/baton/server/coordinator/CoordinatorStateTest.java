package io.baton.server.coordinator;

import static io.baton.server.coordinator.TestRecords.T0;
import static io.baton.server.coordinator.TestRecords.assignSends;
import static io.baton.server.coordinator.TestRecords.assigns;
import static io.baton.server.coordinator.TestRecords.report;
import static io.baton.server.coordinator.TestRecords.runNowJob;
import static io.baton.server.coordinator.TestRecords.shard;
import static io.baton.server.coordinator.TestRecords.status;
import static io.baton.server.coordinator.TestRecords.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.AssignShard;
import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardRecord;
import io.baton.proto.v1.ShardState;
import io.baton.proto.v1.TriggerKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The leader's state within one term: dispatch only after runs are durable, placement of lost work,
 * fencing of late reports, and acknowledgements that never run ahead of the state they acknowledge.
 */
class CoordinatorStateTest {
    private static final TriggerKind API = TriggerKind.TRIGGER_KIND_API;

    /** A term with no stored runs whose recovery ends as soon as {@code workers} have answered. */
    private static CoordinatorState liveTerm(int shards, String... workers) {
        CoordinatorState s = new CoordinatorState(1, List.of(runNowJob("export", "h", shards)), List.of(),
                List.of(workers), T0, T0 + 1500);
        for (String w : workers) s.workerReady(status(w, 4, "h").build(), T0);
        assertThat(s.isRecovering()).isFalse();
        return s;
    }

    /** Triggers the job and makes the run durable; returns the run id and the dispatch effects. */
    private static String durableRun(CoordinatorState s, List<Effects.Send> dispatched) {
        Effects fx = new Effects();
        String runId = s.trigger("export", API, T0 + 5, fx).orElseThrow();
        dispatched.addAll(assignSends(s.runsCreated(List.of(runId))));
        return runId;
    }

    @Test
    void aBatchOfReportsIsAppliedInOrderWithOneDispatchForTheSlotsItFreed() {
        CoordinatorState s = liveTerm(8, "w1");
        List<Effects.Send> first = new ArrayList<>();
        String runId = durableRun(s, first);
        assertThat(first).hasSize(4);
        AttemptRef staleRef = first.get(2).assign().getRef().toBuilder().setAttempt(7).build(); // shard 2 runs attempt 1
        List<CoordinatorState.IncomingReport> batch = new ArrayList<>();
        batch.add(new CoordinatorState.IncomingReport("w1", succeeded(first.get(0))));
        batch.add(new CoordinatorState.IncomingReport("w1", report(staleRef, ShardOutcome.SHARD_OUTCOME_SUCCEEDED, "w1")));
        batch.add(new CoordinatorState.IncomingReport("w1", succeeded(first.get(1))));
        List<CoordinatorState.IncomingReport> stale = new ArrayList<>();

        Effects fx = s.reports(batch, T0 + 50, stale::add);

        assertThat(stale).extracting(r -> r.report().getRef()).containsExactly(staleRef);
        assertThat(shard(s, runId, 0).getState()).isEqualTo(ShardState.SHARD_STATE_SUCCEEDED);
        assertThat(shard(s, runId, 1).getState()).isEqualTo(ShardState.SHARD_STATE_SUCCEEDED);
        assertThat(assigns(fx)).as("the two freed slots, placed in one pass").extracting(a -> a.getRef().getShardIndex())
                .containsExactly(4, 5);
    }

    @Test
    void aSuspendedTermPlacesNothingUntilItIsResumed() {
        CoordinatorState s = liveTerm(4, "w1");
        s.suspend();
        Effects fx = new Effects();
        String runId = s.trigger("export", API, T0 + 5, fx).orElseThrow();

        assertThat(assignSends(s.runsCreated(List.of(runId)))).as("durable, but the connection is in doubt").isEmpty();
        assertThat(s.tick(T0 + 100).sends()).isEmpty();
        assertThat(s.isSuspended()).isTrue();

        List<Effects.Send> sends = assignSends(s.resume(T0 + 200));
        assertThat(sends).hasSize(4).allSatisfy(x -> assertThat(x.assign().getRef().getRunId()).isEqualTo(runId));
        assertThat(s.isSuspended()).isFalse();
    }

    @Test
    void dispatchesAnEightShardRunFourAndFourOnlyOnceItIsDurable() {
        CoordinatorState s = liveTerm(8, "w1", "w2");
        Effects fx = new Effects();
        String runId = s.trigger("export", API, T0 + 5, fx).orElseThrow();

        assertThat(runId).isEqualTo("export@" + (T0 + 5) + "-api");
        assertThat(fx.runsToCreate()).singleElement().satisfies(r -> {
            assertThat(r.getShardsList()).hasSize(8).extracting(ShardRecord::getState).containsOnly(ShardState.SHARD_STATE_PENDING);
            assertThat(r.getCreatedEpoch()).isEqualTo(1);
            assertThat(r.getTrigger()).isEqualTo(API);
        });
        assertThat(fx.sends()).isEmpty();
        assertThat(s.tick(T0 + 10).sends()).as("no dispatch before the run is durable").isEmpty();
        assertThat(s.takeFlush()).as("the run is written by its creation, not by a flush").isEmpty();

        List<Effects.Send> sends = assignSends(s.runsCreated(List.of(runId)));
        assertThat(sends).hasSize(8);
        assertThat(sends).filteredOn(x -> x.workerId().equals("w1")).hasSize(4);
        assertThat(sends).filteredOn(x -> x.workerId().equals("w2")).hasSize(4);
        assertThat(sends).extracting(x -> x.assign().getRef().getShardIndex())
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 8).boxed().toList());
        for (Effects.Send x : sends) {
            AssignShard a = x.assign();
            assertThat(a.getRef().getAssignEpoch()).isEqualTo(1);
            assertThat(a.getRef().getAttempt()).isEqualTo(1);
            assertThat(a.getShardCount()).isEqualTo(8);
            assertThat(a.getShardParameter()).isEqualTo("export-p" + a.getRef().getShardIndex());
            assertThat(a.getJobParameter()).isEqualTo("export-param");
            assertThat(a.getFireTimeMillis()).isEqualTo(T0 + 5);
        }
        assertThat(s.runningOn("w1")).isEqualTo(4);
        assertThat(s.runningOn("w2")).isEqualTo(4);

        FlushBatch assigned = s.takeFlush().orElseThrow();
        assertThat(assigned.records()).singleElement().satisfies(r ->
                assertThat(r.getShardsList()).extracting(ShardRecord::getState).containsOnly(ShardState.SHARD_STATE_ASSIGNED));
        assertThat(assigned.acks()).isEmpty();
        s.flushDone(assigned);

        for (Effects.Send x : sends) {
            assertThat(s.report(x.workerId(), succeeded(x), T0 + 100).sends()).as("acks are not effects").isEmpty();
        }
        FlushBatch done = s.takeFlush().orElseThrow();
        RunRecord finished = done.records().get(0);
        assertThat(finished.getState()).isEqualTo(RunState.RUN_STATE_SUCCEEDED);
        assertThat(finished.getShardsList()).allSatisfy(sh -> {
            assertThat(sh.getState()).isEqualTo(ShardState.SHARD_STATE_SUCCEEDED);
            assertThat(sh.getSuccessCount()).isEqualTo(1);
        });
        assertThat(done.acks()).containsOnlyKeys("w1", "w2");
        for (String w : List.of("w1", "w2")) {
            assertThat(done.acks().get(w)).containsExactlyInAnyOrderElementsOf(
                    sends.stream().filter(x -> x.workerId().equals(w)).map(x -> x.assign().getRef()).toList());
        }
        assertAcksFollowTheirEffects(List.of(assigned, done));

        s.flushDone(done);
        assertThat(s.run(runId)).as("a finished run leaves memory once durable").isEmpty();
        assertThat(s.takeFlush()).isEmpty();
        assertThat(s.counters().acceptedSuccesses()).isEqualTo(8);
        assertThat(s.counters().runsFinished()).isEqualTo(1);
        assertThat(s.runningOn("w1")).isZero();
    }

    @Test
    void acknowledgesAReportOnlyInABatchTakenWithOrAfterItsEffect() {
        CoordinatorState s = liveTerm(2, "w1");
        List<Effects.Send> sends = new ArrayList<>();
        String runId = durableRun(s, sends);
        s.report("w1", report(sends.get(0).assign().getRef(), ShardOutcome.SHARD_OUTCOME_STARTED, "w1"), T0 + 6);
        s.report("w1", succeeded(sends.get(0)), T0 + 7);
        FlushBatch first = s.takeFlush().orElseThrow();

        // while the first batch is being written, more reports arrive: their acks wait for the next batch
        s.report("w1", succeeded(sends.get(1)), T0 + 8);
        s.report("w1", succeeded(sends.get(0)), T0 + 9);
        assertThat(first.acks().get("w1")).containsExactly(sends.get(0).assign().getRef());
        s.flushDone(first);
        FlushBatch second = s.takeFlush().orElseThrow();
        assertThat(second.acks().get("w1")).containsExactlyInAnyOrder(
                sends.get(1).assign().getRef(), sends.get(0).assign().getRef());
        assertThat(second.records()).singleElement().extracting(RunRecord::getState).isEqualTo(RunState.RUN_STATE_SUCCEEDED);
        assertAcksFollowTheirEffects(List.of(first, second));
        assertThat(shard(s, runId, 0).getSuccessCount()).isEqualTo(1);
    }

    @Test
    void startedReportsChangeStateButAreNotAcknowledged() {
        CoordinatorState s = liveTerm(1, "w1");
        List<Effects.Send> sends = new ArrayList<>();
        String runId = durableRun(s, sends);
        s.takeFlush().ifPresent(s::flushDone);
        s.report("w1", report(sends.get(0).assign().getRef(), ShardOutcome.SHARD_OUTCOME_STARTED, "w1"), T0 + 6);
        FlushBatch batch = s.takeFlush().orElseThrow();
        assertThat(batch.acks()).isEmpty();
        assertThat(shard(batch.records().get(0), 0).getState()).isEqualTo(ShardState.SHARD_STATE_RUNNING);
        assertThat(shard(s, runId, 0).getStartedMillis()).isEqualTo(T0);
    }

    @Test
    void reassignsShardsOfLostWorkerWithANewAttemptAndRejectsItsLateSuccess() {
        CoordinatorState s = liveTerm(4, "w1", "w2");
        List<Effects.Send> first = new ArrayList<>();
        String runId = durableRun(s, first);
        List<Effects.Send> onW1 = first.stream().filter(x -> x.workerId().equals("w1")).toList();
        assertThat(onW1).hasSize(2);

        List<Effects.Send> again = assignSends(s.workerGone("w1"));
        assertThat(again).hasSize(2).allSatisfy(x -> {
            assertThat(x.workerId()).isEqualTo("w2");
            assertThat(x.assign().getRef().getAttempt()).isEqualTo(2);
            assertThat(x.assign().getRef().getAssignEpoch()).isEqualTo(1);
        });
        assertThat(again).extracting(x -> x.assign().getRef().getShardIndex())
                .containsExactlyInAnyOrderElementsOf(onW1.stream().map(x -> x.assign().getRef().getShardIndex()).toList());
        assertThat(s.readyWorkers()).containsExactly("w2");
        assertThat(s.runningOn("w2")).isEqualTo(4);
        assertThat(s.counters().attemptsLost()).isEqualTo(2);

        int lostShard = onW1.get(0).assign().getRef().getShardIndex();
        s.report("w1", succeeded(onW1.get(0)), T0 + 50);
        assertThat(s.counters().staleReports()).isEqualTo(1);
        assertThat(shard(s, runId, lostShard).getAttempt()).isEqualTo(2);
        assertThat(shard(s, runId, lostShard).getState()).isEqualTo(ShardState.SHARD_STATE_ASSIGNED);

        for (Effects.Send x : first) if (x.workerId().equals("w2")) s.report("w2", succeeded(x), T0 + 60);
        for (Effects.Send x : again) s.report("w2", succeeded(x), T0 + 60);
        RunRecord run = s.run(runId).orElseThrow();
        assertThat(run.getState()).isEqualTo(RunState.RUN_STATE_SUCCEEDED);
        assertThat(shard(run, lostShard).getAttempt()).isEqualTo(2);
        assertThat(shard(run, lostShard).getWorkerId()).isEqualTo("w2");
        assertThat(run.getShardsList()).extracting(ShardRecord::getSuccessCount).containsOnly(1);

        s.report("w1", succeeded(onW1.get(1)), T0 + 70);
        assertThat(s.counters().staleReports()).as("a finished shard answers ALREADY_FINAL, not stale").isEqualTo(1);
        assertThat(s.counters().acceptedSuccesses()).isEqualTo(4);
    }

    @Test
    void reassignsShardsOfLostWorkerToLeastLoaded() {
        CoordinatorState s = liveTerm(6, "w1", "w2", "w3");
        List<Effects.Send> sends = new ArrayList<>();
        durableRun(s, sends);
        assertThat(List.of(s.runningOn("w1"), s.runningOn("w2"), s.runningOn("w3"))).containsOnly(2);
        for (Effects.Send x : sends) if (x.workerId().equals("w3")) s.report("w3", succeeded(x), T0 + 10);

        List<Effects.Send> again = assignSends(s.workerGone("w1"));
        assertThat(again).extracting(Effects.Send::workerId).containsExactly("w3", "w3");
        assertThat(s.runningOn("w2")).isEqualTo(2);
        assertThat(s.runningOn("w3")).isEqualTo(2);
    }

    @Test
    void refusedShardIsPlacedAgainWithANewAttempt() {
        CoordinatorState s = liveTerm(1, "w1", "w2");
        List<Effects.Send> sends = new ArrayList<>();
        String runId = durableRun(s, sends);
        Effects.Send firstSend = sends.get(0);
        Effects fx = s.report(firstSend.workerId(),
                report(firstSend.assign().getRef(), ShardOutcome.SHARD_OUTCOME_REFUSED, firstSend.workerId()), T0 + 10);
        List<AssignShard> again = assigns(fx);
        assertThat(again).singleElement().satisfies(a -> assertThat(a.getRef().getAttempt()).isEqualTo(2));
        assertThat(assignSends(fx).get(0).workerId()).as("round robin moves on").isNotEqualTo(firstSend.workerId());
        assertThat(shard(s, runId, 0).getState()).isEqualTo(ShardState.SHARD_STATE_ASSIGNED);
        assertThat(s.runningOn(firstSend.workerId())).isZero();
    }

    @Test
    void aWorkerThatRefusedForWantOfAThreadIsOfferedNothingUntilOneOfItsAttemptsEnds() {
        CoordinatorState s = liveTerm(2, "w1");
        List<Effects.Send> sends = new ArrayList<>();
        String runId = durableRun(s, sends);
        Effects refused = s.report("w1", report(sends.get(0).assign().getRef(), ShardOutcome.SHARD_OUTCOME_REFUSED, "w1"), T0 + 10);

        assertThat(assigns(refused)).as("no bouncing back to the worker that just refused").isEmpty();
        assertThat(shard(s, runId, 0).getState()).isEqualTo(ShardState.SHARD_STATE_PENDING);

        Effects freed = s.report("w1", succeeded(sends.get(1)), T0 + 20);
        assertThat(assigns(freed)).singleElement().satisfies(a -> {
            assertThat(a.getRef().getShardIndex()).isZero();
            assertThat(a.getRef().getAttempt()).isEqualTo(2);
        });
    }

    @Test
    void drainingWorkerGetsNothingNewAndItsCancelledShardsMoveElsewhere() {
        CoordinatorState s = liveTerm(2, "w1", "w2");
        List<Effects.Send> sends = new ArrayList<>();
        String runId = durableRun(s, sends);
        Effects.Send onW1 = sends.stream().filter(x -> x.workerId().equals("w1")).findFirst().orElseThrow();

        s.workerDraining("w1");
        Effects fx = s.report("w1", report(onW1.assign().getRef(), ShardOutcome.SHARD_OUTCOME_CANCELLED, "w1"), T0 + 10);

        assertThat(assignSends(fx)).singleElement().satisfies(a -> {
            assertThat(a.workerId()).isEqualTo("w2");
            assertThat(a.assign().getRef().getAttempt()).isEqualTo(2);
        });
        assertThat(shard(s, runId, onW1.assign().getRef().getShardIndex()).getWorkerId()).isEqualTo("w2");
    }

    @Test
    void workerThatSaysItIsDrainingInItsHelloGetsNoShards() {
        CoordinatorState s = new CoordinatorState(1, List.of(runNowJob("export", "h", 2)), List.of(), List.of(), T0, T0);
        s.tick(T0);
        s.workerReady(status("leaving", 4, "h").setDraining(true).build(), T0);
        List<Effects.Send> sends = new ArrayList<>();
        String runId = durableRun(s, sends);
        assertThat(sends).isEmpty();

        assertThat(assignSends(s.workerReady(status("fresh", 4, "h").build(), T0 + 20)))
                .extracting(Effects.Send::workerId).containsExactly("fresh", "fresh");
        assertThat(s.run(runId).orElseThrow().getShardsList()).extracting(ShardRecord::getWorkerId).containsOnly("fresh");
    }

    @Test
    void waitsForAWorkerWithTheHandlerAndAFreeSlot() {
        CoordinatorState s = new CoordinatorState(1, List.of(runNowJob("export", "h", 3)), List.of(), List.of(), T0, T0);
        s.tick(T0);
        s.workerReady(status("other", 4, "not-h").build(), T0);
        s.workerReady(status("small", 1, "h").build(), T0);
        List<Effects.Send> sends = new ArrayList<>();
        String runId = durableRun(s, sends);
        assertThat(sends).extracting(Effects.Send::workerId).containsExactly("small");

        List<AssignShard> later = assigns(s.workerReady(status("big", 4, "h").build(), T0 + 20));
        assertThat(later).hasSize(2);
        assertThat(s.run(runId).orElseThrow().getShardsList()).extracting(ShardRecord::getState)
                .containsOnly(ShardState.SHARD_STATE_ASSIGNED);
    }

    @Test
    void clientsSeeARunOnlyOnceItsCreationIsDurable() {
        CoordinatorState s = liveTerm(1, "w1");
        Effects fx = new Effects();
        String runId = s.trigger("export", API, T0 + 5, fx).orElseThrow();
        assertThat(s.durableRun(runId)).isEmpty();
        assertThat(s.activeRuns()).isEmpty();

        s.runsCreated(List.of(runId));

        assertThat(s.durableRun(runId)).isPresent();
        assertThat(s.activeRuns()).extracting(RunRecord::getRunId).containsExactly(runId);
    }

    @Test
    void reportsForARunThatIsNotYetDurableChangeNothing() {
        CoordinatorState s = liveTerm(1, "w1");
        Effects fx = new Effects();
        String runId = s.trigger("export", API, T0 + 5, fx).orElseThrow();
        AttemptRef guess = TestRecords.ref(runId, 0, 1, 1);
        s.report("w1", succeeded(guess, "w1"), T0 + 6);
        assertThat(shard(s, runId, 0).getState()).isEqualTo(ShardState.SHARD_STATE_PENDING);
        assertThat(s.counters().acceptedSuccesses()).isZero();
    }

    @Test
    void forgetsARunWhoseCreationFailed() {
        CoordinatorState s = liveTerm(1, "w1");
        Effects fx = new Effects();
        String runId = s.trigger("export", API, T0 + 5, fx).orElseThrow();
        s.runsCreateFailed(List.of(runId));
        assertThat(s.run(runId)).isEmpty();
        assertThat(s.runsCreated(List.of(runId)).sends()).isEmpty();
        // a new trigger makes a run of its own (its id is later: the failed one may have been stored after all)
        Effects again = new Effects();
        String next = s.trigger("export", API, T0 + 5, again).orElseThrow();
        assertThat(next).isNotEqualTo(runId);
        assertThat(again.runsToCreate()).extracting(RunRecord::getRunId).containsExactly(next);
    }

    @Test
    void triggersOfTheSameJobInOneMillisecondGetDistinctRuns() {
        CoordinatorState s = liveTerm(1, "w1");
        String a = s.trigger("export", API, T0 + 5, new Effects()).orElseThrow();
        String b = s.trigger("export", API, T0 + 5, new Effects()).orElseThrow();
        assertThat(a).isNotEqualTo(b);
        assertThat(s.trigger("nope", API, T0 + 5, new Effects())).isEmpty();
    }

    @Test
    void aTriggerStoresItsFireTimeOnTheJobWithItsRun() {
        CoordinatorState s = liveTerm(1, "w1");
        Effects fx = new Effects();
        String runId = s.trigger("export", API, T0 + 5, fx).orElseThrow();
        assertThat(runId).isEqualTo("export@" + (T0 + 5) + "-api");
        assertThat(fx.jobsToUpdate()).singleElement()
                .satisfies(j -> assertThat(j.getLastManualFireMillis()).isEqualTo(T0 + 5));
        assertThat(s.job("export").orElseThrow().getLastManualFireMillis()).isEqualTo(T0 + 5);
    }

    @Test
    void aTriggerNeverReusesTheIdOfAFinishedRunEvenWithTheClockBehind() {
        CoordinatorState s = liveTerm(1, "w1");
        List<Effects.Send> sends = new ArrayList<>();
        String first = durableRun(s, sends); // at T0 + 5
        s.report("w1", succeeded(sends.get(0)), T0 + 6);
        assertThat(s.run(first).orElseThrow().getState()).isEqualTo(RunState.RUN_STATE_SUCCEEDED);

        // the same millisecond again (the finished run is no longer active), then a clock gone back
        String second = s.trigger("export", API, T0 + 5, new Effects()).orElseThrow();
        assertThat(second).isEqualTo("export@" + (T0 + 6) + "-api");
        CoordinatorState next = new CoordinatorState(2, List.of(s.job("export").orElseThrow()), List.of(),
                List.of("w1"), T0 - 60_000, T0 - 58_500);
        next.workerReady(status("w1", 4, "h").build(), T0 - 60_000);
        String third = next.trigger("export", API, T0 - 60_000, new Effects()).orElseThrow();
        assertThat(third).isEqualTo("export@" + (T0 + 7) + "-api");
        assertThat(next.trigger("export", TriggerKind.TRIGGER_KIND_RUN_NOW, T0 - 60_000, new Effects()).orElseThrow())
                .as("run-now submissions share the counter").isEqualTo("export@" + (T0 + 8) + "-now");
        // its id lies a minute ahead of this clock, but it is sent to start now, not held for that minute
        assertThat(assigns(next.runsCreated(List.of(third)))).singleElement()
                .satisfies(a -> assertThat(a.getFireTimeMillis()).isEqualTo(T0 - 60_000));
    }

    @Test
    void reconnectingWorkerKeepsTheAttemptsItStillRuns() {
        CoordinatorState s = liveTerm(2, "w1");
        List<Effects.Send> sends = new ArrayList<>();
        String runId = durableRun(s, sends);
        Effects fx = s.workerReady(status("w1", 4, "h").addRunning(sends.get(0).assign().getRef()).build(), T0 + 30);
        // the attempt it dropped is dispatched again, to it; the one it still runs keeps its attempt
        assertThat(assigns(fx)).singleElement().satisfies(a -> {
            assertThat(a.getRef().getShardIndex()).isEqualTo(sends.get(1).assign().getRef().getShardIndex());
            assertThat(a.getRef().getAttempt()).isEqualTo(2);
        });
        assertThat(shard(s, runId, sends.get(0).assign().getRef().getShardIndex()).getAttempt()).isEqualTo(1);
        assertThat(s.runningOn("w1")).isEqualTo(2);
    }

    /** Every ack in batch i names a shard whose record in batch i or earlier no longer waits for that attempt. */
    static void assertAcksFollowTheirEffects(List<FlushBatch> batches) {
        Map<String, RunRecord> durable = new HashMap<>();
        for (FlushBatch b : batches) {
            b.records().forEach(r -> durable.put(r.getRunId(), r));
            b.acks().values().forEach(refs -> refs.forEach(ref -> {
                RunRecord r = durable.get(ref.getRunId());
                assertThat(r).as("ack for %s before its run was in any batch", ref).isNotNull();
                ShardRecord sh = r.getShards(ref.getShardIndex());
                boolean sameAttempt = sh.getAttempt() == ref.getAttempt() && sh.getAssignEpoch() == ref.getAssignEpoch();
                boolean active = sh.getState() == ShardState.SHARD_STATE_ASSIGNED || sh.getState() == ShardState.SHARD_STATE_RUNNING;
                assertThat(sameAttempt && active).as("ack for %s while its shard still waits for it", ref).isFalse();
            }));
        }
    }
}
