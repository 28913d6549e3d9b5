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

    public long dispatched() { return dispatched; }
    public long acceptedSuccesses() { return acceptedSuccesses; }
    public long acceptedFailures() { return acceptedFailures; }
    public long staleReports() { return staleReports; }
    public long attemptsLost() { return attemptsLost; }
    public long adopted() { return adopted; }
    public long runsCreated() { return runsCreated; }
    public long runsFinished() { return runsFinished; }
}
