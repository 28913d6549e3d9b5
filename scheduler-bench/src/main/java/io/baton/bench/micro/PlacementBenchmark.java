package io.baton.bench.micro;

import io.baton.server.placement.ShardPlacer;
import io.baton.server.placement.WorkerSlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The leader's shard placement ({@link ShardPlacer}, least running first, ties round-robin) of one run's
 * {@code shards} over {@code workers} live workers, each with {@code capacity} slots and a random load.
 * One placer serves every invocation, as one serves a whole term. Score: shards placed per second (each
 * invocation places one run of {@link #SHARDS} shards).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PlacementBenchmark {
    static final String HANDLER = "demo.sleep";

    @Param({"1000"})
    public int workers;
    static final int SHARDS = 10_000;
    @Param({"16"})
    public int capacity;

    private final ShardPlacer placer = new ShardPlacer();
    private List<WorkerSlot> slots;
    private List<Integer> shardIndexes;

    @Setup
    public void setUp() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        slots = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            Set<String> handlers = w % 10 == 9 ? Set.of("other") : Set.of(HANDLER, "other");
            slots.add(new WorkerSlot("worker-" + w, capacity, random.nextInt(capacity / 2 + 1), handlers));
        }
        shardIndexes = new ArrayList<>(SHARDS);
        for (int s = 0; s < SHARDS; s++) shardIndexes.add(s);
    }

    /** Shards placed per invocation (all of them when capacity allows). */
    @Benchmark
    @OperationsPerInvocation(SHARDS)
    public int placeRun() {
        return placer.place(HANDLER, shardIndexes, slots).size();
    }

    /** How many of the run's shards one invocation places; the report turns runs/s into shards/s with it. */
    int placedPerInvocation() {
        return new ShardPlacer().place(HANDLER, shardIndexes, slots).size();
    }
}
