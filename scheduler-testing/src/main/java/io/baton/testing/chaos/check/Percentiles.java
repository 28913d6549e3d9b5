package io.baton.testing.chaos.check;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of a sample of durations in milliseconds. Pure. */
public record Percentiles(int count, long p50, long p99, long max) {
    public static final Percentiles EMPTY = new Percentiles(0, 0, 0, 0);

    public static Percentiles of(Collection<Long> sample) {
        if (sample.isEmpty()) return EMPTY;
        List<Long> sorted = new ArrayList<>(sample);
        Collections.sort(sorted);
        return new Percentiles(sorted.size(), rank(sorted, 50), rank(sorted, 99), sorted.get(sorted.size() - 1));
    }

    private static long rank(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    @Override
    public String toString() {
        return count == 0 ? "no samples" : "p50 " + p50 + " ms, p99 " + p99 + " ms, max " + max + " ms (n=" + count + ")";
    }
}
