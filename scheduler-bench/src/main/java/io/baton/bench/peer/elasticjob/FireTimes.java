package io.baton.bench.peer.elasticjob;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scheduled fire time (epoch ms) of each job's current Quartz fire in this instance, written by
 * {@link QuartzRunObserver} when Quartz fires the job and read by {@link NoOpShardJob} when a shard starts.
 * ElasticJob does not hand the fire time to a job; each job has its own Quartz scheduler with one thread,
 * so a job's shards always belong to its latest fire.
 */
final class FireTimes {
    static final long UNKNOWN = -1;

    private final Map<String, Long> latest = new ConcurrentHashMap<>();

    void fired(String job, long scheduledFireMillis) {
        latest.put(job, scheduledFireMillis);
    }

    long current(String job) {
        return latest.getOrDefault(job, UNKNOWN);
    }
}
