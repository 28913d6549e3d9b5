package io.baton.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.worker.api.ShardContext;
import io.baton.worker.api.ShardResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdempotentTransferHandlerTest {
    /** One attempt of one shard, as a worker would hand it to the handler. */
    private record Attempt(String runId, int shardIndex, String shardParameter, int attempt) implements ShardContext {
        @Override public String jobName() { return "payouts"; }
        @Override public int shardCount() { return 2; }
        @Override public String jobParameter() { return ""; }
        @Override public long assignEpoch() { return attempt; }
        @Override public Instant fireTime() { return Instant.EPOCH; }
        @Override public boolean isCancelled() { return false; }
    }

    @Test
    void aSecondAttemptOfTheSameShardDoesNotPayTwice() throws Exception {
        IdempotentTransferHandler.InMemoryLedger ledger = new IdempotentTransferHandler.InMemoryLedger();
        IdempotentTransferHandler handler = new IdempotentTransferHandler(ledger);

        ShardResult first = handler.execute(new Attempt("payouts@1", 0, "acct-7:2500", 1));
        // the first worker died before its result was accepted; the leader ran the shard again elsewhere
        ShardResult second = handler.execute(new Attempt("payouts@1", 0, "acct-7:2500", 2));
        handler.execute(new Attempt("payouts@1", 1, "acct-7:100", 1));
        handler.execute(new Attempt("payouts@2", 0, "acct-7:2500", 1));

        assertThat(first.message()).startsWith("transferred 2500");
        assertThat(second.isSuccess()).isTrue();
        assertThat(second.message()).startsWith("already transferred 2500");
        assertThat(ledger.balance("acct-7")).as("once per (run, shard)").isEqualTo(2500 + 100 + 2500);
    }
}
