package io.baton.server.run;

/** What can happen to a shard; the input of {@link ShardTransitions}. */
public enum ShardEvent {
    /** The leader sent an attempt to a worker. */
    DISPATCHED,
    /** The worker reported that the handler started. */
    STARTED,
    /** The worker reported success for the current attempt. */
    SUCCEEDED,
    /** The current attempt failed or timed out and no attempt is left: the shard fails. */
    FAILED,
    /** The current attempt failed or timed out and attempts are left: the shard waits for its retry. */
    RETRY,
    /** The run was cancelled: the shard ends wherever it was. */
    CANCELLED,
    /** The attempt is void: its worker was lost, refused it, or cancelled it while shutting down. */
    ATTEMPT_LOST
}
