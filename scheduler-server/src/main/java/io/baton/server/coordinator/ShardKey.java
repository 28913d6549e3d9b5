package io.baton.server.coordinator;

/** A shard of a run, independent of attempt. */
public record ShardKey(String runId, int shardIndex) {
    @Override
    public String toString() {
        return runId + "#" + shardIndex;
    }
}
