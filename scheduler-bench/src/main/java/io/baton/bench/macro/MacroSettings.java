package io.baton.bench.macro;

import java.time.Duration;
import java.util.List;

/**
 * The sizes of the macro benchmark. {@link #quick()} keeps the whole macro part to a couple of minutes;
 * {@link #full()} is what the report's headline figures come from.
 *
 * @param workers          worker JVMs
 * @param capacity         slots per worker
 * @param throughputRuns   runs submitted at once in the throughput scenario
 * @param shardsPerRun     shards per run there (a no-op handler; at most 1,000, the per-job limit)
 * @param warmUp           how long each cluster runs rounds of triggers before it is measured (JIT, heap
 *                         sizing, connections): figures describe a scheduler that has been running a while
 * @param throughputRounds measured rounds of the throughput scenario (the median is its headline)
 * @param fireRates        fires per second in the latency scenario, one cluster per rate
 * @param latencyWindow    how long each rate is measured, after a settling period
 * @param scale            the scale scenario's sizes
 * @param failover         the failover trials (a cluster of their own)
 */
public record MacroSettings(int workers, int capacity, int throughputRuns, int shardsPerRun, Duration warmUp,
                            int throughputRounds, List<Integer> fireRates, Duration latencyWindow, ScaleSettings scale,
                            FailoverSettings failover) {
    public MacroSettings {
        fireRates = List.copyOf(fireRates);
        if (workers < 1 || capacity < 1 || throughputRuns < 1 || shardsPerRun < 1 || throughputRounds < 1) throw new IllegalArgumentException("sizes must be positive");
    }

    public static MacroSettings quick() {
        return new MacroSettings(2, 256, 16, 1_000, Duration.ofSeconds(15), 5, List.of(100, 1_000), Duration.ofSeconds(5), ScaleSettings.quick(),
                FailoverSettings.quick());
    }

    public static MacroSettings full() {
        return new MacroSettings(2, 512, 60, 1_000, Duration.ofSeconds(45), 5, List.of(100, 1_000, 5_000, 10_000), Duration.ofSeconds(20), ScaleSettings.full(),
                FailoverSettings.full());
    }

    /** The same with other sizes of the scale scenario. */
    public MacroSettings withScale(ScaleSettings other) {
        return new MacroSettings(workers, capacity, throughputRuns, shardsPerRun, warmUp, throughputRounds, fireRates, latencyWindow,
                other, failover);
    }

    /** Seconds of a smoke run: one tiny run of each scenario, to keep the harness from rotting. */
    public static MacroSettings smoke() {
        return new MacroSettings(1, 64, 1, 200, Duration.ofMillis(1), 1, List.of(50), Duration.ofSeconds(2), ScaleSettings.smoke(), FailoverSettings.smoke());
    }
}
