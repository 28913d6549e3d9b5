package io.baton.testing.demo;

import io.baton.proto.v1.LeaderInfo;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.ShardRecord;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Text the demo prints: a one-line status per refresh and, at the end, a table of shards. Pure string
 * building, so the layout is unit-tested; {@link io.baton.testing.DemoMain} decides when to print.
 */
public final class ProgressView {
    private static final int BAR_WIDTH = 16;

    private ProgressView() {}

    /**
     * E.g. {@code [  6.2s] leader s2 epoch 3 | workers 3 | ########.......  5/12 | pending 0 assigned 1 running 6 succeeded 5 failed 0}.
     */
    public static String statusLine(Duration elapsed, Optional<LeaderInfo> leader, int workers, ShardTally t) {
        String who = leader.filter(l -> !l.getNodeId().isEmpty())
                .map(l -> "leader " + l.getNodeId() + " epoch " + l.getEpoch()).orElse("leader ?");
        return String.format(Locale.ROOT, "[%5.1fs] %s | workers %d | %s %2d/%d | pending %d assigned %d running %d succeeded %d failed %d",
                elapsed.toMillis() / 1000.0, who, workers, bar(t), t.finished(), t.total(),
                t.pending(), t.assigned(), t.running(), t.succeeded(), t.failed());
    }

    /** Finished shards as '#', failed ones as 'x', the rest as '.'. */
    static String bar(ShardTally t) {
        if (t.total() == 0) return ".".repeat(BAR_WIDTH);
        int done = t.succeeded() * BAR_WIDTH / t.total();
        int failed = (t.succeeded() + t.failed()) * BAR_WIDTH / t.total() - done;
        return "#".repeat(done) + "x".repeat(failed) + ".".repeat(BAR_WIDTH - done - failed);
    }

    /** One row per shard: index, worker, attempt, epoch, state, duration, success count, message. */
    public static String shardTable(RunRecord run) {
        StringBuilder out = new StringBuilder();
        String format = "%5s  %-12s %7s %5s  %-9s %9s %7s  %s%n";
        out.append(String.format(Locale.ROOT, format, "shard", "worker", "attempt", "epoch", "state", "duration", "success", "message"));
        for (ShardRecord s : run.getShardsList()) {
            out.append(String.format(Locale.ROOT, format, s.getIndex(), s.getWorkerId().isEmpty() ? "-" : s.getWorkerId(),
                    s.getAttempt(), s.getAssignEpoch(), stateName(s), duration(s), s.getSuccessCount(), shorten(s.getMessage(), 40)));
        }
        return out.toString();
    }

    static String stateName(ShardRecord s) {
        return s.getState().name().replace("SHARD_STATE_", "");
    }

    static String duration(ShardRecord s) {
        if (s.getStartedMillis() <= 0 || s.getFinishedMillis() < s.getStartedMillis()) return "-";
        return (s.getFinishedMillis() - s.getStartedMillis()) + " ms";
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
