package io.baton.testing.demo;

import static io.baton.testing.demo.DemoVerdictTest.run;
import static io.baton.testing.demo.DemoVerdictTest.shard;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.LeaderInfo;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardState;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProgressViewTest {
    private final RunRecord halfDone = run(RunState.RUN_STATE_RUNNING,
            shard(0, ShardState.SHARD_STATE_SUCCEEDED, 1, 1), shard(1, ShardState.SHARD_STATE_RUNNING, 1, 0),
            shard(2, ShardState.SHARD_STATE_ASSIGNED, 1, 0), shard(3, ShardState.SHARD_STATE_PENDING, 0, 0));

    @Test
    void talliesShardsByState() {
        assertThat(ShardTally.of(halfDone)).isEqualTo(new ShardTally(1, 1, 1, 1, 0));
    }

    @Test
    void statusLineShowsLeaderEpochAndCounts() {
        String line = ProgressView.statusLine(Duration.ofMillis(6200),
                Optional.of(LeaderInfo.newBuilder().setNodeId("s2").setEpoch(3).build()), 3, ShardTally.of(halfDone));

        assertThat(line).startsWith("[  6.2s] leader s2 epoch 3 | workers 3 |")
                .contains(" 1/4 ").endsWith("pending 1 assigned 1 running 1 succeeded 1 failed 0");
    }

    @Test
    void statusLineWithoutLeaderSaysSo() {
        assertThat(ProgressView.statusLine(Duration.ZERO, Optional.empty(), 0, ShardTally.of(halfDone))).contains("leader ?");
    }

    @Test
    void barFillsWithSucceededThenFailedShards() {
        assertThat(ProgressView.bar(new ShardTally(0, 0, 2, 1, 1))).isEqualTo("####xxxx" + ".".repeat(8));
        assertThat(ProgressView.bar(new ShardTally(0, 0, 0, 0, 0))).hasSize(16);
    }

    @Test
    void shardTableHasOneRowPerShardWithWorkerAttemptStateAndDuration() {
        String table = ProgressView.shardTable(halfDone);

        assertThat(table.lines()).hasSize(5);
        assertThat(table.lines().skip(1).findFirst().orElseThrow())
                .contains("w1").contains("SUCCEEDED").contains("1500 ms").contains("slept 1500 ms");
    }
}
