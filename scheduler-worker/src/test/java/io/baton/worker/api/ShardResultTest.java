package io.baton.worker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShardResultTest {

    @Test
    void messagesAreTruncatedTo4096Characters() {
        assertEquals(4096, ShardResult.succeeded("a".repeat(5000)).message().length());
        assertEquals("short", ShardResult.failed("short").message());
        assertEquals("", ShardResult.succeeded(null).message());
    }

    @Test
    void truncationNeverSplitsASurrogatePair() {
        String text = "a".repeat(4095) + "\uD83D\uDE00" + "tail";
        assertEquals(4095, ShardResult.truncate(text).length());
    }

    @Test
    void idempotencyKeyIsRunIdSlashShardIndex() {
        ShardContext ctx = new ShardContext() {
            @Override public String jobName() { return "j"; }
            @Override public String runId() { return "run-7"; }
            @Override public int shardIndex() { return 3; }
            @Override public int shardCount() { return 4; }
            @Override public String shardParameter() { return ""; }
            @Override public String jobParameter() { return ""; }
            @Override public int attempt() { return 2; }
            @Override public long assignEpoch() { return 9; }
            @Override public java.time.Instant fireTime() { return java.time.Instant.EPOCH; }
            @Override public boolean isCancelled() { return false; }
        };
        assertEquals("run-7/3", ctx.idempotencyKey());
    }
}
