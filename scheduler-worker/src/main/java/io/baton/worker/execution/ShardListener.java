package io.baton.worker.execution;

import io.baton.proto.v1.ShardReport;

/**
 * Receives the reports of the attempts a {@link ShardExecutor} runs. Called on shard threads (or on the
 * submitting thread for a refusal): implementations hand the report to their owner and return.
 */
public interface ShardListener {

    /** The handler is about to run (outcome STARTED). */
    void onStarted(ShardReport report);

    /** The attempt ended: SUCCEEDED, FAILED, CANCELLED, TIMED_OUT or REFUSED. Called exactly once per submission. */
    void onFinished(ShardReport report);
}
