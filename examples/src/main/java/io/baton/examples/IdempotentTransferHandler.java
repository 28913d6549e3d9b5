package io.baton.examples;

import io.baton.worker.api.ShardContext;
import io.baton.worker.api.ShardHandler;
import io.baton.worker.api.ShardResult;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a handler lives with Baton's contract — a shard runs <b>at least once</b> (again after a worker or
 * leader failover, or a retry), its result is accepted <b>exactly once</b> — by making its side effect
 * idempotent with {@link ShardContext#idempotencyKey()}, which is the same for every attempt of a shard of a
 * run.
 *
 * <p>The side effect here is a money transfer into a {@link Ledger}: the ledger records the key with the
 * transfer in one atomic step and refuses a second transfer under the same key, so a second attempt of the
 * shard (the first one's worker died after transferring but before its result reached the leader) finds the
 * transfer done and reports success without paying twice. With a database the same idea is a unique
 * constraint on the key, or an upsert keyed by it, in the transaction that does the work.
 */
public final class IdempotentTransferHandler implements ShardHandler {
    public static final String NAME = "example.transfer";

    /** The external system the shard changes; {@code apply} is atomic per key (e.g. a unique index). */
    public interface Ledger {
        /** Applies the transfer unless one with this key exists; true when this call applied it. */
        boolean applyOnce(String idempotencyKey, String account, long cents);
    }

    /** A ledger in memory, for the example and its test. */
    public static final class InMemoryLedger implements Ledger {
        private final Map<String, Long> applied = new ConcurrentHashMap<>();
        private final Map<String, Long> balances = new ConcurrentHashMap<>();

        @Override
        public boolean applyOnce(String idempotencyKey, String account, long cents) {
            if (applied.putIfAbsent(idempotencyKey, cents) != null) return false;
            balances.merge(account, cents, Long::sum);
            return true;
        }

        public long balance(String account) {
            return balances.getOrDefault(account, 0L);
        }
    }

    private final Ledger ledger;

    public IdempotentTransferHandler(Ledger ledger) {
        this.ledger = ledger;
    }

    /** Shard parameter: {@code account:cents}, e.g. {@code acct-7:2500}. */
    @Override
    public ShardResult execute(ShardContext ctx) {
        String[] parts = ctx.shardParameter().split(":", 2);
        if (parts.length != 2) return ShardResult.failed("shard parameter must be account:cents, was '" + ctx.shardParameter() + "'");
        long cents = Long.parseLong(parts[1]);
        boolean applied = ledger.applyOnce(ctx.idempotencyKey(), parts[0], cents);
        return ShardResult.succeeded((applied ? "transferred " : "already transferred ") + cents + " to " + parts[0]
                + " (attempt " + ctx.attempt() + ")");
    }
}
