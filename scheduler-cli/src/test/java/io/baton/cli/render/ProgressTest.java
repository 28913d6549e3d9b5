package io.baton.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardRecord;
import io.baton.proto.v1.ShardState;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static RunRecord run(RunState state, ShardState... shards) {
        RunRecord.Builder b = RunRecord.newBuilder().setRunId("j@1").setState(state);
        for (int i = 0; i < shards.length; i++) b.addShards(ShardRecord.newBuilder().setIndex(i).setState(shards[i]));
        return b.build();
    }

    @Test
    void tallyCountsAssignedAsRunningAndCancelledSeparately() {
        ShardTally t = ShardTally.of(run(RunState.RUN_STATE_RUNNING, ShardState.SHARD_STATE_SUCCEEDED, ShardState.SHARD_STATE_ASSIGNED,
                ShardState.SHARD_STATE_RUNNING, ShardState.SHARD_STATE_PENDING, ShardState.SHARD_STATE_CANCELLED, ShardState.SHARD_STATE_FAILED));
        assertThat(t).isEqualTo(new ShardTally(1, 1, 1, 2, 1, 6));
        assertThat(t.summary()).isEqualTo("1 succeeded, 1 failed, 1 cancelled, 2 running, 1 pending of 6");
    }

    @Test
    void theLineShowsStateBarAndCounts() {
        RunRecord r = run(RunState.RUN_STATE_RUNNING, ShardState.SHARD_STATE_SUCCEEDED, ShardState.SHARD_STATE_FAILED,
                ShardState.SHARD_STATE_RUNNING, ShardState.SHARD_STATE_PENDING);
        assertThat(ProgressLine.of(r)).isEqualTo("j@1 RUNNING [#####xxxxx>>>>>.....] 1 succeeded, 1 failed, 1 running, 1 pending of 4");
        assertThat(ProgressLine.of(run(RunState.RUN_STATE_QUEUED))).isEqualTo("j@1 QUEUED [....................] 0 succeeded, 0 failed, 0 running, 0 pending of 0");
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAndWipesALongerPreviousOne() {
        StringWriter text = new StringWriter();
        ProgressPrinter p = new ProgressPrinter(new PrintWriter(text), true);
        RunRecord first = run(RunState.RUN_STATE_RUNNING, ShardState.SHARD_STATE_CANCELLED, ShardState.SHARD_STATE_RUNNING);
        RunRecord second = run(RunState.RUN_STATE_RUNNING, ShardState.SHARD_STATE_SUCCEEDED, ShardState.SHARD_STATE_RUNNING);
        p.update(first);
        p.update(first);
        p.update(second);
        p.finish();
        String l1 = ProgressLine.of(first), l2 = ProgressLine.of(second);
        assertThat(l1.length()).isGreaterThan(l2.length());
        assertThat(text.toString()).isEqualTo("\r" + l1 + "\r" + l2 + " ".repeat(l1.length() - l2.length()) + System.lineSeparator());
    }

    @Test
    void elsewhereEachChangeIsOneLine() {
        StringWriter text = new StringWriter();
        ProgressPrinter p = new ProgressPrinter(new PrintWriter(text), false);
        RunRecord a = run(RunState.RUN_STATE_RUNNING, ShardState.SHARD_STATE_PENDING);
        RunRecord b = run(RunState.RUN_STATE_SUCCEEDED, ShardState.SHARD_STATE_SUCCEEDED);
        p.update(a);
        p.update(a);
        p.update(b);
        p.finish();
        assertThat(text.toString().lines()).containsExactly(ProgressLine.of(a), ProgressLine.of(b));
        assertThat(text.toString()).doesNotContain("\r");
    }
}
