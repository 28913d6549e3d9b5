package io.baton.bench.macro;

/**
 * The failover trials of the macro benchmark, each with what its figure measures and its target
 * (issue 6). Worker detection is by RPC heartbeats (100 ms heartbeats, 500 ms idle), not by the ZooKeeper
 * session; a killed leader is replaced only once its session expires; a graceful hand-over needs neither.
 */
public enum FailoverKind {
    /** {@code kill -9} of a worker running shards → the last of its interrupted shards started on another worker. */
    WORKER_KILL("worker kill -9 → its interrupted shards running elsewhere (last of them)", "worker-kill"),
    /** {@code kill -9} of the leader → the first shard started under a newer epoch. */
    LEADER_KILL("leader kill -9 → first dispatch by the new leader", "leader-kill"),
    /** {@code leader resign} through the SDK → the first shard started under a newer epoch. */
    LEADER_RESIGN("leader resign (SDK) → first dispatch by the new leader", "leader-resign"),
    /** SIGTERM of the leader (a graceful stop) → the first shard started under a newer epoch. */
    LEADER_TERM("leader SIGTERM → first dispatch by the new leader", "leader-sigterm");

    static final long WORKER_TARGET_MILLIS = 500;
    static final long LEADER_KILL_MARGIN_MILLIS = 700;
    static final long GRACEFUL_TARGET_MILLIS = 100;

    private final String description;
    private final String label;

    FailoverKind(String description, String label) {
        this.description = description;
        this.label = label;
    }

    /** What the figure measures, for the report. */
    public String description() {
        return description;
    }

    /** A short name for the CSV. */
    public String label() {
        return label;
    }

    /** The p99 target in milliseconds, given the ZooKeeper session timeout the cluster used. */
    public long targetMillis(long sessionTimeoutMillis) {
        return switch (this) {
            case WORKER_KILL -> WORKER_TARGET_MILLIS;
            case LEADER_KILL -> sessionTimeoutMillis + LEADER_KILL_MARGIN_MILLIS;
            case LEADER_RESIGN, LEADER_TERM -> GRACEFUL_TARGET_MILLIS;
        };
    }

    /** Whether the trial ends the leader's term (its figure is then the next epoch's first dispatch). */
    public boolean endsTerm() {
        return this != WORKER_KILL;
    }
}
