package io.baton.bench.macro;

import io.baton.client.BatonClient;
import io.baton.client.JobSpecs;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Rounds of API triggers on a running cluster: {@code runs} jobs of {@code shardsPerRun} no-op shards
 * ({@code demo.echo}), stored once, then all triggered at once from concurrent threads (as independent users
 * would) and awaited. The throughput scenario measures such rounds; every scenario warms its cluster up with
 * them first ({@link #warmUp}), so figures describe JIT-compiled code on sized heaps, as in a scheduler that has
 * been running for a while, not the first seconds of fresh JVMs.
 */
public final class TriggerRounds implements AutoCloseable {
    private static final String HANDLER = "demo.echo";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    /** A cron schedule that never fires here: the jobs run only when triggered. */
    private static final String NEVER = "0 0 0 1 1 ? 2099";

    /** What a warm-up did: rounds and shards run, and how long it took. */
    public record WarmUp(int rounds, long shards, long millis) {}

    private final BatonClient client;
    private final List<String> names;
    private final ExecutorService pool;

    private TriggerRounds(BatonClient client, List<String> names) {
        this.client = client;
        this.names = names;
        this.pool = Executors.newFixedThreadPool(Math.min(16, names.size()));
    }

    /** Stores {@code runs} jobs named {@code prefix-i}; each round triggers every one of them. */
    public static TriggerRounds create(BatonClient client, String prefix, int runs, int shardsPerRun) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < runs; i++) names.add(prefix + "-" + i);
        // the jobs exist before any round, as they would in production: rounds measure runs only
        for (String name : names) client.submit(JobSpecs.cron(name, HANDLER, shardsPerRun, NEVER, "UTC").build());
        return new TriggerRounds(client, names);
    }

    /** Runs rounds until {@code duration} has passed (none for a zero duration). */
    public WarmUp warmUp(Duration duration) {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        int rounds = 0;
        long shards = 0;
        while (System.nanoTime() - deadline < 0) {
            for (RunRecord run : round()) shards += run.getShardsCount();
            rounds++;
        }
        return new WarmUp(rounds, shards, (System.nanoTime() - start) / 1_000_000);
    }

    /** Triggers every job at once and waits for all the runs; fails unless every run succeeded. */
    public List<RunRecord> round() {
        List<RunRecord> done = new ArrayList<>();
        for (String id : triggerAll()) {
            RunRecord run = client.awaitRun(id, RUN_TIMEOUT);
            if (run.getState() != RunState.RUN_STATE_SUCCEEDED) throw new IllegalStateException("run " + id + " ended " + run.getState());
            done.add(run);
        }
        return done;
    }

    /** The shards of {@code runs}, as the cluster recorded them. */
    public static List<ShardRecord> shardsOf(List<RunRecord> runs) {
        return runs.stream().flatMap(r -> r.getShardsList().stream()).toList();
    }

    private List<String> triggerAll() {
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (String name : names) ids.add(pool.submit(() -> client.trigger(name).getRunId()));
            List<String> out = new ArrayList<>();
            for (Future<String> id : ids) out.add(id.get(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            return out;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a trigger failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("triggers did not complete: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
