package io.baton.testing.chaos.check;

import static io.baton.testing.chaos.check.Evidence.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.MisfirePolicy;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardState;
import io.baton.testing.chaos.FaultKind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShardLedgerCheckTest {
    private static final String RUN = "c@" + T0;

    private static Evidence oneRun() {
        return new Evidence().job(Evidence.cron("c", MisfirePolicy.MISFIRE_POLICY_FIRE_ALL_MISSED));
    }

    /** Attempt 1 on w1 died with its worker at T0+100; attempt 2 on w2 succeeded and was accepted. */
    private static Evidence retriedAfterWorkerLoss() {
        Evidence ev = oneRun();
        ev.runs.add(Evidence.record(RUN, "c", T0, T0, RunState.RUN_STATE_SUCCEEDED,
                Evidence.shard(0, ShardState.SHARD_STATE_SUCCEEDED, 2, 1, "w2", 1)));
        ev.execution("w1", RUN, T0, 0, 1, 1, T0 + 10, 0, null);
        ev.execution("w2", RUN, T0, 0, 2, 1, T0 + 600, T0 + 700, "SUCCEEDED");
        return ev;
    }

    @Test
    void anAcceptedResultBackedByTheJournalPasses() {
        ShardLedgerCheck.Result r = ShardLedgerCheck.check(oneRun().run("c", T0, T0, "w1", 1, 1).build());

        assertThat(r.violations()).isEmpty();
        assertThat(r.executions()).isEqualTo(1);
        assertThat(r.extraExecutions()).isZero();
    }

    @Test
    void anExtraExecutionIsAttributedToTheFaultInProgress() {
        Evidence ev = retriedAfterWorkerLoss().fault(FaultKind.WORKER_KILL, "w1", T0 + 100, T0 + 3000, 1);

        ShardLedgerCheck.Result r = ShardLedgerCheck.check(ev.build());

        assertThat(r.violations()).isEmpty();
        assertThat(r.extraExecutions()).isEqualTo(1);
        assertThat(r.extrasByFault()).isEqualTo(Map.of(FaultKind.WORKER_KILL, 1L));
    }

    @Test
    void anExtraExecutionWithoutAFaultIsAViolation() {
        ShardLedgerCheck.Result r = ShardLedgerCheck.check(retriedAfterWorkerLoss().build());

        assertThat(r.violations()).singleElement().asString().contains("no fault in progress");
    }

    @Test
    void anAcceptedResultThatNoWorkerJournaledIsAViolation() {
        Evidence ev = oneRun();
        ev.runs.add(Evidence.record(RUN, "c", T0, T0, RunState.RUN_STATE_SUCCEEDED,
                Evidence.shard(0, ShardState.SHARD_STATE_SUCCEEDED, 1, 1, "w1", 1)));
        ev.execution("w1", RUN, T0, 0, 1, 1, T0 + 10, T0 + 20, "FAILED");

        assertThat(ShardLedgerCheck.check(ev.build()).violations()).singleElement().asString()
                .contains("no successful execution in that worker's journal");
    }

    @Test
    void acceptingASupersededAttemptIsAViolation() {
        Evidence ev = oneRun().fault(FaultKind.WORKER_STOP, "w1", T0 + 100, T0 + 3000, 1);
        ev.runs.add(Evidence.record(RUN, "c", T0, T0, RunState.RUN_STATE_SUCCEEDED,
                Evidence.shard(0, ShardState.SHARD_STATE_SUCCEEDED, 1, 1, "w1", 1)));
        ev.execution("w1", RUN, T0, 0, 1, 1, T0 + 10, T0 + 3100, "SUCCEEDED");
        ev.execution("w2", RUN, T0, 0, 2, 1, T0 + 600, T0 + 700, "SUCCEEDED");

        assertThat(ShardLedgerCheck.check(ev.build()).violations()).singleElement().asString()
                .contains("a superseded result was applied");
    }

    @Test
    void theSameAttemptExecutedTwiceIsAViolation() {
        Evidence ev = oneRun().run("c", T0, T0, "w1", 1, 1).fault(FaultKind.LEADER_KILL, "s1", T0, T0 + 100, 1);
        ev.execution("w2", RUN, T0, 0, 1, 2, T0 + 15, T0 + 25, "SUCCEEDED");

        assertThat(ShardLedgerCheck.check(ev.build()).violations()).anyMatch(v -> v.contains("executed more than once"));
    }

    @Test
    void aRunThatDidNotSucceedAndAShardCountedTwiceAreViolations() {
        Evidence ev = oneRun();
        ev.runs.add(Evidence.record(RUN, "c", T0, T0, RunState.RUN_STATE_FAILED,
                Evidence.shard(0, ShardState.SHARD_STATE_FAILED, 1, 1, "w1", 0),
                Evidence.shard(1, ShardState.SHARD_STATE_SUCCEEDED, 1, 1, "w1", 2)));
        ev.execution("w1", RUN, T0, 1, 1, 1, T0 + 10, T0 + 20, "SUCCEEDED");

        assertThat(ShardLedgerCheck.check(ev.build()).violations())
                .anyMatch(v -> v.contains("ended RUN_STATE_FAILED") && v.contains("shard 0 SHARD_STATE_FAILED"))
                .anyMatch(v -> v.contains("counted as succeeded 2 times"));
    }
}
