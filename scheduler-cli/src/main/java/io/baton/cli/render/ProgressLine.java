package io.baton.cli.render;

import io.baton.proto.v1.RunRecord;

/**
 * The one-line progress of a run that {@code job trigger --wait} redraws:
 * {@code nightly@1714532400000 RUNNING [#####x..............] 5 succeeded, 1 failed, 2 running, 4 pending of 12}.
 * '#' is a succeeded shard, 'x' a failed or cancelled one, '>' a running one, '.' a pending one.
 */
public final class ProgressLine {
    static final int BAR_WIDTH = 20;

    private ProgressLine() {}

    public static String of(RunRecord run) {
        ShardTally t = ShardTally.of(run);
        return run.getRunId() + " " + Names.of(run.getState()) + " " + bar(t) + " " + t.summary();
    }

    static String bar(ShardTally t) {
        if (t.total() == 0) return "[" + ".".repeat(BAR_WIDTH) + "]";
        int ok = cells(t.succeeded(), t.total());
        int bad = cells(t.succeeded() + t.failed() + t.cancelled(), t.total()) - ok;
        int running = cells(t.succeeded() + t.failed() + t.cancelled() + t.running(), t.total()) - ok - bad;
        return "[" + "#".repeat(ok) + "x".repeat(bad) + ">".repeat(running) + ".".repeat(BAR_WIDTH - ok - bad - running) + "]";
    }

    /** Cells of the bar for {@code count} of {@code total} shards, cumulative so the bar always adds up. */
    private static int cells(int count, int total) {
        return count * BAR_WIDTH / total;
    }
}
