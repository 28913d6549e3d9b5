package io.baton.bench.macro;

/**
 * What the scale scenario measured: {@link #jobs()} cron jobs held by one leader. Each part compares the
 * cluster holding the jobs with the same cluster before they were submitted (its baseline). Pure.
 *
 * @param jobs     jobs the leader held (quiet and busy)
 * @param busyJobs of which fire every second
 * @param distinctSchedules (expression, zone) pairs the quiet jobs share
 */
public record ScaleFigures(long jobs, int busyJobs, int distinctSchedules, Submit submit, Heap leaderHeap, Heap zooKeeperHeap,
                           long newLeaderHeapBytes, Cpu cpu, ZooKeeperTree zooKeeper, Recovery recovery) {
    /** The job count the 1 GiB heap target (issue 6) is stated for. */
    public static final long TARGET_JOBS = 1_000_000;
    public static final long TARGET_HEAP_BYTES = 1L << 30;

    /** Submitting the jobs through the SDK from {@code threads} threads. */
    public record Submit(long jobs, int threads, long millis) {
        public double perSecond() {
            return millis <= 0 ? 0 : jobs * 1000.0 / millis;
        }
    }

    /**
     * Heap in use after full collections: before the jobs, with the first half of them, with all. The second
     * half costs only what each job adds: the schedules the jobs share were all parsed (and cached) during
     * the first half, so the marginal cost per job is measured apart from that fixed cost.
     */
    public record Heap(long baselineBytes, long halfBytes, long loadedBytes, long jobs) {
        /** Everything the jobs added, per job (shared schedules included). */
        public double bytesPerJob() {
            return jobs == 0 ? 0 : (double) (loadedBytes - baselineBytes) / jobs;
        }

        /** What one more job adds: the second half's cost per job. */
        public double marginalBytesPerJob() {
            long secondHalf = jobs - jobs / 2;
            return secondHalf == 0 ? 0 : (double) (loadedBytes - halfBytes) / secondHalf;
        }

        /** The heap with {@code target} jobs: the measured heap plus the marginal cost of each job beyond them. */
        public long projectedBytes(long target) {
            return loadedBytes + Math.round(marginalBytesPerJob() * (target - jobs));
        }
    }

    /** CPU over equal windows at rest, without the jobs and with them: the whole leader JVM and its coordinator thread. */
    public record Cpu(long windowMillis, long processBaselineNanos, long processLoadedNanos, long loopBaselineNanos,
                      long loopLoadedNanos) {
        public double processBaselinePercent() { return percentOfCore(processBaselineNanos); }

        public double processLoadedPercent() { return percentOfCore(processLoadedNanos); }

        public double loopBaselinePercent() { return percentOfCore(loopBaselineNanos); }

        public double loopLoadedPercent() { return percentOfCore(loopLoadedNanos); }

        private double percentOfCore(long nanos) {
            return windowMillis <= 0 ? 0 : nanos / 1e6 * 100.0 / windowMillis;
        }
    }

    /** ZooKeeper's data tree before the jobs and with them: nodes and watches. */
    public record ZooKeeperTree(long nodesBaseline, long nodesLoaded, long watchesBaseline, long watchesLoaded) {
        /**
         * Watches come and go with sessions and recipes (a worker reconnecting, a leader latch watching its
         * predecessor): a few more or fewer is noise, not a watch per job.
         */
        public static final long WATCH_NOISE = 5;

        public long watchesAdded() {
            return watchesLoaded - watchesBaseline;
        }

        /** True when the watches did not grow with the jobs (beyond {@link #WATCH_NOISE}). */
        public boolean noWatchPerJob() {
            return watchesAdded() <= WATCH_NOISE;
        }
    }

    /**
     * A leader change: the leader was killed ({@code kill -9}) at time 0; its successor was elected after
     * {@code electedMillis} (the killed leader's ZooKeeper session had to expire first), had loaded
     * {@code jobsLoaded} jobs and started its term at {@code termStartedMillis} (it reports the loading
     * itself took {@code loadMillis}), and a shard of a busy job started {@code firstStartMillis} after the kill.
     * {@code failedTerms}: terms the successor was elected to but could not start (0 unless the machine was
     * so loaded that its ZooKeeper session was lost while loading); the times then include them.
     */
    public record Recovery(long sessionTimeoutMillis, long electedMillis, long termStartedMillis, long loadMillis,
                           long jobsLoaded, long firstStartMillis, long failedTerms) {
        /** From election to the term's start: what the jobs cost a failover, the session wait excluded. */
        public long electedToStartedMillis() {
            return termStartedMillis - electedMillis;
        }
    }
}
