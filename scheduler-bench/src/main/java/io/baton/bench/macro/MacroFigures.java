package io.baton.bench.macro;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Figures of the macro benchmark computed from what the cluster recorded. Pure.
 */
public final class MacroFigures {
    private MacroFigures() {}

    /** Throughput of one scenario: shards completed in a window, and ZooKeeper write transactions meanwhile. */
    public record Throughput(long shards, long windowMillis, long zkWrites) {
        public double shardsPerSecond() {
            return windowMillis <= 0 ? 0 : shards * 1000.0 / windowMillis;
        }

        public double zkWritesPerShard() {
            return shards == 0 ? 0 : (double) zkWrites / shards;
        }
    }

    /** Fire → shard start at one fire rate, in microseconds. */
    public record Latency(int fireRate, long fires, long windowMillis, long p50Micros, long p99Micros,
                          long maxMicros, long zkWrites) {
        public double achievedFiresPerSecond() {
            return windowMillis <= 0 ? 0 : fires * 1000.0 / windowMillis;
        }

        public double zkWritesPerShard() {
            return fires == 0 ? 0 : (double) zkWrites / fires;
        }
    }

    /** The window from the first shard start to the last shard end, in milliseconds (0 when empty). */
    public static long window(long[] startMillis, long[] endMillis) {
        if (startMillis.length == 0 || endMillis.length == 0) return 0;
        return Arrays.stream(endMillis).max().getAsLong() - Arrays.stream(startMillis).min().getAsLong();
    }

    /** Completions per bucket of {@code bucketMillis}, from the first end on: throughput over time. */
    public static List<Long> series(long[] endMillis, long bucketMillis) {
        List<Long> out = new ArrayList<>();
        if (endMillis.length == 0) return out;
        long first = Arrays.stream(endMillis).min().getAsLong();
        long last = Arrays.stream(endMillis).max().getAsLong();
        long[] counts = new long[(int) ((last - first) / bucketMillis) + 1];
        for (long end : endMillis) counts[(int) ((end - first) / bucketMillis)]++;
        for (long c : counts) out.add(c);
        return out;
    }

    /** The nearest-rank percentile {@code p} (0-100) of {@code values}; 0 when empty. */
    public static long percentile(long[] values, double p) {
        if (values.length == 0) return 0;
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentileOfSorted(sorted, p);
    }

    /** As {@link #percentile} on values already sorted ascending (no copy): for many percentiles of one set. */
    public static long percentileOfSorted(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** ZooKeeper write transactions between two zxids of the same ZooKeeper epoch (low 32 bits count them). */
    public static long writesBetween(long zxidBefore, long zxidAfter) {
        if ((zxidBefore >>> 32) != (zxidAfter >>> 32)) throw new IllegalArgumentException("ZooKeeper epoch changed during the measurement");
        return (zxidAfter & 0xffffffffL) - (zxidBefore & 0xffffffffL);
    }
}
