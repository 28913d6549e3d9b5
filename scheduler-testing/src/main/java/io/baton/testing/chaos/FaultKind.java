package io.baton.testing.chaos;

/**
 * The faults the chaos suite injects; every suite run injects each kind at least once. The comment of each
 * says what is done and for how long, and what must hold while it lasts.
 */
public enum FaultKind {
    /** {@code kill -9} of the leading scheduler during a dispatch burst; it is restarted as a follower. */
    LEADER_KILL(true),
    /** {@code kill -9} of a worker that is running shards; it is restarted under the same id. */
    WORKER_KILL(false),
    /** {@code SIGSTOP} of a busy worker beyond the ZooKeeper session timeout, then {@code SIGCONT}: a zombie. */
    WORKER_STOP(false),
    /** {@code SIGSTOP} of the leader beyond the session timeout, then {@code SIGCONT}: it must not act again. */
    LEADER_STOP(true),
    /** {@code kill -9} of one ZooKeeper node, restarted a few seconds later: no visible effect. */
    ZOOKEEPER_NODE_LOSS(false),
    /** As {@link #ZOOKEEPER_NODE_LOSS}, but the node the leader's session is connected to: its session moves. */
    ZOOKEEPER_LEADERS_NODE_LOSS(false),
    /** {@code kill -9} of two ZooKeeper nodes (quorum lost: no dispatch), both restarted a few seconds later. */
    ZOOKEEPER_QUORUM_LOSS(true),
    /** Every scheduler node killed at once and started again: the state comes back from ZooKeeper. */
    SCHEDULERS_RESTART(true),
    /** {@code SIGTERM} of a busy worker: its shards finish or are handed back; it is restarted afterwards. */
    WORKER_TERM(false);

    private final boolean endsLeadership;

    FaultKind(boolean endsLeadership) {
        this.endsLeadership = endsLeadership;
    }

    /** Whether the fault ends the current leader's term, so a new epoch must take over and dispatch. */
    public boolean endsLeadership() {
        return endsLeadership;
    }
}
