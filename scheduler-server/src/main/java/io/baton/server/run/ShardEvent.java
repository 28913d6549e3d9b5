package io.baton.server.run;

/** What can happen to a shard; the input of {@link ShardTransitions}. */
public enum ShardEvent {
    /** The leader sent an attempt to a worker. */
    DISPATCHED,
    /** The worker reported that the handler started. */
    STARTED,
    /** The worker reported success for the current attempt. */
    SUCCEEDED,
    /** The worker reported failure for the current attempt. */
    FAILED,
    /** The attempt is void: its worker was lost, refused it, or cancelled it while shutting down. */
    ATTEMPT_LOST
}
