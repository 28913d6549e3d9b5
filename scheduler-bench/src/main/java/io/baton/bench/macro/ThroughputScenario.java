package io.baton.bench.macro;

import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.ShardRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Dispatch-and-complete throughput: {@code throughputRuns} jobs of {@code shardsPerRun} no-op shards, stored
 * beforehand, all triggered at once from concurrent threads (API triggers) in rounds ({@link TriggerRounds}).
 * The first round runs on fresh JVMs (the cold figure); then rounds warm the cluster up for
 * {@code warmUp}; then {@code throughputRounds} rounds are measured, each from its first shard start to its
 * last shard end as the cluster recorded them, with ZooKeeper write transactions counted over the round
 * (zxid before and after). The headline is the median measured round.
 */
public final class ThroughputScenario {
    /**
     * @param figures             the median measured round
     * @param completionsPer100ms shards completed per 100 ms over that round
     * @param rounds              every measured round, in order
     * @param cold                the first round, on fresh JVMs
     * @param warmUp              what the warm-up ran between the two
     */
    public record Result(MacroFigures.Throughput figures, List<Long> completionsPer100ms, List<MacroFigures.Throughput> rounds,
                         MacroFigures.Throughput cold, TriggerRounds.WarmUp warmUp) {}

    private ThroughputScenario() {}

    public static Result run(MacroSettings settings, Path runDir) {
        try (BenchCluster cluster = BenchCluster.start(runDir, settings.workers(), settings.capacity(), false);
             TriggerRounds rounds = TriggerRounds.create(cluster.client(), "throughput", settings.throughputRuns(), settings.shardsPerRun())) {
            Measured cold = measure(cluster, rounds);
            TriggerRounds.WarmUp warmUp = rounds.warmUp(settings.warmUp());
            List<Measured> measured = new ArrayList<>();
            for (int i = 0; i < settings.throughputRounds(); i++) measured.add(measure(cluster, rounds));
            Measured median = measured.stream().sorted(Comparator.comparingDouble(m -> m.figures.shardsPerSecond()))
                    .toList().get((measured.size() - 1) / 2);
            return new Result(median.figures, median.series, measured.stream().map(Measured::figures).toList(), cold.figures, warmUp);
        }
    }

    private record Measured(MacroFigures.Throughput figures, List<Long> series) {}

    private static Measured measure(BenchCluster cluster, TriggerRounds rounds) {
        long zxidBefore = cluster.zxid();
        List<RunRecord> runs = rounds.round();
        long writes = MacroFigures.writesBetween(zxidBefore, cluster.zxid());
        List<ShardRecord> shards = TriggerRounds.shardsOf(runs);
        long[] starts = shards.stream().mapToLong(ShardRecord::getStartedMillis).toArray();
        long[] ends = shards.stream().mapToLong(ShardRecord::getFinishedMillis).toArray();
        return new Measured(new MacroFigures.Throughput(shards.size(), MacroFigures.window(starts, ends), writes),
                MacroFigures.series(ends, 100));
    }
}
