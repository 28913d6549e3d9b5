package io.baton.server.election;

/**
 * One term of leadership: the epoch this leader bumped {@code /epoch} to, and the ZooKeeper version of
 * {@code /epoch} right after that bump. Every write the leader makes checks {@code /epoch} still has
 * {@code epochVersion} in the same multi, so once a newer leader bumps the epoch, this term's writes fail.
 */
public record LeaderTerm(long epoch, int epochVersion) {
    public LeaderTerm {
        if (epoch <= 0) throw new IllegalArgumentException("epoch must be positive: " + epoch);
        if (epochVersion < 0) throw new IllegalArgumentException("epochVersion must not be negative: " + epochVersion);
    }
}
