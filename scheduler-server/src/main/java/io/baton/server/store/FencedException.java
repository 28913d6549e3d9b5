package io.baton.server.store;

import io.baton.server.election.LeaderTerm;

/**
 * A store write was refused because {@code /epoch} no longer has the version of the writer's term: a newer
 * leader bumped it, so this node was deposed and must stop acting as leader.
 */
public final class FencedException extends RuntimeException {
    private final transient LeaderTerm term;

    public FencedException(LeaderTerm term) {
        super("term of epoch " + term.epoch() + " is fenced: /epoch is no longer at version " + term.epochVersion());
        this.term = term;
    }

    public LeaderTerm term() {
        return term;
    }
}
