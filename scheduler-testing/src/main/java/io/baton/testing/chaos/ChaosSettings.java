package io.baton.testing.chaos;

import io.baton.testing.ClusterSettings;
import java.time.Duration;

/**
 * How a chaos run is set up: how long the fault phase may take (every fault kind is injected at least once
 * however short it is), the random seed (the same seed gives the same workload and fault plan), the worker
 * count and slots, how often API jobs are triggered, and the processes' settings (run directory, session
 * timeout, class path) as {@link ClusterSettings}.
 */
public record ChaosSettings(Duration faultPhase, long seed, int workers, int workerCapacity, Duration triggerInterval,
                            ClusterSettings cluster) {
    public static final int ZOOKEEPER_NODES = 3;
    public static final int SCHEDULERS = 3;

    public ChaosSettings {
        if (workers < 2) throw new IllegalArgumentException("a chaos run needs at least 2 workers, got " + workers);
        if (workerCapacity < 1) throw new IllegalArgumentException("worker capacity must be at least 1, got " + workerCapacity);
        if (faultPhase.isNegative()) throw new IllegalArgumentException("negative fault phase: " + faultPhase);
    }

    /** 4 workers × 4 slots, an API trigger every 800 ms, 2 s ZooKeeper sessions. */
    public static ChaosSettings defaults(Duration faultPhase, long seed, ClusterSettings cluster) {
        return new ChaosSettings(faultPhase, seed, 4, 4, Duration.ofMillis(800), cluster.withSessionTimeout(Duration.ofSeconds(2)));
    }
}
