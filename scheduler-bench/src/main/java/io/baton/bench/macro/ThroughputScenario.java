package io.baton.bench.macro;

import io.baton.client.BatonClient;
import io.baton.client.JobSpecs;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Dispatch-and-complete throughput: {@code throughputRuns} jobs of {@code shardsPerRun} shards each, stored
 * beforehand, then all triggered at once from concurrent threads (API triggers), on a no-op handler ({@code demo.echo}); the window runs from the first shard start to
 * the last shard end as the cluster recorded them. ZooKeeper write transactions are counted over the same
 * triggers (zxid before and after).
 */
public final class ThroughputScenario {
    private static final String HANDLER = "demo.echo";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    /** A cron schedule that never fires here: the jobs run only when triggered. */
    private static final String NEVER = "0 0 0 1 1 ? 2099";

    public record Result(MacroFigures.Throughput figures, List<Long> completionsPer100ms) {}

    private ThroughputScenario() {}

    public static Result run(MacroSettings settings, Path runDir) {
        try (BenchCluster cluster = BenchCluster.start(runDir, settings.workers(), settings.capacity(), false)) {
            BatonClient client = cluster.client();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < settings.throughputRuns(); i++) names.add("throughput-" + i);
            // the jobs exist before the window, as they would in production: the window measures runs only
            for (String name : names) client.submit(JobSpecs.cron(name, HANDLER, settings.shardsPerRun(), NEVER, "UTC").build());
            awaitRuns(client, List.of(client.trigger(names.get(0)).getRunId())); // warm-up: JIT, connections
            long zxidBefore = cluster.zxid();
            List<RunRecord> runs = awaitRuns(client, triggerAll(client, names));
            long writes = MacroFigures.writesBetween(zxidBefore, cluster.zxid());
            List<ShardRecord> shards = runs.stream().flatMap(r -> r.getShardsList().stream()).toList();
            long[] starts = shards.stream().mapToLong(ShardRecord::getStartedMillis).toArray();
            long[] ends = shards.stream().mapToLong(ShardRecord::getFinishedMillis).toArray();
            MacroFigures.Throughput figures = new MacroFigures.Throughput(shards.size(), MacroFigures.window(starts, ends), writes);
            return new Result(figures, MacroFigures.series(ends, 100));
        }
    }

    /** Triggers every job at once, from as many threads as jobs (up to 16), as independent users would. */
    private static List<String> triggerAll(BatonClient client, List<String> names) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.min(16, names.size()));
        try {
            List<java.util.concurrent.Future<String>> ids = new ArrayList<>();
            for (String name : names) ids.add(pool.submit(() -> client.trigger(name).getRunId()));
            List<String> out = new ArrayList<>();
            for (java.util.concurrent.Future<String> id : ids) out.add(id.get(RUN_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
            return out;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a trigger failed: " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            throw new IllegalStateException("triggers did not complete: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<RunRecord> awaitRuns(BatonClient client, List<String> runIds) {
        List<RunRecord> done = new ArrayList<>();
        for (String id : runIds) {
            RunRecord run = client.awaitRun(id, RUN_TIMEOUT);
            if (run.getState() != RunState.RUN_STATE_SUCCEEDED) throw new IllegalStateException("run " + id + " ended " + run.getState());
            done.add(run);
        }
        return done;
    }
}
