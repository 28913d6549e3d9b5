package io.baton.server.coordinator;

import java.time.Duration;

/**
 * Timing of a leader term. {@code recoveryWindow}: how long a new leader waits for registered workers to
 * report what they run before it re-dispatches unclaimed shards. {@code helloTimeout}: how long a worker
 * has to answer the leader's hello. {@code createRetry}: pause before retrying a failed run creation.
 */
public record CoordinatorConfig(Duration recoveryWindow, Duration helloTimeout, Duration createRetry) {
    public static CoordinatorConfig defaults() {
        return new CoordinatorConfig(Duration.ofMillis(1500), Duration.ofSeconds(1), Duration.ofMillis(200));
    }
}
