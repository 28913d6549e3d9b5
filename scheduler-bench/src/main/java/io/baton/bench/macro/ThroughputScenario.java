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
 * beforehand, then all triggered at once (API triggers), on a no-op handler ({@code demo.echo}); the window runs from the first shard start to
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
            List<String> runIds = new ArrayList<>();
            for (String name : names) runIds.add(client.trigger(name).getRunId());
            List<RunRecord> runs = awaitRuns(client, runIds);
            long writes = MacroFigures.writesBetween(zxidBefore, cluster.zxid());
            List<ShardRecord> shards = runs.stream().flatMap(r -> r.getShardsList().stream()).toList();
            long[] starts = shards.stream().mapToLong(ShardRecord::getStartedMillis).toArray();
            long[] ends = shards.stream().mapToLong(ShardRecord::getFinishedMillis).toArray();
            MacroFigures.Throughput figures = new MacroFigures.Throughput(shards.size(), MacroFigures.window(starts, ends), writes);
            return new Result(figures, MacroFigures.series(ends, 100));
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
