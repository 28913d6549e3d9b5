package io.baton.bench.report;

import io.baton.bench.macro.MacroFigures;
import io.baton.bench.peer.elasticjob.ElasticJobFigures;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report's ElasticJob-lite section and {@code elasticjob.csv}: Baton's macro figures set against the
 * ElasticJob-lite peer's from the same run, as Baton/ElasticJob ratios, with issue 6's targets (Baton ≥ 10×
 * ElasticJob's shards/s; ≤ 0.05 ZooKeeper writes per shard against ElasticJob's ≥ 2). ElasticJob's throughput
 * is taken from the trigger until every instance is done: it marks all of a job's items running in
 * ZooKeeper (one synchronous write each) before the first starts and unmarks them after the last ends, so
 * Baton's window (first start → last end) would leave its per-shard work out; that figure is shown too. Pure.
 */
public final class ElasticJobComparison {
    static final double TARGET_THROUGHPUT_RATIO = 10;
    static final double ELASTICJOB_WRITES_PER_SHARD_CLAIM = 2;

    private ElasticJobComparison() {}

    public static String markdown(MacroFigures.Throughput baton, ElasticJobFigures.Throughput ej,
                                  List<MacroFigures.Latency> batonLatencies, List<ElasticJobFigures.Latency> ejLatencies) {
        StringBuilder md = new StringBuilder("\n### Peer: ElasticJob-lite 3.0.4 (same ZooKeeper server kind, same number of instances as workers)\n\n");
        md.append("| figure | Baton | ElasticJob-lite | Baton/ElasticJob | target | met |\n|---|---|---|---|---|---|\n");
        double ratio = ratio(baton.shardsPerSecond(), ej.triggerToDone().shardsPerSecond());
        md.append("| throughput, no-op, ").append(String.format(Locale.ROOT, "%,d", ej.triggerToDone().shards()))
                .append(" shards (Baton: first shard start → last shard end; ElasticJob: trigger → every instance done) | ")
                .append(perSecond(baton.shardsPerSecond())).append(" | ").append(perSecond(ej.triggerToDone().shardsPerSecond())).append(" | ")
                .append(times(ratio)).append(" | ≥ 10× | ").append(met(ratio >= TARGET_THROUGHPUT_RATIO)).append(" |\n");
        double startToEnd = ratio(baton.shardsPerSecond(), ej.startToEnd().shardsPerSecond());
        md.append("| ElasticJob throughput in Baton's window, first shard start → last shard end (leaves out its running marks, "
                        + "written for all of a job's items before the first starts and removed after the last ends) | ")
                .append(perSecond(baton.shardsPerSecond())).append(" | ").append(perSecond(ej.startToEnd().shardsPerSecond()))
                .append(" | ").append(times(startToEnd)).append(" | — | — |\n");
        boolean writesMet = baton.zkWritesPerShard() <= MacroReport.TARGET_ZK_WRITES_PER_SHARD
                && ej.startToEnd().zkWritesPerShard() >= ELASTICJOB_WRITES_PER_SHARD_CLAIM;
        md.append("| ZooKeeper write transactions per shard (throughput run) | ").append(String.format(Locale.ROOT, "%.4f", baton.zkWritesPerShard()))
                .append(" | ").append(String.format(Locale.ROOT, "%.3f", ej.startToEnd().zkWritesPerShard())).append(" | ")
                .append(times(ratio(baton.zkWritesPerShard(), ej.startToEnd().zkWritesPerShard()))).append(" | Baton ≤ 0.05, ElasticJob ≥ 2 | ")
                .append(met(writesMet)).append(" |\n");
        for (ElasticJobFigures.Latency e : ejLatencies) {
            MacroFigures.Latency l = e.figures();
            Optional<MacroFigures.Latency> b = batonLatencies.stream().filter(x -> x.fireRate() == l.fireRate()).findFirst();
            md.append("| fire → shard start at ").append(String.format(Locale.ROOT, "%,d", l.fireRate())).append(" fires/s: p50 / p99 / max | ")
                    .append(b.map(ElasticJobComparison::percentiles).orElse("—")).append(" | ").append(percentiles(l))
                    .append(String.format(Locale.ROOT, " (n=%d of %d fires; %d skipped as misfires)", l.fires(), e.scheduledFires(), e.missedFires()))
                    .append(" | ")
                    .append(b.map(x -> "p50 " + times(ratio(x.p50Micros(), l.p50Micros())) + ", p99 " + times(ratio(x.p99Micros(), l.p99Micros()))).orElse("—"))
                    .append(" | — | — |\n");
            md.append("| ZooKeeper write transactions per fire at ").append(String.format(Locale.ROOT, "%,d", l.fireRate())).append(" fires/s | ")
                    .append(b.map(x -> String.format(Locale.ROOT, "%.3f", x.zkWritesPerShard())).orElse("—")).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f", l.zkWritesPerShard())).append(" | — | — | — |\n");
        }
        md.append("\nLatency ratios below 1 mean Baton starts sooner. ElasticJob's cron has second granularity: all fires of a second "
                + "happen at its start (Baton spreads them over the second).\n");
        return md.toString();
    }

    /** {@code elasticjob.csv}: one line per figure, Baton's value, ElasticJob's and the ratio. */
    public static String csv(MacroFigures.Throughput baton, ElasticJobFigures.Throughput ej,
                             List<MacroFigures.Latency> batonLatencies, List<ElasticJobFigures.Latency> ejLatencies) {
        StringBuilder csv = new StringBuilder("figure,baton,elasticjob,baton_over_elasticjob\n");
        line(csv, "shards_per_s", baton.shardsPerSecond(), ej.triggerToDone().shardsPerSecond());
        line(csv, "shards_per_s_elasticjob_start_to_end", baton.shardsPerSecond(), ej.startToEnd().shardsPerSecond());
        line(csv, "zk_writes_per_shard", baton.zkWritesPerShard(), ej.startToEnd().zkWritesPerShard());
        for (ElasticJobFigures.Latency e : ejLatencies) {
            MacroFigures.Latency l = e.figures();
            Optional<MacroFigures.Latency> b = batonLatencies.stream().filter(x -> x.fireRate() == l.fireRate()).findFirst();
            String at = "_at_" + l.fireRate();
            line(csv, "p50_us" + at, b.map(MacroFigures.Latency::p50Micros).orElse(null), l.p50Micros());
            line(csv, "p99_us" + at, b.map(MacroFigures.Latency::p99Micros).orElse(null), l.p99Micros());
            line(csv, "max_us" + at, b.map(MacroFigures.Latency::maxMicros).orElse(null), l.maxMicros());
            line(csv, "zk_writes_per_fire" + at, b.map(MacroFigures.Latency::zkWritesPerShard).orElse(null), l.zkWritesPerShard());
            line(csv, "fires_started" + at, b.map(MacroFigures.Latency::fires).orElse(null), l.fires());
            line(csv, "fires_scheduled" + at, null, e.scheduledFires());
            line(csv, "fires_skipped" + at, null, e.missedFires());
        }
        return csv.toString();
    }

    /** {@code elasticjob-delays.csv}: every fire → start delay the peer measured, per fire rate. */
    public static String delaysCsv(List<ElasticJobFigures.Latency> ejLatencies) {
        StringBuilder csv = new StringBuilder("fire_rate,delay_us\n");
        for (ElasticJobFigures.Latency e : ejLatencies) {
            for (long d : e.delaysMicros()) csv.append(e.figures().fireRate()).append(',').append(d).append('\n');
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, String figure, Number baton, Number ej) {
        csv.append(figure).append(',').append(baton == null ? "" : number(baton)).append(',').append(number(ej)).append(',');
        if (baton != null) csv.append(String.format(Locale.ROOT, "%.4f", ratio(baton.doubleValue(), ej.doubleValue())));
        csv.append('\n');
    }

    private static String number(Number n) {
        return n instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : n.toString();
    }

    static double ratio(double baton, double peer) {
        return peer == 0 ? Double.NaN : baton / peer;
    }

    private static String times(double ratio) {
        if (Double.isNaN(ratio)) return "—";
        return ratio >= 10 ? String.format(Locale.ROOT, "%.0f×", ratio) : ratio >= 0.1 ? String.format(Locale.ROOT, "%.2f×", ratio)
                : String.format(Locale.ROOT, "%.4f×", ratio);
    }

    private static String perSecond(double v) {
        return String.format(Locale.ROOT, "%,.0f shards/s", v);
    }

    private static String percentiles(MacroFigures.Latency l) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f ms", l.p50Micros() / 1000.0, l.p99Micros() / 1000.0, l.maxMicros() / 1000.0);
    }

    private static String met(boolean met) {
        return met ? "yes" : "**no**";
    }
}
