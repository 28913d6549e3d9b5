package io.baton.bench.macro;

import java.time.Duration;

/**
 * The sizes of the failover scenario ({@link FailoverScenario}): the cluster, the steady workload it runs,
 * and how many trials of each {@link FailoverKind}.
 *
 * @param schedulers      scheduler nodes (at least 2: a leader must have a successor)
 * @param workers         worker JVMs (at least 2: a killed worker's shards need somewhere to go)
 * @param capacity        slots per worker; room for a lost worker's shards, so restarts never queue
 * @param sessionTimeout  ZooKeeper session timeout of every node (the leader-kill target is this + 0.7 s)
 * @param trialsPerKind   trials of each kind, interleaved (worker kill, leader kill, resign, SIGTERM, again)
 * @param longJobs        fixed-rate jobs (every second, overlapping runs) of {@code workers} sleeping shards each,
 *                        so every worker is running shards when one is killed
 * @param longShardMillis how long each of those shards sleeps
 * @param tickJobs        one-shard no-op jobs firing once a second with phases spread evenly, so a new leader's
 *                        first dispatch is at most {@code 1000 / tickJobs} ms after it could dispatch
 * @param restartSettle   how long a restarted process runs at least before the next trial; then until it used at
 *                        most a fifth of a core for a whole second, at most 30 s ({@link QuietRule}): its start-up
 *                        (class loading, first compilations, first takeover rehearsals) is over, as it would be
 *                        for a standby in production
 */
public record FailoverSettings(int schedulers, int workers, int capacity, Duration sessionTimeout, int trialsPerKind,
                               int longJobs, long longShardMillis, int tickJobs, Duration restartSettle) {
    public FailoverSettings {
        if (schedulers < 2 || workers < 2) throw new IllegalArgumentException("failover needs at least 2 schedulers and 2 workers");
        if (capacity < 1 || trialsPerKind < 1 || longJobs < 1 || longShardMillis < 1 || tickJobs < 1) {
            throw new IllegalArgumentException("sizes must be positive");
        }
    }

    /** 3 trials of each kind (about 4 minutes on a loaded 2-core machine); production's default 3 s sessions. */
    public static FailoverSettings quick() {
        return new FailoverSettings(3, 3, 16, Duration.ofSeconds(3), 3, 2, 2_500, 50, Duration.ofSeconds(5));
    }

    /** 20 trials of each kind (a round of 4 trials takes about a minute: 20+ minutes). */
    public static FailoverSettings full() {
        return new FailoverSettings(3, 3, 16, Duration.ofSeconds(3), 20, 2, 2_500, 50, Duration.ofSeconds(5));
    }

    /**
     * One trial of each kind on the smallest cluster: keeps the harness from rotting. 3 s sessions like the
     * others: with 2 s, sessions expired while the JVMs started on a machine busy with other builds.
     */
    public static FailoverSettings smoke() {
        return new FailoverSettings(2, 2, 16, Duration.ofSeconds(3), 1, 1, 2_000, 20, Duration.ofSeconds(1));
    }
}
