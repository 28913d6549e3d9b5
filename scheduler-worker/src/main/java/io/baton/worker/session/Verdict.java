package io.baton.worker.session;

/** What {@link LeaderSession} decided about one message from a leader. */
public enum Verdict {
    /** Apply it: run the assignment, cancel the attempt, forget the acknowledged reports. */
    ACCEPTED,
    /** Its epoch is lower than the highest seen: dropped and counted. */
    STALE,
    /** An assignment of an attempt already running or finished: a re-delivery, ignored. */
    DUPLICATE,
    /** Valid but nothing to do (cancel of an attempt that is not running). */
    IGNORED
}
