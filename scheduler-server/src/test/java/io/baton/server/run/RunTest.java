package io.baton.server.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardState;
import io.baton.proto.v1.TriggerKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run state machine and the fencing of shard reports by attempt. */
class RunTest {
    private static final long NOW = 1_767_225_600_000L;
    private static final ShardOutcome OK = ShardOutcome.SHARD_OUTCOME_SUCCEEDED;
    private static final ShardOutcome FAIL = ShardOutcome.SHARD_OUTCOME_FAILED;

    private static Run run(int shards) {
        return Run.create("export@" + NOW, "export", NOW, TriggerKind.TRIGGER_KIND_API, NOW, 1, "h", "jp",
                List.of(), shards);
    }

    private static ReportVerdict report(Run run, int shard, AttemptId attempt, ShardOutcome outcome) {
        return run.report(shard, attempt, outcome, outcome.name(), NOW + 1, NOW + 2, NOW + 3);
    }

    @Test
    void newRunIsRunningWithEveryShardPendingAndNoAttempt() {
        Run run = run(3);
        assertThat(run.state()).isEqualTo(RunState.RUN_STATE_RUNNING);
        assertThat(run.isFinished()).isFalse();
        assertThat(run.shards()).extracting(Shard::state).containsOnly(ShardState.SHARD_STATE_PENDING);
        assertThat(run.shards()).extracting(Shard::current).containsOnly(AttemptId.NONE);
    }

    @Test
    void dispatchNumbersAttemptsPerShardAndCarriesTheEpoch() {
        Run run = run(1);
        assertThat(run.dispatch(0, "w1", 1)).isEqualTo(new AttemptId(1, 1));
        run.loseAttempt(0, "lost");
        assertThat(run.dispatch(0, "w2", 1)).isEqualTo(new AttemptId(1, 2));
        run.loseAttempt(0, "lost");
        assertThat(run.dispatch(0, "w1", 4)).isEqualTo(new AttemptId(4, 3));
        assertThat(run.shard(0).workerId()).isEqualTo("w1");
        assertThat(run.shard(0).state()).isEqualTo(ShardState.SHARD_STATE_ASSIGNED);
    }

    @Test
    void reportForCurrentAttemptIsAccepted() {
        Run run = run(2);
        AttemptId a = run.dispatch(0, "w1", 1);
        assertThat(run.report(0, a, ShardOutcome.SHARD_OUTCOME_STARTED, "", NOW + 1, 0, NOW + 1))
                .isEqualTo(ReportVerdict.ACCEPTED);
        assertThat(run.shard(0).state()).isEqualTo(ShardState.SHARD_STATE_RUNNING);
        assertThat(report(run, 0, a, OK)).isEqualTo(ReportVerdict.ACCEPTED);
        Shard s = run.shard(0);
        assertThat(s.state()).isEqualTo(ShardState.SHARD_STATE_SUCCEEDED);
        assertThat(s.successCount()).isEqualTo(1);
        assertThat(s.message()).isEqualTo(OK.name());
        assertThat(s.startedMillis()).isEqualTo(NOW + 1);
        assertThat(s.finishedMillis()).isEqualTo(NOW + 2);
    }

    @Test
    void reportForSupersededAttemptIsStaleAndChangesNothing() {
        Run run = run(1);
        AttemptId first = run.dispatch(0, "w1", 1);
        run.loseAttempt(0, "worker w1 lost");
        AttemptId second = run.dispatch(0, "w2", 1);
        RunRecord before = run.toRecord();

        assertThat(report(run, 0, first, OK)).isEqualTo(ReportVerdict.STALE_ATTEMPT);
        assertThat(report(run, 0, first, FAIL)).isEqualTo(ReportVerdict.STALE_ATTEMPT);
        assertThat(report(run, 0, new AttemptId(0, 2), OK)).as("same number from an older epoch")
                .isEqualTo(ReportVerdict.STALE_ATTEMPT);

        assertThat(run.toRecord()).isEqualTo(before);
        assertThat(run.shard(0).current()).isEqualTo(second);
        assertThat(run.shard(0).successCount()).isZero();
    }

    @Test
    void reportForVoidedAttemptOfAPendingShardIsStale() {
        Run run = run(1);
        AttemptId a = run.dispatch(0, "w1", 1);
        run.loseAttempt(0, "worker w1 lost");
        assertThat(report(run, 0, a, OK)).isEqualTo(ReportVerdict.STALE_ATTEMPT);
        assertThat(run.shard(0).state()).isEqualTo(ShardState.SHARD_STATE_PENDING);
    }

    @Test
    void redeliveredSuccessIsAlreadyFinalAndCountsOnce() {
        Run run = run(1);
        AttemptId a = run.dispatch(0, "w1", 1);
        assertThat(report(run, 0, a, OK)).isEqualTo(ReportVerdict.ACCEPTED);
        assertThat(report(run, 0, a, OK)).isEqualTo(ReportVerdict.ALREADY_FINAL);
        assertThat(report(run, 0, a, FAIL)).isEqualTo(ReportVerdict.ALREADY_FINAL);
        assertThat(run.shard(0).successCount()).isEqualTo(1);
        assertThat(run.shard(0).state()).isEqualTo(ShardState.SHARD_STATE_SUCCEEDED);
    }

    @Test
    void runSucceedsOnlyWhenAllShardsSucceeded() {
        Run run = run(3);
        AttemptId a0 = run.dispatch(0, "w1", 1);
        AttemptId a1 = run.dispatch(1, "w2", 1);
        AttemptId a2 = run.dispatch(2, "w1", 1);
        report(run, 0, a0, OK);
        report(run, 1, a1, OK);
        assertThat(run.state()).isEqualTo(RunState.RUN_STATE_RUNNING);
        assertThat(run.toRecord().getFinishedMillis()).isZero();
        report(run, 2, a2, OK);
        assertThat(run.state()).isEqualTo(RunState.RUN_STATE_SUCCEEDED);
        assertThat(run.isFinished()).isTrue();
        assertThat(run.toRecord().getFinishedMillis()).isEqualTo(NOW + 3);
    }

    @Test
    void runFailsWhenAllShardsAreFinalAndOneFailed() {
        Run run = run(3);
        AttemptId a0 = run.dispatch(0, "w1", 1);
        AttemptId a1 = run.dispatch(1, "w2", 1);
        AttemptId a2 = run.dispatch(2, "w1", 1);
        report(run, 1, a1, FAIL);
        assertThat(run.state()).as("other shards still active").isEqualTo(RunState.RUN_STATE_RUNNING);
        report(run, 0, a0, OK);
        report(run, 2, a2, OK);
        assertThat(run.state()).isEqualTo(RunState.RUN_STATE_FAILED);
        assertThat(run.shard(1).message()).isEqualTo(FAIL.name());
    }

    @Test
    void refusedOrCancelledAttemptReturnsTheShardToPendingWithoutFinishingTheRun() {
        Run run = run(2);
        AttemptId a0 = run.dispatch(0, "w1", 1);
        AttemptId a1 = run.dispatch(1, "w2", 1);
        assertThat(run.report(0, a0, ShardOutcome.SHARD_OUTCOME_REFUSED, "full", 0, 0, NOW))
                .isEqualTo(ReportVerdict.ACCEPTED);
        assertThat(run.report(1, a1, ShardOutcome.SHARD_OUTCOME_CANCELLED, "draining", 0, 0, NOW))
                .isEqualTo(ReportVerdict.ACCEPTED);
        assertThat(run.shards()).extracting(Shard::state).containsOnly(ShardState.SHARD_STATE_PENDING);
        assertThat(run.shard(0).message()).contains("REFUSED").contains("full");
        assertThat(run.state()).isEqualTo(RunState.RUN_STATE_RUNNING);
        assertThat(run.dispatch(0, "w2", 1)).isEqualTo(new AttemptId(1, 2));
    }

    @Test
    void reportForUnknownShardOrWithoutOutcomeIsUnknown() {
        Run run = run(1);
        AttemptId a = run.dispatch(0, "w1", 1);
        assertThat(report(run, 1, a, OK)).isEqualTo(ReportVerdict.UNKNOWN);
        assertThat(report(run, -1, a, OK)).isEqualTo(ReportVerdict.UNKNOWN);
        assertThat(report(run, 0, a, ShardOutcome.SHARD_OUTCOME_UNSPECIFIED)).isEqualTo(ReportVerdict.UNKNOWN);
        assertThat(run.shard(0).state()).isEqualTo(ShardState.SHARD_STATE_ASSIGNED);
    }

    @Test
    void loseAttemptOfAShardThatIsNotActiveDoesNothing() {
        Run run = run(2);
        AttemptId a = run.dispatch(1, "w1", 1);
        report(run, 1, a, OK);
        RunRecord before = run.toRecord();
        run.loseAttempt(0, "nothing to lose");
        run.loseAttempt(1, "already succeeded");
        assertThat(run.toRecord()).isEqualTo(before);
    }

    @Test
    void storedMessagesAreTruncated() {
        Run run = run(1);
        AttemptId a = run.dispatch(0, "w1", 1);
        run.report(0, a, OK, "x".repeat(5000), NOW, NOW, NOW);
        assertThat(run.shard(0).message()).hasSize(Run.MAX_MESSAGE_CHARS);
    }

    @Test
    void recordRoundTripKeepsEveryField() {
        Run run = Run.create("r@5", "r", 5, TriggerKind.TRIGGER_KIND_SCHEDULE, NOW, 7, "h", "job-param",
                List.of("p0", "p1", "p2"), 3);
        AttemptId a0 = run.dispatch(0, "w1", 7);
        run.dispatch(1, "w2", 7);
        report(run, 0, a0, OK);
        RunRecord record = run.toRecord();

        Run copy = Run.fromRecord(record);
        assertThat(copy.toRecord()).isEqualTo(record);
        assertThat(copy.id()).isEqualTo("r@5");
        assertThat(copy.handler()).isEqualTo("h");
        assertThat(copy.jobParameter()).isEqualTo("job-param");
        assertThat(copy.shardParameter(2)).isEqualTo("p2");
        assertThat(copy.fireTimeMillis()).isEqualTo(5);
        assertThat(copy.shard(0).successCount()).isEqualTo(1);
        assertThat(copy.shard(1).current()).isEqualTo(new AttemptId(7, 1));
        assertThat(copy.shard(1).workerId()).isEqualTo("w2");
        assertThat(record.getCreatedEpoch()).isEqualTo(7);
        assertThat(record.getTrigger()).isEqualTo(TriggerKind.TRIGGER_KIND_SCHEDULE);
    }

    @Test
    void finishedRunSurvivesTheRoundTripAsFinished() {
        Run run = run(1);
        report(run, 0, run.dispatch(0, "w1", 1), FAIL);
        Run copy = Run.fromRecord(run.toRecord());
        assertThat(copy.state()).isEqualTo(RunState.RUN_STATE_FAILED);
        assertThat(copy.isFinished()).isTrue();
    }

    @Test
    void adoptTakesOverANewerOrEqualAttemptAsRunning() {
        Run run = Run.fromRecord(run(2).toRecord());
        run.dispatch(0, "w1", 1);
        assertThat(run.adopt(0, new AttemptId(1, 1), "w1")).isTrue();
        assertThat(run.adopt(1, new AttemptId(1, 4), "w2")).as("never dispatched by us: a lost predecessor's").isTrue();
        assertThat(run.shard(1).state()).isEqualTo(ShardState.SHARD_STATE_RUNNING);
        assertThat(run.shard(1).current()).isEqualTo(new AttemptId(1, 4));
        assertThat(run.shard(1).workerId()).isEqualTo("w2");
        assertThat(run.adopt(0, new AttemptId(2, 1), "w3")).as("a later epoch supersedes").isTrue();
        assertThat(run.shard(0).workerId()).isEqualTo("w3");
    }

    @Test
    void adoptRefusesOlderAttemptsAndFinishedShards() {
        Run run = run(2);
        run.dispatch(0, "w1", 2);
        RunRecord before = run.toRecord();
        assertThat(run.adopt(0, new AttemptId(1, 9), "w2")).as("older epoch").isFalse();
        assertThat(run.adopt(0, new AttemptId(2, 0), "w2")).as("older attempt").isFalse();
        assertThat(run.toRecord()).isEqualTo(before);

        AttemptId a = run.dispatch(1, "w1", 2);
        report(run, 1, a, OK);
        assertThat(run.adopt(1, new AttemptId(3, 1), "w2")).as("succeeded shard").isFalse();
        assertThat(run.shard(1).successCount()).isEqualTo(1);
    }

    @Test
    void reportAfterAdoptionIsAcceptedForTheAdoptedAttemptOnly() {
        Run run = run(1);
        AttemptId mine = run.dispatch(0, "w1", 1);
        AttemptId adopted = new AttemptId(1, 5);
        run.adopt(0, adopted, "w2");
        assertThat(report(run, 0, mine, OK)).isEqualTo(ReportVerdict.STALE_ATTEMPT);
        assertThat(report(run, 0, adopted, OK)).isEqualTo(ReportVerdict.ACCEPTED);
        assertThat(run.shard(0).successCount()).isEqualTo(1);
    }

    @Test
    void dispatchableGivesAtMostTheLimitLowestIndexFirstAndSkipsShardsAlreadyOut() {
        Run run = run(6);
        assertThat(run.dispatchable(NOW, 2)).containsExactly(0, 1);
        run.dispatch(0, "w1", 1);
        run.dispatch(1, "w1", 1);
        run.dispatch(3, "w1", 1);

        assertThat(run.dispatchable(NOW, 10)).containsExactly(2, 4, 5);
        assertThat(run.dispatchable(NOW, 0)).isEmpty();
    }

    @Test
    void aShardWhoseAttemptWasLostOrFailedIsDispatchableAgainEvenBelowTheScannedPrefix() {
        Run run = run(3);
        AttemptId a0 = run.dispatch(0, "w1", 1);
        AttemptId a1 = run.dispatch(1, "w1", 1);
        run.dispatch(2, "w1", 1);
        assertThat(run.dispatchable(NOW, 10)).isEmpty();

        run.loseAttempt(1, "worker gone");
        assertThat(run.dispatchable(NOW, 10)).containsExactly(1);
        run.dispatch(1, "w2", 1);
        report(run, 0, a0, ShardOutcome.SHARD_OUTCOME_REFUSED);
        assertThat(run.dispatchable(NOW, 10)).containsExactly(0);
        assertThat(report(run, 1, a1, OK)).isEqualTo(ReportVerdict.STALE_ATTEMPT);
    }

    @Test
    void aShardWaitingForItsRetryBackoffIsNotDispatchableBeforeItsTime() {
        Run run = Run.create(RunRecord.newBuilder().setRunId("r@1").setJobName("r").setState(RunState.RUN_STATE_RUNNING)
                .setRetry(io.baton.proto.v1.RetryPolicy.newBuilder().setMaxAttempts(3)).build(), 2);
        AttemptId a0 = run.dispatch(0, "w1", 1);
        run.report(0, a0, FAIL, "boom", NOW, NOW, NOW, 500);

        assertThat(run.dispatchable(NOW + 499, 10)).containsExactly(1);
        assertThat(run.dispatchable(NOW + 500, 10)).containsExactly(0, 1);
    }

    @Test
    void aRunFinishesWhenItsLastShardEndsWhateverTheOrderAndFailsIfAnyShardFailed() {
        Run run = run(3);
        AttemptId a0 = run.dispatch(0, "w1", 1);
        AttemptId a1 = run.dispatch(1, "w1", 1);
        AttemptId a2 = run.dispatch(2, "w1", 1);
        report(run, 2, a2, OK);
        report(run, 1, a1, FAIL);
        assertThat(run.isFinished()).isFalse();

        report(run, 0, a0, OK);

        assertThat(run.state()).isEqualTo(RunState.RUN_STATE_FAILED);
        assertThat(run.dispatchable(NOW, 10)).isEmpty();
    }
}
