package io.baton.testing.chaos;

import java.util.Optional;

/**
 * One API trigger the workload made with an idempotency key: the run id the cluster acknowledged, or empty
 * when every try (all with the same key) failed, in which case the trigger may or may not have started a run.
 */
public record TriggerRecord(String job, String key, Optional<String> runId, long ackMillis) {
    public boolean acknowledged() {
        return runId.isPresent();
    }
}
