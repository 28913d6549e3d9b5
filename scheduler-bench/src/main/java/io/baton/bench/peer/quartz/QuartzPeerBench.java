package io.baton.bench.peer.quartz;

import io.baton.bench.macro.MacroFigures;
import io.baton.bench.macro.MacroSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The clustered-Quartz part of {@code BenchMain}'s macro run: both peer scenarios at Baton's sizes
 * (the throughput scenario capped at {@code executionCap} executions, since Quartz is much slower and
 * its figure is a rate), each on a fresh peer under {@code out/clusters/quartz-*}; writes
 * {@code quartz-throughput.csv} and {@code quartz-latency.csv} (with every delay) and returns the report's
 * section with Baton ÷ Quartz ratios, with the measurements for the plots.
 */
public final class QuartzPeerBench {
    /** The report's section and the measurements behind it (for the report's plots). */
    public record Outcome(String markdown, QuartzThroughputScenario.Result throughput, List<QuartzLatencyScenario.Result> latencies) {
        public Outcome {
            latencies = List.copyOf(latencies);
        }
    }

    /**
     * The highest fire rate measured on the peer: it falls seconds behind at 1,000 fires/s already, and each
     * higher rate would only add minutes of catching up to the run.
     */
    public static final int MAX_FIRE_RATE = 1_000;

    private QuartzPeerBench() {}

    public static Outcome run(MacroSettings baton, int executionCap, Path out, MacroFigures.Throughput batonThroughput,
                             List<MacroFigures.Latency> batonLatencies) throws IOException {
        QuartzPeerSettings settings = QuartzPeerSettings.of(baton);
        if (settings.executions() > executionCap) settings = settings.withExecutions(executionCap);
        Path clusters = out.resolve("clusters");
        System.out.println("macro: clustered Quartz throughput (" + settings.executions() + " executions, " + settings.instances() + " instances)");
        QuartzThroughputScenario.Result throughput = QuartzThroughputScenario.run(settings, clusters.resolve("quartz-throughput"));
        List<QuartzLatencyScenario.Result> latencies = new ArrayList<>();
        for (int rate : settings.fireRates()) {
            if (rate > MAX_FIRE_RATE) continue;
            System.out.println("macro: clustered Quartz fire -> start at " + rate + " fires/s");
            latencies.add(QuartzLatencyScenario.run(settings, rate, clusters.resolve("quartz-latency-" + rate)));
        }
        Files.writeString(out.resolve("quartz-throughput.csv"), QuartzPeerReport.throughputCsv(throughput));
        Files.writeString(out.resolve("quartz-latency.csv"), QuartzPeerReport.latencyCsv(latencies));
        return new Outcome(QuartzPeerReport.markdown(settings, batonThroughput, batonLatencies, throughput, latencies), throughput, latencies);
    }
}
