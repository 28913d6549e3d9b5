package io.baton.cli.render;

import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.ShardRecord;

/**
 * How many shards of a run are in each phase: {@code running} counts assigned and running shards,
 * {@code pending} those waiting for a worker (or a retry).
 */
public record ShardTally(int succeeded, int failed, int cancelled, int running, int pending, int total) {

    public static ShardTally of(RunRecord run) {
        int succeeded = 0, failed = 0, cancelled = 0, running = 0, pending = 0;
        for (ShardRecord s : run.getShardsList()) {
            switch (s.getState()) {
                case SHARD_STATE_SUCCEEDED -> succeeded++;
                case SHARD_STATE_FAILED -> failed++;
                case SHARD_STATE_CANCELLED -> cancelled++;
                case SHARD_STATE_ASSIGNED, SHARD_STATE_RUNNING -> running++;
                default -> pending++;
            }
        }
        return new ShardTally(succeeded, failed, cancelled, running, pending, run.getShardsCount());
    }

    /** E.g. {@code 8 succeeded, 1 failed, 2 running, 1 pending of 12} (cancelled only when there are some). */
    public String summary() {
        return succeeded + " succeeded, " + failed + " failed, " + (cancelled > 0 ? cancelled + " cancelled, " : "")
                + running + " running, " + pending + " pending of " + total;
    }
}
