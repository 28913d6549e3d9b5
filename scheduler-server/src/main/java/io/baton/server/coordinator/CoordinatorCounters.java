package io.baton.server.coordinator;

/** Plain counters of what the coordinator decided; read by metrics and tests. Single-threaded owner. */
public final class CoordinatorCounters {
    long dispatched;
    long acceptedSuccesses;
    long acceptedFailures;
    long staleReports;
    long attemptsLost;
    long adopted;
    long runsCreated;
    long runsFinished;
    long retriesScheduled;
    long attemptsTimedOut;
    long firesSkipped;
    long misfires;
    long firesDecidedAhead;
    long runsQueued;
    long runsCancelled;

    public long dispatched() { return dispatched; }
    public long acceptedSuccesses() { return acceptedSuccesses; }
    public long acceptedFailures() { return acceptedFailures; }
    public long staleReports() { return staleReports; }
    public long attemptsLost() { return attemptsLost; }
    public long adopted() { return adopted; }
    public long runsCreated() { return runsCreated; }
    public long runsFinished() { return runsFinished; }
    /** Failed or timed-out attempts that will be retried after a backoff. */
    public long retriesScheduled() { return retriesScheduled; }
    /** Attempts the leader timed out itself (no report within timeout plus grace). */
    public long attemptsTimedOut() { return attemptsTimedOut; }
    /** Fires that made no run (concurrency SKIP, full queue, misfire SKIP). */
    public long firesSkipped() { return firesSkipped; }
    /** Due fires decided by a misfire policy. */
    public long misfires() { return misfires; }
    /** Scheduled fires decided (their runs stored) before their time, within the term's fire lead. */
    public long firesDecidedAhead() { return firesDecidedAhead; }
    public long runsQueued() { return runsQueued; }
    public long runsCancelled() { return runsCancelled; }
}
