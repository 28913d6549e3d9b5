package io.baton.server.election;

/**
 * A term a stepping-down leader handed on: {@code term} (the epoch after its own, and the version of
 * {@code /epoch} its hand-over left), given to the candidate whose latch node is {@code latchNode}.
 */
public record HandedTerm(LeaderTerm term, String latchNode) {
    public HandedTerm {
        if (latchNode == null || latchNode.isEmpty()) throw new IllegalArgumentException("a handed term names a latch node");
    }
}
