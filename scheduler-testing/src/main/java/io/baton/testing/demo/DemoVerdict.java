package io.baton.testing.demo;

import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardRecord;
import io.baton.proto.v1.ShardState;
import java.util.List;

/**
 * The outcome of a demo run as an exit status and a one-line message: success only when the run
 * SUCCEEDED and every shard's success was accepted exactly once (success_count == 1).
 */
public record DemoVerdict(int exitCode, String message) {
    public static final int OK = 0;
    public static final int RUN_FAILED = 1;
    public static final int TIMED_OUT = 3;
    public static final int UNREACHABLE = 4;

    public boolean ok() {
        return exitCode == OK;
    }

    /** Judges a finished run. */
    public static DemoVerdict of(RunRecord run) {
        List<ShardRecord> shards = run.getShardsList();
        if (run.getState() == RunState.RUN_STATE_FAILED) {
            List<String> failed = shards.stream().filter(s -> s.getState() == ShardState.SHARD_STATE_FAILED)
                    .map(s -> "shard " + s.getIndex() + " on " + s.getWorkerId() + ": " + s.getMessage()).toList();
            return new DemoVerdict(RUN_FAILED, "run " + run.getRunId() + " FAILED; " + failed.size() + " shard(s) failed: "
                    + String.join("; ", failed.subList(0, Math.min(3, failed.size()))) + (failed.size() > 3 ? "; ..." : ""));
        }
        if (run.getState() != RunState.RUN_STATE_SUCCEEDED) {
            return new DemoVerdict(RUN_FAILED, "run " + run.getRunId() + " ended in unexpected state " + run.getState());
        }
        List<String> notOnce = shards.stream()
                .filter(s -> s.getState() != ShardState.SHARD_STATE_SUCCEEDED || s.getSuccessCount() != 1)
                .map(s -> "shard " + s.getIndex() + " state " + s.getState() + " success_count " + s.getSuccessCount()).toList();
        if (!notOnce.isEmpty()) {
            return new DemoVerdict(RUN_FAILED, "run " + run.getRunId() + " SUCCEEDED but not every shard succeeded exactly once: "
                    + String.join("; ", notOnce));
        }
        long retried = shards.stream().filter(s -> s.getAttempt() > 1).count();
        return new DemoVerdict(OK, "run " + run.getRunId() + " SUCCEEDED: all " + shards.size()
                + " shards succeeded exactly once" + (retried > 0 ? " (" + retried + " after a retry)" : ""));
    }

    public static DemoVerdict timedOut(String runId, long seconds, ShardTally lastSeen) {
        return new DemoVerdict(TIMED_OUT, "run " + runId + " did not finish within " + seconds + " s (last seen: "
                + lastSeen.succeeded() + "/" + lastSeen.total() + " succeeded, " + lastSeen.failed() + " failed)");
    }

    public static DemoVerdict unreachable(String zk, String namespace, String problem) {
        return new DemoVerdict(UNREACHABLE, "cannot reach a Baton cluster through ZooKeeper " + zk + " (namespace "
                + namespace + "): " + problem);
    }
}
