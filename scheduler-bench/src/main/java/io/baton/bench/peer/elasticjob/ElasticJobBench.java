package io.baton.bench.peer.elasticjob;

import io.baton.bench.macro.MacroFigures;
import io.baton.bench.macro.MacroSettings;
import io.baton.bench.report.ElasticJobComparison;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The ElasticJob-lite part of {@code BenchMain}'s macro run, after Baton's scenarios: runs the peer's
 * throughput round and its fire → start scenario at each of the settings' fire rates up to
 * {@link #MAX_FIRE_RATE} (one cron job per fire per second: beyond that the peer JVMs would hold thousands of
 * Quartz schedulers), writes {@code elasticjob.csv} and {@code elasticjob-delays.csv}, and returns the
 * report section comparing Baton's figures with the peer's, with the measurements for the plots. Its
 * {@link #main} runs the peer alone (no Baton cluster) and prints its figures:
 * {@code java -cp <bench jar>:<lib>/* ...ElasticJobBench [--quick] OUT_DIR}.
 */
public final class ElasticJobBench {
    /** The highest fire rate measured on the peer. */
    public static final int MAX_FIRE_RATE = 100;

    /** The report's section and the measurements behind it (for the report's plots). */
    public record Outcome(String markdown, ElasticJobFigures.Throughput throughput, List<ElasticJobFigures.Latency> latencies) {
        public Outcome {
            latencies = List.copyOf(latencies);
        }
    }

    private ElasticJobBench() {}

    public static Outcome run(MacroSettings settings, Path out, MacroFigures.Throughput batonThroughput,
                             List<MacroFigures.Latency> batonLatencies) throws IOException {
        Path clusters = out.resolve("clusters");
        System.out.println("macro: ElasticJob-lite throughput (" + settings.throughputRuns() + " jobs x " + settings.shardsPerRun() + " shards)");
        ElasticJobFigures.Throughput throughput = ElasticJobThroughputScenario.run(settings, clusters.resolve("elasticjob-throughput"));
        List<ElasticJobFigures.Latency> latencies = new ArrayList<>();
        for (int rate : settings.fireRates()) {
            if (rate > MAX_FIRE_RATE) continue;
            System.out.println("macro: ElasticJob-lite fire -> start at " + rate + " fires/s");
            latencies.add(ElasticJobLatencyScenario.run(settings, rate, clusters.resolve("elasticjob-latency-" + rate)));
        }
        Files.writeString(out.resolve("elasticjob.csv"), ElasticJobComparison.csv(batonThroughput, throughput, batonLatencies, latencies));
        Files.writeString(out.resolve("elasticjob-delays.csv"), ElasticJobComparison.delaysCsv(latencies));
        return new Outcome(ElasticJobComparison.markdown(batonThroughput, throughput, batonLatencies, latencies), throughput, latencies);
    }

    public static void main(String[] args) throws IOException {
        boolean quick = args.length == 2 && args[0].equals("--quick");
        if (args.length != (quick ? 2 : 1)) {
            System.err.println("usage: ElasticJobBench [--quick] OUT_DIR");
            System.exit(2);
        }
        MacroSettings settings = quick ? MacroSettings.quick() : MacroSettings.full();
        Path clusters = Path.of(args[args.length - 1]).resolve("clusters");
        ElasticJobFigures.Throughput t = ElasticJobThroughputScenario.run(settings, clusters.resolve("elasticjob-throughput"));
        System.out.printf(java.util.Locale.ROOT, "throughput: %d shards, start->end %d ms = %.0f shards/s, trigger->done %d ms = %.0f shards/s, %.3f ZooKeeper writes per shard%n",
                t.startToEnd().shards(), t.startToEnd().windowMillis(), t.startToEnd().shardsPerSecond(), t.triggerToDone().windowMillis(),
                t.triggerToDone().shardsPerSecond(), t.startToEnd().zkWritesPerShard());
        for (int rate : settings.fireRates()) {
            if (rate > MAX_FIRE_RATE) continue;
            ElasticJobFigures.Latency e = ElasticJobLatencyScenario.run(settings, rate, clusters.resolve("elasticjob-latency-" + rate));
            MacroFigures.Latency l = e.figures();
            System.out.printf(java.util.Locale.ROOT, "fire -> start at %d fires/s: %d of %d fires started, p50 %.2f ms p99 %.2f ms max %.2f ms, %.3f ZooKeeper writes per fire%n",
                    rate, l.fires(), e.scheduledFires(), l.p50Micros() / 1000.0, l.p99Micros() / 1000.0, l.maxMicros() / 1000.0, l.zkWritesPerShard());
        }
    }
}
