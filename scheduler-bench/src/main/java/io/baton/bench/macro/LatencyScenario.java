package io.baton.bench.macro;

import io.baton.client.BatonClient;
import io.baton.client.JobSpecs;
import io.baton.proto.v1.FixedRate;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.Schedule;
import io.baton.testing.journal.JournalEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fire → shard start latency at a fixed fire rate: {@code rate} one-shard jobs on a no-op handler, each
 * fixed-rate every second with its phase spread evenly over the second, so the leader sees {@code rate}
 * fires per second at an even pace. The cluster is warmed up first with rounds of triggered runs
 * ({@link TriggerRounds#warmUp}). After a settling period, fires in a measurement window are matched
 * with the workers' journals (start in microseconds) against the scheduled fire time. ZooKeeper write
 * transactions are counted over the window.
 */
public final class LatencyScenario {
    private static final String HANDLER = "demo.echo";
    private static final long PHASE_BASE = 1_000_000_000_000L;
    private static final long SETTLE_MILLIS = 3_000;
    /** The warm-up's rounds: a few runs of many shards, as the throughput scenario runs. */
    private static final int WARM_UP_RUNS = 8;
    private static final int WARM_UP_SHARDS = 1_000;
    private static final int HISTORY_RUNS = 10;

    /** The figures and every delay behind them (µs, for the report's plot). */
    public record Result(MacroFigures.Latency figures, long[] delaysMicros) {
        public Result {
            delaysMicros = delaysMicros.clone();
        }
    }

    private LatencyScenario() {}

    public static Result run(MacroSettings settings, int rate, Path runDir) throws Exception {
        try (BenchCluster cluster = BenchCluster.start(runDir, settings.workers(), settings.capacity(), true)) {
            try (TriggerRounds warmUp = TriggerRounds.create(cluster.client(), "warm-up", WARM_UP_RUNS, WARM_UP_SHARDS)) {
                warmUp.warmUp(settings.warmUp());
            }
            createJobs(cluster.client(), rate);
            // the fires themselves run for the warm-up time too before the window: their paths (run creation,
            // history) are not the throughput rounds' and are compiled only once they run
            long settle = Math.max(SETTLE_MILLIS, settings.warmUp().toMillis());
            MeasuredWindow window = MeasuredWindow.after(settle, settings.latencyWindow().toMillis(), cluster::zxid);
            long from = window.fromMillis();
            long to = window.toMillis();
            long writes = window.zkWrites();
            BenchCluster.pause(1_000); // let the last fires of the window start and reach the journals
            long[] delays = JournalEntry.read(cluster.journals(), e -> e.isStart() && e.attempt() == 1
                            && e.fireMillis() >= from && e.fireMillis() < to).stream()
                    .mapToLong(e -> e.startMicros() - e.fireMillis() * 1000).toArray();
            MacroFigures.Latency figures = new MacroFigures.Latency(rate, delays.length, to - from, MacroFigures.percentile(delays, 50),
                    MacroFigures.percentile(delays, 99), MacroFigures.percentile(delays, 100), writes);
            return new Result(figures, delays);
        }
    }

    /** {@code rate} jobs, job i firing at phase i/rate of every second; created by a few threads at once. */
    private static void createJobs(BatonClient client, int rate) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> created = new java.util.ArrayList<>();
            for (int i = 0; i < rate; i++) {
                long anchor = PHASE_BASE + (i * 1000L) / rate;
                JobSpec spec = JobSpecs.runNow("latency-" + i, HANDLER, 1)
                        .setSchedule(Schedule.newBuilder().setFixedRate(FixedRate.newBuilder().setIntervalMillis(1000).setAnchorMillis(anchor)))
                        // a short history, as a job firing every second would keep: its runs are pruned from the
                        // start, as in a steady state (the default 100 would hold 1M runs at 10,000 fires/s)
                        .setHistory(JobSpecs.history(HISTORY_RUNS, 0))
                        .build();
                created.add(pool.submit(() -> client.submit(spec)));
            }
            for (Future<?> f : created) f.get();
        } finally {
            pool.shutdownNow();
        }
    }
}
