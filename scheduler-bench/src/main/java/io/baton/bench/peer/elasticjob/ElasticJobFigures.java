package io.baton.bench.peer.elasticjob;

import io.baton.bench.macro.MacroFigures;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ElasticJob peer's figures, computed from its instances' journals the way Baton's are computed from
 * its run records and worker journals ({@link MacroFigures}). Pure.
 */
public final class ElasticJobFigures {
    private ElasticJobFigures() {}

    /**
     * One measured throughput round.
     *
     * @param startToEnd          from the first shard start to the last shard end: Baton's definition
     * @param triggerToDone       from the trigger to the last instance finishing its fire (every running mark
     *                            removed from ZooKeeper): ElasticJob writes its marks for a job's items before
     *                            the first of them starts and removes them after the last ends, outside
     *                            {@code startToEnd}
     * @param completionsPer100ms shard ends per 100 ms from the first end on
     */
    public record Throughput(MacroFigures.Throughput startToEnd, MacroFigures.Throughput triggerToDone, List<Long> completionsPer100ms) {
        public Throughput {
            completionsPer100ms = List.copyOf(completionsPer100ms);
        }
    }

    /**
     * Fire → shard start at one fire rate, with the raw delays (µs) behind the percentiles. {@code scheduledFires}
     * is what the jobs' crons scheduled in the window; the fires no shard started for ({@link #missedFires()})
     * were skipped by Quartz as misfires (a job's single Quartz thread still busy with an earlier fire, or
     * the fire found more than 1 ms late).
     */
    public record Latency(MacroFigures.Latency figures, long[] delaysMicros, long scheduledFires) {
        public long missedFires() {
            return Math.max(0, scheduledFires - figures.fires());
        }
    }

    /**
     * The round triggered at {@code triggerMicros}: every shard started since, which must be each item of
     * each job exactly once, and every fire finished since.
     */
    static Throughput throughput(PeerJournal.Contents journals, long triggerMicros, PeerJobs jobs, long zkWrites) {
        List<PeerJournal.Shard> shards = journals.shards().stream().filter(s -> s.startMicros() >= triggerMicros).toList();
        requireEachItemOnce(shards, jobs);
        long lastDone = journals.runs().stream().mapToLong(PeerJournal.Run::doneMicros).filter(d -> d >= triggerMicros).max()
                .orElseThrow(() -> new IllegalStateException("no instance finished a fire after the trigger"));
        long[] starts = shards.stream().mapToLong(s -> s.startMicros() / 1000).toArray();
        long[] ends = shards.stream().mapToLong(s -> s.endMicros() / 1000).toArray();
        MacroFigures.Throughput startToEnd = new MacroFigures.Throughput(shards.size(), MacroFigures.window(starts, ends), zkWrites);
        MacroFigures.Throughput triggerToDone = new MacroFigures.Throughput(shards.size(), (lastDone - triggerMicros) / 1000, zkWrites);
        return new Throughput(startToEnd, triggerToDone, MacroFigures.series(ends, 100));
    }

    private static void requireEachItemOnce(List<PeerJournal.Shard> shards, PeerJobs jobs) {
        Set<String> jobNames = Set.copyOf(jobs.names());
        Set<String> seen = new HashSet<>();
        for (PeerJournal.Shard s : shards) {
            if (!jobNames.contains(s.job()) || s.item() < 0 || s.item() >= jobs.shards()) {
                throw new IllegalStateException("a shard that was not submitted ran: " + s);
            }
            if (!seen.add(s.job() + "#" + s.item())) throw new IllegalStateException("shard item ran twice in one round: " + s);
        }
        if (seen.size() != jobs.shardsPerRound()) {
            throw new IllegalStateException("the round ran " + seen.size() + " of " + jobs.shardsPerRound() + " shard items");
        }
    }

    /**
     * Fires scheduled in {@code [fromMillis, toMillis)} matched with their shard's start: one delay (start −
     * scheduled fire, µs) per shard execution of such a fire.
     */
    static long[] delays(PeerJournal.Contents journals, long fromMillis, long toMillis) {
        return journals.shards().stream()
                .filter(s -> s.scheduledFireMillis() >= fromMillis && s.scheduledFireMillis() < toMillis)
                .mapToLong(s -> s.startMicros() - s.scheduledFireMillis() * 1000)
                .toArray();
    }

    /** Whole seconds in {@code [fromMillis, toMillis)}: the instants at which an every-second cron fires. */
    static long secondsStartingIn(long fromMillis, long toMillis) {
        long first = Math.floorDiv(fromMillis + 999, 1000);
        long last = Math.floorDiv(toMillis - 1, 1000);
        return Math.max(0, last - first + 1);
    }

    /**
     * True once every journal (one per instance) holds a finished fire scheduled at or after {@code toMillis}
     * for every job: Quartz fires a job in order, so each instance has then executed or skipped every fire
     * of the window.
     */
    static boolean pastWindow(List<PeerJournal.Contents> perInstance, List<String> jobs, long toMillis) {
        for (PeerJournal.Contents c : perInstance) {
            Set<String> past = new HashSet<>();
            for (PeerJournal.Run r : c.runs()) if (r.scheduledFireMillis() >= toMillis) past.add(r.job());
            if (!past.containsAll(jobs)) return false;
        }
        return true;
    }

    static Latency latency(int rate, long[] delaysMicros, long scheduledFires, long windowMillis, long zkWrites) {
        MacroFigures.Latency figures = new MacroFigures.Latency(rate, delaysMicros.length, windowMillis,
                MacroFigures.percentile(delaysMicros, 50), MacroFigures.percentile(delaysMicros, 99),
                MacroFigures.percentile(delaysMicros, 100), zkWrites);
        return new Latency(figures, delaysMicros.clone(), scheduledFires);
    }
}
