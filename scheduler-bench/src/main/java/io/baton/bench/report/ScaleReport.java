package io.baton.bench.report;

import io.baton.bench.macro.ScaleFigures;
import java.util.Locale;

/**
 * The scale scenario's rows of the report (Markdown) and its CSV ({@code scale.csv}), set against issue 6's
 * targets: a million cron jobs on one leader within 1 GiB of heap, no ZooKeeper watch per job. Pure.
 */
public final class ScaleReport {
    private ScaleReport() {}

    public static String markdown(ScaleFigures f) {
        StringBuilder md = new StringBuilder("### Scale: " + count(f.jobs()) + " cron jobs on one leader\n\n");
        md.append(count(f.jobs() - f.busyJobs())).append(" monthly or yearly jobs that do not fire during the run (")
                .append(count(f.distinctSchedules())).append(" distinct schedules) and ").append(f.busyJobs())
                .append(" jobs firing every second; \"before\" is the same leader with only the busy jobs.\n\n");
        md.append("| figure | value | target | met |\n|---|---|---|---|\n");
        ScaleFigures.Submit s = f.submit();
        row(md, "submit through the SDK (" + s.threads() + " threads, one client)",
                String.format(Locale.ROOT, "%,.0f jobs/s (%s jobs in %.1f s)", s.perSecond(), count(s.jobs()), s.millis() / 1000.0), "—", null);
        ScaleFigures.Heap h = f.leaderHeap();
        row(md, "leader heap after full GC, before → with the jobs", mib(h.baselineBytes()) + " → " + mib(h.loadedBytes())
                + String.format(Locale.ROOT, " (%,.0f bytes per job; %,.0f per job beyond the shared schedules)",
                h.bytesPerJob(), h.marginalBytesPerJob()), "—", null);
        long projected = h.projectedBytes(ScaleFigures.TARGET_JOBS);
        row(md, "leader heap projected for 1,000,000 jobs", mib(projected), "≤ 1 GiB", projected <= ScaleFigures.TARGET_HEAP_BYTES);
        row(md, "new leader's heap after loading them (failover)", mib(f.newLeaderHeapBytes()), "—", null);
        ScaleFigures.Heap z = f.zooKeeperHeap();
        row(md, "ZooKeeper server heap after full GC, before → with the jobs", mib(z.baselineBytes()) + " → " + mib(z.loadedBytes())
                + String.format(Locale.ROOT, " (%,.0f bytes per job; 1M jobs: %s)", z.marginalBytesPerJob(),
                mib(z.projectedBytes(ScaleFigures.TARGET_JOBS))),
                "—", null);
        ScaleFigures.ZooKeeperTree t = f.zooKeeper();
        row(md, "ZooKeeper watches, before → with the jobs", t.watchesBaseline() + " → " + t.watchesLoaded()
                + " (znodes " + count(t.nodesBaseline()) + " → " + count(t.nodesLoaded()) + ")", "no watch per job", t.noWatchPerJob());
        ScaleFigures.Cpu c = f.cpu();
        row(md, String.format(Locale.ROOT, "leader CPU at rest over %.0f s, before → with the jobs", c.windowMillis() / 1000.0),
                String.format(Locale.ROOT, "JVM %.1f%% → %.1f%% of a core; coordinator thread %.2f%% → %.2f%%",
                        c.processBaselinePercent(), c.processLoadedPercent(), c.loopBaselinePercent(), c.loopLoadedPercent()), "—", null);
        ScaleFigures.Recovery r = f.recovery();
        row(md, "leader killed (kill -9) → successor elected", r.electedMillis() + " ms (session " + r.sessionTimeoutMillis() + " ms)", "—", null);
        row(md, "elected → term started with every job loaded", r.electedToStartedMillis() + " ms (" + count(r.jobsLoaded())
                + " jobs; loading " + r.loadMillis() + " ms as the node reports it"
                + (r.failedTerms() > 0 ? "; after " + r.failedTerms() + " term(s) that failed to start" : "") + ")", "—", null);
        row(md, "leader killed → first busy shard started by the successor", r.firstStartMillis() + " ms", "—", null);
        return md.toString();
    }

    /** One header line and one line of figures. */
    public static String csv(ScaleFigures f) {
        ScaleFigures.Heap h = f.leaderHeap();
        ScaleFigures.Heap z = f.zooKeeperHeap();
        ScaleFigures.Cpu c = f.cpu();
        ScaleFigures.ZooKeeperTree t = f.zooKeeper();
        ScaleFigures.Recovery r = f.recovery();
        String header = "jobs,busy_jobs,distinct_schedules,submit_threads,submit_ms,submits_per_s,"
                + "leader_heap_before,leader_heap_half,leader_heap_with_jobs,leader_bytes_per_job,leader_marginal_bytes_per_job,"
                + "leader_heap_projected_1m,new_leader_heap,"
                + "zk_heap_before,zk_heap_half,zk_heap_with_jobs,zk_marginal_bytes_per_job,zk_heap_projected_1m,zk_nodes_before,zk_nodes_with_jobs,zk_watches_before,zk_watches_with_jobs,"
                + "cpu_window_ms,leader_cpu_ms_before,leader_cpu_ms_with_jobs,loop_cpu_ms_before,loop_cpu_ms_with_jobs,"
                + "session_ms,elected_ms,term_started_ms,load_ms,jobs_loaded,first_start_ms,failed_terms\n";
        String line = String.join(",", Long.toString(f.jobs()), Integer.toString(f.busyJobs()), Integer.toString(f.distinctSchedules()),
                Integer.toString(f.submit().threads()), Long.toString(f.submit().millis()), fixed(f.submit().perSecond(), 1),
                Long.toString(h.baselineBytes()), Long.toString(h.halfBytes()), Long.toString(h.loadedBytes()), fixed(h.bytesPerJob(), 1),
                fixed(h.marginalBytesPerJob(), 1), Long.toString(h.projectedBytes(ScaleFigures.TARGET_JOBS)), Long.toString(f.newLeaderHeapBytes()),
                Long.toString(z.baselineBytes()), Long.toString(z.halfBytes()), Long.toString(z.loadedBytes()), fixed(z.marginalBytesPerJob(), 1),
                Long.toString(z.projectedBytes(ScaleFigures.TARGET_JOBS)),
                Long.toString(t.nodesBaseline()), Long.toString(t.nodesLoaded()), Long.toString(t.watchesBaseline()), Long.toString(t.watchesLoaded()),
                Long.toString(c.windowMillis()), fixed(c.processBaselineNanos() / 1e6, 1), fixed(c.processLoadedNanos() / 1e6, 1),
                fixed(c.loopBaselineNanos() / 1e6, 1), fixed(c.loopLoadedNanos() / 1e6, 1),
                Long.toString(r.sessionTimeoutMillis()), Long.toString(r.electedMillis()), Long.toString(r.termStartedMillis()),
                Long.toString(r.loadMillis()), Long.toString(r.jobsLoaded()), Long.toString(r.firstStartMillis()),
                Long.toString(r.failedTerms()));
        return header + line + "\n";
    }

    private static void row(StringBuilder md, String figure, String value, String target, Boolean met) {
        md.append("| ").append(figure).append(" | ").append(value).append(" | ").append(target).append(" | ")
                .append(met == null ? "—" : met ? "yes" : "**no**").append(" |\n");
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
