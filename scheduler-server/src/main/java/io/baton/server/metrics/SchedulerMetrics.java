package io.baton.server.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.baton.server.coordinator.CoordinatorCounters;
import io.baton.server.store.RunStore;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Dropwizard metrics of one scheduler node, named {@code baton.scheduler.*}. Gauges read the counters of
 * whichever term this node leads now (zero when it does not lead); the registry outlives terms.
 */
public final class SchedulerMetrics {
    private final MetricRegistry registry;

    public SchedulerMetrics(MetricRegistry registry, Supplier<Optional<Long>> epoch,
                            Supplier<Optional<CoordinatorCounters>> counters, Supplier<Optional<RunStore>> runStore) {
        this.registry = registry;
        registry.register("baton.scheduler.leader", (Gauge<Integer>) () -> epoch.get().isPresent() ? 1 : 0);
        registry.register("baton.scheduler.epoch", (Gauge<Long>) () -> epoch.get().orElse(0L));
        counter("shards.dispatched", counters, CoordinatorCounters::dispatched);
        counter("shards.succeeded", counters, CoordinatorCounters::acceptedSuccesses);
        counter("shards.failed", counters, CoordinatorCounters::acceptedFailures);
        counter("shards.attempts_lost", counters, CoordinatorCounters::attemptsLost);
        counter("shards.adopted", counters, CoordinatorCounters::adopted);
        counter("reports.stale_rejected", counters, CoordinatorCounters::staleReports);
        counter("runs.created", counters, CoordinatorCounters::runsCreated);
        counter("runs.finished", counters, CoordinatorCounters::runsFinished);
        counter("runs.queued", counters, CoordinatorCounters::runsQueued);
        counter("runs.cancelled", counters, CoordinatorCounters::runsCancelled);
        counter("shards.retries_scheduled", counters, CoordinatorCounters::retriesScheduled);
        counter("shards.timed_out_by_leader", counters, CoordinatorCounters::attemptsTimedOut);
        counter("fires.skipped", counters, CoordinatorCounters::firesSkipped);
        counter("fires.misfired", counters, CoordinatorCounters::misfires);
        counter("fires.decided_ahead", counters, CoordinatorCounters::firesDecidedAhead);
        registry.register("baton.scheduler.zk.run_multis", (Gauge<Long>) () -> runStore.get().map(RunStore::multis).orElse(0L));
        registry.register("baton.scheduler.zk.run_ops", (Gauge<Long>) () -> runStore.get().map(RunStore::opsWritten).orElse(0L));
        registry.register("baton.scheduler.zk.run_multis_settled_stored", (Gauge<Long>) () -> runStore.get().map(RunStore::settledStored).orElse(0L));
        registry.register("baton.scheduler.zk.run_multis_sent_again", (Gauge<Long>) () -> runStore.get().map(RunStore::settledResent).orElse(0L));
    }

    private void counter(String name, Supplier<Optional<CoordinatorCounters>> counters, ToLongFunction<CoordinatorCounters> read) {
        registry.register("baton.scheduler." + name, (Gauge<Long>) () -> counters.get().map(read::applyAsLong).orElse(0L));
    }

    public MetricRegistry registry() {
        return registry;
    }
}
