package io.baton.server.coordinator;

/** What happened in one {@link SimulatedCluster} run, so a test can tell a run that exercised failures from a quiet one. */
final class SimulationStats {
    int leaderChanges;
    int crashes;
    long recoveredSuccesses;
    long staleReports;
    long firesDecidedAhead;

    @Override
    public String toString() {
        return leaderChanges + " leader changes, " + crashes + " crashes, " + staleReports + " stale reports, "
                + recoveredSuccesses + " successes accepted from hello outboxes, " + firesDecidedAhead + " fires decided ahead";
    }
}
