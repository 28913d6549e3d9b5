package io.baton.bench.report;

import io.baton.bench.macro.MacroFigures;
import io.baton.bench.macro.ThroughputScenario;
import java.util.List;
import java.util.Locale;

/**
 * The macro benchmark's section of the report (Markdown) and its CSV files, with each figure set against
 * the target the benchmark issue gives for this 2-core machine, and the links to its plots. Pure.
 */
public final class MacroReport {
    /** Targets (issue 6): shards/s, fire → start at 1,000 fires/s, ZooKeeper writes per shard. */
    static final double TARGET_SHARDS_PER_SECOND = 50_000;
    static final long TARGET_P50_MICROS_AT_1000 = 300;
    static final long TARGET_P99_MICROS_AT_1000 = 2_000;
    static final long TARGET_P99_MICROS_AT_10000 = 10_000;
    static final double TARGET_ZK_WRITES_PER_SHARD = 0.05;

    private MacroReport() {}

    public static String markdown(MacroFigures.Throughput throughput, List<MacroFigures.Latency> latencies) {
        return markdown(throughput, null, latencies);
    }

    /** As above, with the throughput scenario's rounds (each measured round, the cold one, the warm-up) when known. */
    public static String markdown(MacroFigures.Throughput throughput, ThroughputScenario.Result rounds, List<MacroFigures.Latency> latencies) {
        StringBuilder md = new StringBuilder("## Macro benchmark (a real cluster: ZooKeeper, one leader, workers; separate JVMs)\n\n");
        md.append("| figure | value | target | met |\n|---|---|---|---|\n");
        row(md, "dispatch-and-complete throughput, no-op handler (" + throughput.shards() + " shards in "
                + throughput.windowMillis() + " ms)", String.format(Locale.ROOT, "%,.0f shards/s", throughput.shardsPerSecond()),
                "≥ 50,000 shards/s", throughput.shardsPerSecond() >= TARGET_SHARDS_PER_SECOND);
        if (rounds != null) {
            String each = rounds.rounds().stream().map(r -> String.format(Locale.ROOT, "%,.0f", r.shardsPerSecond()))
                    .collect(java.util.stream.Collectors.joining(", "));
            row(md, "throughput: each measured round (the median above), after a warm-up of " + rounds.warmUp().rounds()
                    + " rounds (" + String.format(Locale.ROOT, "%,d", rounds.warmUp().shards()) + " shards, "
                    + rounds.warmUp().millis() / 1000 + " s)", each + " shards/s", "—", null);
            row(md, "throughput: the first round, on fresh JVMs", String.format(Locale.ROOT, "%,.0f shards/s", rounds.cold().shardsPerSecond()),
                    "—", null);
        }
        row(md, "ZooKeeper write transactions per shard (throughput run)", String.format(Locale.ROOT, "%.4f", throughput.zkWritesPerShard()),
                "≤ 0.05", throughput.zkWritesPerShard() <= TARGET_ZK_WRITES_PER_SHARD);
        for (MacroFigures.Latency l : latencies) {
            String value = "p50 " + ms(l.p50Micros()) + ", p99 " + ms(l.p99Micros()) + ", max " + ms(l.maxMicros())
                    + String.format(Locale.ROOT, " (n=%d, %.0f fires/s achieved)", l.fires(), l.achievedFiresPerSecond());
            String target = "—";
            String met = "—";
            if (l.fireRate() == 1_000) {
                target = "p50 ≤ 0.3 ms, p99 ≤ 2 ms";
                met = l.p50Micros() <= TARGET_P50_MICROS_AT_1000 && l.p99Micros() <= TARGET_P99_MICROS_AT_1000 ? "yes" : "**no**";
            } else if (l.fireRate() >= 10_000) {
                target = "p99 ≤ 10 ms";
                met = l.p99Micros() <= TARGET_P99_MICROS_AT_10000 ? "yes" : "**no**";
            }
            md.append("| fire → shard start at ").append(String.format(Locale.ROOT, "%,d", l.fireRate())).append(" fires/s | ")
                    .append(value).append(" | ").append(target).append(" | ").append(met).append(" |\n");
            row(md, "ZooKeeper write transactions per fire at " + String.format(Locale.ROOT, "%,d", l.fireRate()) + " fires/s",
                    String.format(Locale.ROOT, "%.3f", l.zkWritesPerShard()), "—", null);
        }
        return md.toString();
    }

    /**
     * The report's plots section: Markdown image links to the PNG files (beside report.md) of the fire → start
     * percentile curves and of throughput over time, each with a line on how to read it.
     */
    public static String plots(String latencyFile, String throughputFile) {
        return "### Plots\n\n"
                + "Fire → shard start delay by percentile, one panel per fire rate (Baton and the peers measured at that rate;"
                + " both axes logarithmic, so the tail up to p99.9 gets as much room as the median):\n\n"
                + "![fire → shard start delay by percentile, per fire rate](" + latencyFile + ")\n\n"
                + "Completed shards per second in each 100 ms bucket, from each system's first completion on"
                + " (the throughput scenarios; Quartz runs fewer executions):\n\n"
                + "![completed shards per second over time](" + throughputFile + ")\n";
    }

    /** One line per latency measurement. */
    public static String latencyCsv(List<MacroFigures.Latency> latencies) {
        StringBuilder csv = new StringBuilder("fire_rate,fires,achieved_fires_per_s,p50_us,p99_us,max_us,zk_writes,zk_writes_per_fire\n");
        for (MacroFigures.Latency l : latencies) {
            csv.append(l.fireRate()).append(',').append(l.fires()).append(',').append(String.format(Locale.ROOT, "%.1f", l.achievedFiresPerSecond()))
                    .append(',').append(l.p50Micros()).append(',').append(l.p99Micros()).append(',').append(l.maxMicros()).append(',')
                    .append(l.zkWrites()).append(',').append(String.format(Locale.ROOT, "%.4f", l.zkWritesPerShard())).append('\n');
        }
        return csv.toString();
    }

    /** Throughput figures and the completions per 100 ms over the run. */
    public static String throughputCsv(MacroFigures.Throughput t, List<Long> completionsPer100ms) {
        StringBuilder csv = new StringBuilder("shards,window_ms,shards_per_s,zk_writes,zk_writes_per_shard\n");
        csv.append(t.shards()).append(',').append(t.windowMillis()).append(',').append(String.format(Locale.ROOT, "%.1f", t.shardsPerSecond()))
                .append(',').append(t.zkWrites()).append(',').append(String.format(Locale.ROOT, "%.4f", t.zkWritesPerShard())).append("\n\n");
        csv.append("t_ms,completed\n");
        for (int i = 0; i < completionsPer100ms.size(); i++) csv.append(i * 100).append(',').append(completionsPer100ms.get(i)).append('\n');
        return csv.toString();
    }

    private static void row(StringBuilder md, String figure, String value, String target, Boolean met) {
        md.append("| ").append(figure).append(" | ").append(value).append(" | ").append(target).append(" | ")
                .append(met == null ? "—" : met ? "yes" : "**no**").append(" |\n");
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
    }
}
