package io.baton.server.store;

import io.baton.common.job.JobDefaults;
import io.baton.proto.v1.HistoryPolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Decides which finished runs of one job leave {@code /history/{job}}: it keeps the newest
 * {@code max_runs} by fire time (0 means {@link #DEFAULT_MAX_RUNS}) and of those drops every run fired
 * before {@code now - max_age_millis} (0 means no age limit). Pure; {@link RunStore#prune} lists and deletes.
 */
public final class HistoryRetention {
    /** What {@code max_runs = 0} (unset) means: the job default the SDK and CLI show. */
    static final int DEFAULT_MAX_RUNS = JobDefaults.HISTORY_MAX_RUNS;

    /** One stored finished run: its id and fire time. */
    record Stored(String runId, long fireMillis) {}

    /** Newest first; among runs of the same fire time the larger id counts as newer, so the order is total. */
    private static final Comparator<Stored> NEWEST_FIRST = Comparator.comparingLong(Stored::fireMillis)
            .thenComparing(Stored::runId).reversed();

    private HistoryRetention() {}

    /** The runs of {@code stored} to delete under {@code policy} at {@code nowMillis}, oldest first. */
    static List<Stored> toDelete(List<Stored> stored, HistoryPolicy policy, long nowMillis) {
        return toDelete(stored, maxRuns(policy), policy.getMaxAgeMillis(), nowMillis);
    }

    /**
     * As {@link #toDelete(List, HistoryPolicy, long)} with the limits given directly: {@code maxRuns} at
     * least 1, {@code maxAgeMillis} 0 or less for no age limit.
     */
    static List<Stored> toDelete(List<Stored> stored, int maxRuns, long maxAgeMillis, long nowMillis) {
        if (maxRuns < 1) throw new IllegalArgumentException("maxRuns must be at least 1: " + maxRuns);
        long oldestKept = maxAgeMillis > 0 ? cutoff(nowMillis, maxAgeMillis) : Long.MIN_VALUE;
        List<Stored> newestFirst = new ArrayList<>(stored);
        newestFirst.sort(NEWEST_FIRST);
        List<Stored> doomed = new ArrayList<>();
        for (int i = 0; i < newestFirst.size(); i++) {
            Stored s = newestFirst.get(i);
            if (i >= maxRuns || s.fireMillis() < oldestKept) doomed.add(s);
        }
        Collections.reverse(doomed);
        return doomed;
    }

    /** {@code max_runs} with the default applied; a negative value (rejected by validation) also means the default. */
    public static int maxRuns(HistoryPolicy policy) {
        return policy.getMaxRuns() > 0 ? policy.getMaxRuns() : DEFAULT_MAX_RUNS;
    }

    /**
     * How far past {@code max_runs} a job's history may grow before the leader prunes it: half of
     * {@code max_runs}, at least 1 (see {@code HistoryTally}). So a history holds at most
     * {@link #mostHeld} finished runs (without an age limit), and is listed once per {@code slack + 1} finished
     * runs instead of at every one.
     */
    public static int slack(int maxRuns) {
        return Math.max(1, maxRuns / 2);
    }

    /** The most finished runs a job's history holds between prunes: its {@code max_runs} plus the slack. */
    public static int mostHeld(HistoryPolicy policy) {
        int max = maxRuns(policy);
        return max + slack(max);
    }

    private static long cutoff(long nowMillis, long maxAgeMillis) {
        long c = nowMillis - maxAgeMillis;
        return c > nowMillis ? Long.MIN_VALUE : c; // underflow: nothing is that old
    }
}
