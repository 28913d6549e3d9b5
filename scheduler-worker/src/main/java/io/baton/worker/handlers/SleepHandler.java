package io.baton.worker.handlers;

import io.baton.worker.api.ShardContext;
import io.baton.worker.api.ShardHandler;
import io.baton.worker.api.ShardResult;
import java.util.concurrent.TimeUnit;

/**
 * {@code demo.sleep}: sleeps for the shard parameter in milliseconds (or the job parameter when the shard's
 * is empty; 1000 when both are), in short steps so a cancel stops it quickly. Output: {@code slept 800 ms}.
 */
public final class SleepHandler implements ShardHandler {
    public static final String NAME = "demo.sleep";
    static final long DEFAULT_MILLIS = 1000;
    private static final long STEP_MILLIS = 20;

    @Override
    public ShardResult execute(ShardContext ctx) throws InterruptedException {
        long millis = durationOf(ctx);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            if (ctx.isCancelled()) {
                return ShardResult.failed("cancelled after " + (millis - TimeUnit.NANOSECONDS.toMillis(left)) + " of " + millis + " ms");
            }
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(STEP_MILLIS)));
        }
        return ShardResult.succeeded("slept " + millis + " ms");
    }

    static long durationOf(ShardContext ctx) {
        String text = !ctx.shardParameter().isBlank() ? ctx.shardParameter() : ctx.jobParameter();
        if (text.isBlank()) return DEFAULT_MILLIS;
        try {
            long millis = Long.parseLong(text.trim());
            if (millis >= 0) return millis;
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("invalid sleep duration '" + text + "': expected milliseconds >= 0");
    }
}
