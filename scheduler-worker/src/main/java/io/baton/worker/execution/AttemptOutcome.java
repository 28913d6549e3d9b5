package io.baton.worker.execution;

import io.baton.proto.v1.ShardOutcome;
import io.baton.worker.api.ShardResult;

/**
 * The terminal outcome and message of an attempt whose handler ran, decided from how the handler ended and
 * what stopped it first (pure; the {@link ShardExecutor} reports it). Rules, in order:
 * <ol>
 *   <li>a timed-out attempt is TIMED_OUT, whatever the handler then returned or threw;</li>
 *   <li>a success is SUCCEEDED, even if a cancel raced with its end (the work is done);</li>
 *   <li>an {@link InterruptedException} is CANCELLED;</li>
 *   <li>a failure or exception is CANCELLED if the attempt was cancelled, otherwise FAILED.</li>
 * </ol>
 */
record AttemptOutcome(ShardOutcome outcome, String message) {

    /** The handler returned {@code result} (null counts as a failure). */
    static AttemptOutcome ofResult(ShardResult result, StopCause stop, long timeoutMillis) {
        if (stop == StopCause.TIMED_OUT) return timedOut(timeoutMillis);
        if (result == null) result = ShardResult.failed("handler returned no result");
        if (result.isSuccess()) return new AttemptOutcome(ShardOutcome.SHARD_OUTCOME_SUCCEEDED, result.message());
        return stop == StopCause.CANCELLED ? cancelled(result.message()) : failed(result.message());
    }

    /** The handler threw {@code thrown}. */
    static AttemptOutcome ofThrown(Throwable thrown, StopCause stop, long timeoutMillis) {
        if (stop == StopCause.TIMED_OUT) return timedOut(timeoutMillis);
        if (thrown instanceof InterruptedException || stop == StopCause.CANCELLED) return cancelled(messageOf(thrown));
        return failed(messageOf(thrown));
    }

    static AttemptOutcome timedOut(long timeoutMillis) {
        return new AttemptOutcome(ShardOutcome.SHARD_OUTCOME_TIMED_OUT, "timed out after " + timeoutMillis + " ms");
    }

    private static AttemptOutcome cancelled(String message) {
        return new AttemptOutcome(ShardOutcome.SHARD_OUTCOME_CANCELLED, message.isEmpty() ? "cancelled" : message);
    }

    private static AttemptOutcome failed(String message) {
        return new AttemptOutcome(ShardOutcome.SHARD_OUTCOME_FAILED, message);
    }

    private static String messageOf(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getName() : m;
    }
}
