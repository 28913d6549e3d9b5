package io.baton.testing.demo;

import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.ShardRecord;

/** How many shards of a run are in each state; what the demo's status line shows. */
public record ShardTally(int pending, int assigned, int running, int succeeded, int failed) {

    public static ShardTally of(RunRecord run) {
        int pending = 0, assigned = 0, running = 0, succeeded = 0, failed = 0;
        for (ShardRecord s : run.getShardsList()) {
            switch (s.getState()) {
                case SHARD_STATE_ASSIGNED -> assigned++;
                case SHARD_STATE_RUNNING -> running++;
                case SHARD_STATE_SUCCEEDED -> succeeded++;
                case SHARD_STATE_FAILED -> failed++;
                default -> pending++;
            }
        }
        return new ShardTally(pending, assigned, running, succeeded, failed);
    }

    public int total() {
        return pending + assigned + running + succeeded + failed;
    }

    public int finished() {
        return succeeded + failed;
    }
}
