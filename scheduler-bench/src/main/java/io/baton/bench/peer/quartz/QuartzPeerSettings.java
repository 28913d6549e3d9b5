package io.baton.bench.peer.quartz;

import io.baton.bench.macro.MacroSettings;
import java.time.Duration;
import java.util.List;

/**
 * The sizes of the Quartz peer's scenarios, taken from Baton's {@link MacroSettings} so both do the same
 * work: as many instances as Baton has workers, each with as many threads as a worker has slots;
 * {@code executions} no-op executions in the throughput scenario (Baton's runs × shards per run, each
 * shard one Quartz job execution), grouped into jobs of {@code executionsPerJob} triggers like Baton's
 * runs; the same fire rates and measurement window.
 */
public record QuartzPeerSettings(int instances, int threads, int executions, int executionsPerJob, List<Integer> fireRates,
                                 Duration latencyWindow) {
    public QuartzPeerSettings {
        fireRates = List.copyOf(fireRates);
        if (instances < 1 || threads < 1 || executions < 1 || executionsPerJob < 1) throw new IllegalArgumentException("sizes must be positive");
    }

    public static QuartzPeerSettings of(MacroSettings baton) {
        return new QuartzPeerSettings(baton.workers(), baton.capacity(), baton.throughputRuns() * baton.shardsPerRun(),
                baton.shardsPerRun(), baton.fireRates(), baton.latencyWindow());
    }

    /** The same settings with fewer (or more) executions in the throughput scenario: its figure is a rate. */
    public QuartzPeerSettings withExecutions(int count) {
        return new QuartzPeerSettings(instances, threads, count, Math.min(executionsPerJob, count), fireRates, latencyWindow);
    }
}
