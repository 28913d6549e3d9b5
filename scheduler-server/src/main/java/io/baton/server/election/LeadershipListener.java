package io.baton.server.election;

/**
 * Told by {@link LeaderElection} when this node starts and stops leading. Both callbacks come in order on
 * the election's single event thread: {@code onLeadershipEnded} for a term always precedes
 * {@code onLeadershipGained} for the next one, and is called exactly once per gained term. Implementations
 * should return quickly (hand work to their own thread); a slow callback delays the next leadership event.
 */
public interface LeadershipListener {
    /**
     * This node won the latch and is about to bump the epoch; {@code storeVersion} is the version of
     * {@code /store-sequence} read with the epoch (empty when the node does not exist yet) and
     * {@code storeZxid} its mzxid (0 when absent), which names the stored jobs and runs exactly (every write of
     * them writes that node), so a snapshot handed over under that zxid is what is stored. The bump applies
     * only if the store (and the cordons) are still as they were, so the stored jobs, runs and cordons may be
     * read from now on, while the bump is written: if {@link #onLeadershipGained} follows, they are what the
     * new term starts from.
     * Called once per attempt (a bump that met a concurrent change reads again and calls again; the last call
     * before {@code onLeadershipGained} is the one that holds). Default: nothing.
     */
    default void onTermAhead(java.util.OptionalInt storeVersion, long storeZxid) {}

    /**
     * This node steps down from {@code term} (resign, close) and is about to hand the next epoch on; its
     * {@link #onLeadershipEnded} came first, so the term writes nothing new. A listener may take a brief moment
     * (a few milliseconds) to prepare what the successor needs, and may return the version of
     * {@code /store-sequence} it prepared it from: the hand-over then applies only if the store is still there.
     * Default: nothing, no such condition.
     */
    default java.util.OptionalInt beforeHandOver(LeaderTerm term) {
        return java.util.OptionalInt.empty();
    }

    /**
     * The epoch after {@code term} was handed on ({@code to}: the term and the candidate it went to) or not (empty:
     * this node left the election without handing it on): the successor may be starting now. Follows
     * {@link #beforeHandOver}. Default: nothing.
     */
    default void handedOver(LeaderTerm term, java.util.Optional<HandedTerm> to) {}

    /** This node now leads with {@code term}; every store write of this term must carry it. */
    void onLeadershipGained(LeaderTerm term);

    /** The term is over (session lost, resigned, closed): stop acting on it at once. */
    void onLeadershipEnded(LeaderTerm term, String reason);

    /**
     * The connection to ZooKeeper is in doubt (SUSPENDED): the term may already be over without this node
     * knowing, so dispatch nothing until {@link #onLeadershipResumed} (or {@link #onLeadershipEnded}).
     */
    void onLeadershipSuspended(LeaderTerm term, String reason);

    /** The connection came back with the same session, so no one else can have led meanwhile: carry on. */
    void onLeadershipResumed(LeaderTerm term);
}
