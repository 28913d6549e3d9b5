package io.baton.server.coordinator;

import java.time.Duration;

/**
 * Timing of a leader term. {@code recoveryWindow}: how long a new leader waits for registered workers to
 * report what they run before it re-dispatches unclaimed shards. {@code helloTimeout}: how long a worker
 * has to answer the leader's hello. {@code createRetry}: pause before retrying a failed run creation.
 * {@code misfireThreshold}: how late a single fire may be and still count as on time (beyond it, or when two
 * fires of a job are due at once, the job's misfire policy decides). {@code timeoutGrace}: how long after an
 * attempt's timeout the leader waits for the worker's TIMED_OUT report before it times the attempt out itself.
 * {@code fireLead}: how long before its time a scheduled fire may be decided and its run stored, so its shards
 * are dispatched at the fire instant instead of after a ZooKeeper write (0: decide fires when due).
 * {@code dispatchLead}: how long before its fire time a run decided ahead sends its shards; the worker holds
 * each one's slot and starts it at the instant, so neither the leader's timer nor its loop nor the network sit
 * between the fire and the start (0: send at the fire instant). At most {@code fireLead} takes effect.
 */
public record CoordinatorConfig(Duration recoveryWindow, Duration helloTimeout, Duration createRetry,
                                Duration misfireThreshold, Duration timeoutGrace, Duration fireLead, Duration dispatchLead) {
    public static final Duration DEFAULT_MISFIRE_THRESHOLD = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TIMEOUT_GRACE = Duration.ofSeconds(2);
    public static final Duration DEFAULT_FIRE_LEAD = Duration.ofSeconds(1);
    public static final Duration DEFAULT_DISPATCH_LEAD = Duration.ofMillis(50);

    public CoordinatorConfig {
        if (fireLead.isNegative()) throw new IllegalArgumentException("fireLead must not be negative: " + fireLead);
        if (dispatchLead.isNegative()) throw new IllegalArgumentException("dispatchLead must not be negative: " + dispatchLead);
    }

    public CoordinatorConfig(Duration recoveryWindow, Duration helloTimeout, Duration createRetry) {
        this(recoveryWindow, helloTimeout, createRetry, DEFAULT_MISFIRE_THRESHOLD, DEFAULT_TIMEOUT_GRACE, DEFAULT_FIRE_LEAD,
                DEFAULT_DISPATCH_LEAD);
    }

    public static CoordinatorConfig defaults() {
        return new CoordinatorConfig(Duration.ofMillis(1500), Duration.ofSeconds(1), Duration.ofMillis(200));
    }

    public CoordinatorConfig withTimeoutGrace(Duration grace) {
        return new CoordinatorConfig(recoveryWindow, helloTimeout, createRetry, misfireThreshold, grace, fireLead, dispatchLead);
    }

    public CoordinatorConfig withMisfireThreshold(Duration threshold) {
        return new CoordinatorConfig(recoveryWindow, helloTimeout, createRetry, threshold, timeoutGrace, fireLead, dispatchLead);
    }

    public CoordinatorConfig withFireLead(Duration lead) {
        return new CoordinatorConfig(recoveryWindow, helloTimeout, createRetry, misfireThreshold, timeoutGrace, lead, dispatchLead);
    }

    public CoordinatorConfig withDispatchLead(Duration lead) {
        return new CoordinatorConfig(recoveryWindow, helloTimeout, createRetry, misfireThreshold, timeoutGrace, fireLead, lead);
    }
}
