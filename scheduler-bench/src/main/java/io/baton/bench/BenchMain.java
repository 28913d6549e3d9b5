package io.baton.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.bench.macro.BenchCluster;
import io.baton.bench.macro.FailoverScenario;
import io.baton.bench.macro.LatencyScenario;
import io.baton.bench.macro.MacroFigures;
import io.baton.bench.macro.MacroSettings;
import io.baton.bench.macro.ScaleFigures;
import io.baton.bench.macro.ScaleScenario;
import io.baton.bench.macro.ScaleSettings;
import io.baton.bench.macro.ThroughputScenario;
import io.baton.bench.peer.elasticjob.ElasticJobBench;
import io.baton.bench.peer.elasticjob.ElasticJobFigures;
import io.baton.bench.peer.quartz.QuartzLatencyScenario;
import io.baton.bench.peer.quartz.QuartzPeerBench;
import io.baton.bench.plot.PlotSeries;
import io.baton.bench.plot.PlotWriter;
import io.baton.bench.report.FailoverReport;
import io.baton.bench.report.MacroReport;
import io.baton.bench.report.MicroResults;
import io.baton.bench.report.ScaleReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code deploy/bench.sh}: runs the benchmarks and writes the report (Markdown, CSV, JMH's JSON, PNG plots
 * of the macro run) to a results folder. {@code --quick} shortens every measurement (a few minutes in all); the default runs each
 * benchmark as its annotations say. {@code --profile} records the macro clusters' JVMs with Java Flight
 * Recorder; {@code --cluster-jvm "OPTIONS"} replaces the JVM options of Baton's benchmark clusters
 * ({@link BenchCluster#DEFAULT_JVM}), {@code --zk-jvm "OPTIONS"} those of their ZooKeeper server
 * ({@link BenchCluster#DEFAULT_ZK_JVM}). Exit 0 when the report was written, 2 for bad arguments, 1 otherwise.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        String only = "all";
        Path out = null;
        int scaleJobs = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--profile" -> System.setProperty(BenchCluster.PROFILE_PROPERTY, "true");
                case "--only" -> {
                    if (i + 1 >= args.length || !List.of("micro", "macro", "scale").contains(args[i + 1])) usage("--only needs micro, macro or scale");
                    only = args[++i];
                }
                case "--cluster-jvm" -> {
                    if (i + 1 >= args.length || args[i + 1].isBlank()) usage("--cluster-jvm needs JVM options, e.g. \"-Xms1g -Xmx1g -XX:+UseParallelGC\"");
                    System.setProperty(BenchCluster.JVM_PROPERTY, args[++i]);
                }
                case "--zk-jvm" -> {
                    if (i + 1 >= args.length || args[i + 1].isBlank()) usage("--zk-jvm needs JVM options, e.g. \"-Xms2g -Xmx2g\"");
                    System.setProperty(BenchCluster.ZK_JVM_PROPERTY, args[++i]);
                }
                case "--scale-jobs" -> {
                    if (i + 1 >= args.length || !args[i + 1].matches("[1-9]\\d{0,8}")) usage("--scale-jobs needs a positive number");
                    scaleJobs = Integer.parseInt(args[++i]);
                }
                case "--out" -> {
                    if (i + 1 >= args.length) usage("--out needs a folder");
                    out = Path.of(args[++i]);
                }
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> usage("unknown argument: " + args[i]);
            }
        }
        if (out == null) out = Path.of("bench-results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(out);
        StringBuilder report = new StringBuilder("# Baton benchmark report\n\n")
                .append(quick ? "Quick run (`--quick`): short measurements, wider error bars.\n\n" : "")
                .append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, Java ")
                .append(System.getProperty("java.version")).append(". Ratios compare figures of the same run.\n\n");
        MacroSettings settings = quick ? MacroSettings.quick() : MacroSettings.full();
        if (scaleJobs > 0) settings = settings.withScale(settings.scale().withJobs(scaleJobs));
        if (only.equals("all") || only.equals("micro")) report.append(micro(quick, out)).append('\n');
        if (only.equals("all") || only.equals("macro")) report.append(macro(settings, quick ? QUARTZ_QUICK_EXECUTIONS : QUARTZ_FULL_EXECUTIONS, out));
        if (only.equals("scale")) report.append(scale(settings.scale(), out));
        Files.writeString(out.resolve("report.md"), report.toString());
        System.out.println("BENCH REPORT " + out.resolve("report.md").toAbsolutePath());
    }

    /** Runs the JMH micro-benchmarks; writes jmh.json and micro.csv; returns the report section. */
    static String micro(boolean quick, Path out) throws Exception {
        Path json = out.resolve("jmh.json");
        ChainedOptionsBuilder options = new OptionsBuilder().include("io\\.baton\\.bench\\.micro\\..*")
                .resultFormat(ResultFormatType.JSON).result(json.toString());
        if (quick) {
            options.warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(3)
                    .measurementTime(TimeValue.seconds(1)).forks(1);
        }
        new Runner(options.build()).run();
        List<MicroResults.Row> rows = MicroResults.parse(new ObjectMapper().readTree(json.toFile()));
        Files.writeString(out.resolve("micro.csv"), MicroResults.csv(rows));
        return MicroResults.markdown(rows);
    }

    /** The clustered Quartz runs far fewer executions than Baton's throughput scenario: it is much slower, and its figure is a rate. */
    private static final int QUARTZ_QUICK_EXECUTIONS = 2_000;
    private static final int QUARTZ_FULL_EXECUTIONS = 8_000;

    /**
     * Runs the macro scenarios on real clusters (logs under out/clusters), then the peers' (clustered Quartz,
     * ElasticJob-lite); writes CSVs and the plots; returns the report section.
     */
    static String macro(MacroSettings settings, int quartzExecutions, Path out) throws Exception {
        Path clusters = out.resolve("clusters");
        System.out.println("macro: throughput (rounds of " + settings.throughputRuns() + " runs x " + settings.shardsPerRun()
                + " shards: one cold, " + settings.warmUp().toSeconds() + " s of warm-up, " + settings.throughputRounds() + " measured)");
        ThroughputScenario.Result throughput = ThroughputScenario.run(settings, clusters.resolve("throughput"));
        List<LatencyScenario.Result> measured = new ArrayList<>();
        for (int rate : settings.fireRates()) {
            System.out.println("macro: fire -> start at " + rate + " fires/s");
            measured.add(LatencyScenario.run(settings, rate, clusters.resolve("latency-" + rate)));
        }
        List<MacroFigures.Latency> latencies = measured.stream().map(LatencyScenario.Result::figures).toList();
        Files.writeString(out.resolve("throughput.csv"), MacroReport.throughputCsv(throughput.figures(), throughput.completionsPer100ms()));
        Files.writeString(out.resolve("latency.csv"), MacroReport.latencyCsv(latencies));
        System.out.println("macro: failover (" + settings.failover().trialsPerKind() + " trials of each kind)");
        FailoverScenario.Result failover = FailoverScenario.run(settings.failover(), clusters.resolve("failover"));
        Files.writeString(out.resolve("failover.csv"), FailoverReport.csv(failover));
        QuartzPeerBench.Outcome quartz = QuartzPeerBench.run(settings, quartzExecutions, out, throughput.figures(), latencies);
        ElasticJobBench.Outcome elasticJob = ElasticJobBench.run(settings, out, throughput.figures(), latencies);
        writePlots(out, throughput, measured, elasticJob, quartz);
        return MacroReport.markdown(throughput.figures(), throughput, latencies) + FailoverReport.markdownRows(failover) + '\n'
                + elasticJob.markdown() + '\n' + quartz.markdown() + '\n'
                + MacroReport.plots(PlotWriter.LATENCY_FILE, PlotWriter.THROUGHPUT_FILE) + '\n' + scale(settings.scale(), out);
    }

    /** The systems' names in the plots' legends. */
    static final String BATON = "Baton";
    static final String ELASTICJOB = "ElasticJob-lite";
    static final String QUARTZ = "clustered Quartz";

    /**
     * Writes the plots (latency.png, throughput.png) to {@code out}: Baton's delays and completions with the
     * peers' from the same run, Baton first so it keeps its colour.
     */
    static void writePlots(Path out, ThroughputScenario.Result throughput, List<LatencyScenario.Result> latencies,
                           ElasticJobBench.Outcome elasticJob, QuartzPeerBench.Outcome quartz) throws IOException {
        List<PlotSeries.Delays> delays = new ArrayList<>();
        for (LatencyScenario.Result r : latencies) delays.add(new PlotSeries.Delays(BATON, r.figures().fireRate(), r.delaysMicros()));
        for (ElasticJobFigures.Latency l : elasticJob.latencies()) delays.add(new PlotSeries.Delays(ELASTICJOB, l.figures().fireRate(), l.delaysMicros()));
        for (QuartzLatencyScenario.Result r : quartz.latencies()) delays.add(new PlotSeries.Delays(QUARTZ, r.figures().fireRate(), r.delaysMicros()));
        PlotWriter.writeLatency(PlotSeries.latencyPanels(delays), out.resolve(PlotWriter.LATENCY_FILE));
        List<PlotSeries.Completions> completions = List.of(
                new PlotSeries.Completions(BATON, throughput.completionsPer100ms()),
                new PlotSeries.Completions(ELASTICJOB, elasticJob.throughput().completionsPer100ms()),
                new PlotSeries.Completions(QUARTZ, quartz.throughput().completionsPer100ms()));
        PlotWriter.writeThroughput(PlotSeries.throughputCurves(completions), out.resolve(PlotWriter.THROUGHPUT_FILE));
    }

    /** Runs the scale scenario (logs under out/clusters/scale); writes scale.csv; returns the report rows. */
    static String scale(ScaleSettings settings, Path out) throws Exception {
        System.out.println("macro: scale (" + settings.jobs() + " cron jobs on one leader)");
        ScaleFigures figures = ScaleScenario.run(settings, out.resolve("clusters").resolve("scale"));
        Files.writeString(out.resolve("scale.csv"), ScaleReport.csv(figures));
        return ScaleReport.markdown(figures);
    }

    private static final String USAGE = "usage: deploy/bench.sh [--quick] [--only micro|macro|scale] [--scale-jobs N] [--profile] [--cluster-jvm \"OPTIONS\"] [--zk-jvm \"OPTIONS\"] [--out DIR]";

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println(USAGE);
        System.exit(2);
    }
}
