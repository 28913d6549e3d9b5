package io.baton.testing.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardRecord;
import io.baton.proto.v1.ShardState;
import org.junit.jupiter.api.Test;

class DemoVerdictTest {
    static ShardRecord shard(int index, ShardState state, int attempt, int successes) {
        return ShardRecord.newBuilder().setIndex(index).setState(state).setAttempt(attempt).setAssignEpoch(1)
                .setWorkerId("w" + (index % 3 + 1)).setSuccessCount(successes).setStartedMillis(1000).setFinishedMillis(2500)
                .setMessage(state == ShardState.SHARD_STATE_FAILED ? "boom" : "slept 1500 ms").build();
    }

    static RunRecord run(RunState state, ShardRecord... shards) {
        return RunRecord.newBuilder().setRunId("demo@1").setJobName("demo").setState(state).addAllShards(java.util.List.of(shards)).build();
    }

    @Test
    void succeedsWhenEveryShardSucceededExactlyOnce() {
        DemoVerdict v = DemoVerdict.of(run(RunState.RUN_STATE_SUCCEEDED,
                shard(0, ShardState.SHARD_STATE_SUCCEEDED, 1, 1), shard(1, ShardState.SHARD_STATE_SUCCEEDED, 2, 1)));

        assertThat(v.exitCode()).isEqualTo(DemoVerdict.OK);
        assertThat(v.message()).contains("all 2 shards succeeded exactly once").contains("1 after a retry");
    }

    @Test
    void failsWhenASuccessWasCountedTwice() {
        DemoVerdict v = DemoVerdict.of(run(RunState.RUN_STATE_SUCCEEDED,
                shard(0, ShardState.SHARD_STATE_SUCCEEDED, 1, 1), shard(1, ShardState.SHARD_STATE_SUCCEEDED, 1, 2)));

        assertThat(v.exitCode()).isEqualTo(DemoVerdict.RUN_FAILED);
        assertThat(v.message()).contains("shard 1").contains("success_count 2");
    }

    @Test
    void failsWithTheFailedShardsWhenTheRunFailed() {
        DemoVerdict v = DemoVerdict.of(run(RunState.RUN_STATE_FAILED,
                shard(0, ShardState.SHARD_STATE_SUCCEEDED, 1, 1), shard(1, ShardState.SHARD_STATE_FAILED, 3, 0)));

        assertThat(v.exitCode()).isEqualTo(DemoVerdict.RUN_FAILED);
        assertThat(v.message()).contains("FAILED").contains("shard 1 on w2: boom");
    }

    @Test
    void timeoutAndUnreachableHaveTheirOwnStatus() {
        assertThat(DemoVerdict.timedOut("demo@1", 30, new ShardTally(0, 0, 2, 10, 0)).exitCode()).isEqualTo(DemoVerdict.TIMED_OUT);
        assertThat(DemoVerdict.unreachable("127.0.0.1:1", "baton", "no leader").message())
                .contains("127.0.0.1:1").contains("no leader");
    }
}
