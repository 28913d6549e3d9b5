package io.baton.server.coordinator;

import io.baton.proto.v1.HistoryPolicy;
import io.baton.server.store.HistoryRetention;
import java.util.HashMap;
import java.util.Map;

/**
 * Which jobs' histories to prune, so that a prune (a listing of the job's history, then deletes) is not paid
 * for every finished run. For each job it keeps an upper bound of the runs its history holds: what the last
 * prune left, plus every run committed to history since that prune was sent. A job is pruned when that bound
 * passes its {@code max_runs} by {@link HistoryRetention#slack}: half of {@code max_runs}, at least 1 (so with the default
 * 100 a job's history is listed once per 51 finished runs instead of every run, and holds at most 150 runs).
 * A job whose policy also has a {@code max_age}, or whose history this term has not listed yet, is pruned
 * at every finished run: its oldest run's age, or its count, is not known without a listing.
 *
 * <p>The bound never undercounts: a run committed while its job's prune is in flight is counted on top of what
 * that prune leaves, even when the prune's listing already saw it. Pure; owned by one term's coordinator.
 */
final class HistoryTally {
    /** Runs committed since the job's last prune was sent, and what that prune left (-1: not known yet). */
    private static final class Count {
        int left = -1;
        int since;
        boolean inFlight;
    }

    private final Map<String, Count> counts = new HashMap<>();

    /** A run of {@code job} was committed to history: whether its history is to be pruned now. */
    boolean finished(String job, HistoryPolicy policy) {
        Count c = counts.computeIfAbsent(job, j -> new Count());
        c.since++;
        if (c.inFlight) return false; // counted; looked at again when that prune is done
        return due(c, policy);
    }

    /** A prune of {@code job} was sent: runs committed from now on count on top of what it leaves. */
    void pruneSent(String job) {
        Count c = counts.computeIfAbsent(job, j -> new Count());
        c.since = 0;
        c.inFlight = true;
    }

    /**
     * The prune of {@code job} is done and left {@code left} runs in its history (-1: it failed, the count is not
     * known). Whether the job is to be pruned again at once (runs committed meanwhile took it past its bound).
     */
    boolean pruneDone(String job, int left, HistoryPolicy policy) {
        Count c = counts.get(job);
        if (c == null) return false;
        c.inFlight = false;
        c.left = left;
        return c.since > 0 && due(c, policy);
    }

    /** The job is gone: its history with it. */
    void forget(String job) {
        counts.remove(job);
    }

    /** The bound on {@code job}'s history, or -1 when not known (tests). */
    int bound(String job) {
        Count c = counts.get(job);
        return c == null || c.left < 0 ? -1 : c.left + c.since;
    }

    private static boolean due(Count c, HistoryPolicy policy) {
        if (c.left < 0 || policy.getMaxAgeMillis() > 0) return true;
        return c.left + c.since > HistoryRetention.mostHeld(policy);
    }
}
