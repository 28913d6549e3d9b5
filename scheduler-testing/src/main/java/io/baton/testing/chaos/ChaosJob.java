package io.baton.testing.chaos;

import io.baton.proto.v1.MisfirePolicy;

/**
 * A job of the chaos workload as the checker needs to know it: a cron job (every fire in the checked
 * window must make exactly one run, or be folded into one by FIRE_ONCE_NOW after an outage) or an API job
 * (run by triggers only; every acknowledged trigger must make exactly one run).
 */
public record ChaosJob(String name, Kind kind, String cron, MisfirePolicy misfire, int shards, long createdMillis) {
    public enum Kind { CRON, API }

    public ChaosJob withCreatedMillis(long millis) {
        return new ChaosJob(name, kind, cron, misfire, shards, millis);
    }
}
