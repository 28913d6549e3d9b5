package io.baton.bench.peer.quartz;

import io.baton.bench.macro.MacroFigures;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report's section setting Baton's macro figures against the clustered Quartz's, as ratios of the same
 * run: throughput as Baton ÷ Quartz (executions per second), fire → start as Quartz ÷ Baton (p50, p99),
 * so every ratio above 1 says by how much Baton is faster. Also the peer's CSV files. Pure.
 */
public final class QuartzPeerReport {
    private QuartzPeerReport() {}

    public static String markdown(QuartzPeerSettings settings, MacroFigures.Throughput baton, List<MacroFigures.Latency> batonLatencies,
                                  QuartzThroughputScenario.Result quartz, List<QuartzLatencyScenario.Result> quartzLatencies) {
        StringBuilder md = new StringBuilder("### Peer: clustered Quartz\n\n")
                .append(String.format(Locale.ROOT, "Quartz: %d instances × %d threads, clustered JDBC JobStore (JobStoreTX) on an H2 server"
                        + " on loopback, the same no-op work; a ratio above 1 means Baton is faster. Database writes are the INSERT,"
                        + " UPDATE and DELETE statements H2 executed (not the same unit as ZooKeeper transactions).%n%n",
                        settings.instances(), settings.threads()))
                .append("| figure | Baton | clustered Quartz | Baton ÷ Quartz |\n|---|---|---|---|\n");
        MacroFigures.Throughput q = quartz.figures();
        md.append(String.format(Locale.ROOT, "| no-op executions per second (Baton %d shards, Quartz %d executions in %d ms) | %,.0f/s | %,.0f/s | %s |%n",
                baton.shards(), q.shards(), q.windowMillis(), baton.shardsPerSecond(), q.shardsPerSecond(), ratio(baton.shardsPerSecond(), q.shardsPerSecond())));
        md.append(String.format(Locale.ROOT, "| writes per execution (Baton: ZooKeeper transactions; Quartz: database statements) | %.4f | %.1f | — |%n",
                baton.zkWritesPerShard(), q.zkWritesPerShard()));
        for (QuartzLatencyScenario.Result r : quartzLatencies) {
            MacroFigures.Latency ql = r.figures();
            Optional<MacroFigures.Latency> bl = batonLatencies.stream().filter(l -> l.fireRate() == ql.fireRate()).findFirst();
            String rate = String.format(Locale.ROOT, "%,d", ql.fireRate());
            md.append("| fire → start p50 at ").append(rate).append(" fires/s | ").append(bl.map(l -> ms(l.p50Micros())).orElse("—"))
                    .append(" | ").append(ms(ql.p50Micros())).append(" | ")
                    .append(bl.map(l -> ratio(ql.p50Micros(), l.p50Micros())).orElse("—")).append(" |\n");
            md.append("| fire → start p99 at ").append(rate).append(" fires/s | ").append(bl.map(l -> ms(l.p99Micros())).orElse("—"))
                    .append(" | ").append(ms(ql.p99Micros())).append(String.format(Locale.ROOT, " (max %s, n=%d, %.0f fires/s achieved)",
                            ms(ql.maxMicros()), ql.fires(), ql.achievedFiresPerSecond())).append(" | ")
                    .append(bl.map(l -> ratio(ql.p99Micros(), l.p99Micros())).orElse("—")).append(" |\n");
        }
        return md.toString();
    }

    /** The peer's throughput figures and its completions per 100 ms. */
    public static String throughputCsv(QuartzThroughputScenario.Result quartz) {
        MacroFigures.Throughput t = quartz.figures();
        StringBuilder csv = new StringBuilder("executions,window_ms,executions_per_s,db_writes,db_writes_per_execution\n")
                .append(t.shards()).append(',').append(t.windowMillis()).append(',').append(String.format(Locale.ROOT, "%.1f", t.shardsPerSecond()))
                .append(',').append(t.zkWrites()).append(',').append(String.format(Locale.ROOT, "%.2f", t.zkWritesPerShard())).append("\n\nt_ms,completed\n");
        List<Long> series = quartz.completionsPer100ms();
        for (int i = 0; i < series.size(); i++) csv.append(i * 100).append(',').append(series.get(i)).append('\n');
        return csv.toString();
    }

    /** One line per fire rate, then every delay (for plots): {@code fire_rate,delay_us}. */
    public static String latencyCsv(List<QuartzLatencyScenario.Result> quartzLatencies) {
        StringBuilder csv = new StringBuilder("fire_rate,fires,achieved_fires_per_s,p50_us,p99_us,max_us,db_writes,db_writes_per_fire\n");
        for (QuartzLatencyScenario.Result r : quartzLatencies) {
            MacroFigures.Latency l = r.figures();
            csv.append(l.fireRate()).append(',').append(l.fires()).append(',').append(String.format(Locale.ROOT, "%.1f", l.achievedFiresPerSecond()))
                    .append(',').append(l.p50Micros()).append(',').append(l.p99Micros()).append(',').append(l.maxMicros()).append(',')
                    .append(l.zkWrites()).append(',').append(String.format(Locale.ROOT, "%.2f", l.zkWritesPerShard())).append('\n');
        }
        csv.append("\nfire_rate,delay_us\n");
        for (QuartzLatencyScenario.Result r : quartzLatencies) {
            for (long d : r.delaysMicros()) csv.append(r.figures().fireRate()).append(',').append(d).append('\n');
        }
        return csv.toString();
    }

    /** {@code a ÷ b} as "N.N×", or "—" when either is not positive (Quartz can fire a little early: a negative delay). */
    static String ratio(double a, double b) {
        return a <= 0 || b <= 0 ? "—" : String.format(Locale.ROOT, "%.1f×", a / b);
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
    }
}
