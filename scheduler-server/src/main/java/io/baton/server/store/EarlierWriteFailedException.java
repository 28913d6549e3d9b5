package io.baton.server.store;

/**
 * A write that was to be stored only after an earlier one of the same kind (see
 * {@link RunStore#create(java.util.List, java.util.List, io.baton.server.election.LeaderTerm, java.util.concurrent.CompletableFuture)})
 * was not sent, or not sent again, because that earlier one failed: nothing of it was written. The caller sends
 * both again, in their order, or gives up on both.
 */
public final class EarlierWriteFailedException extends RuntimeException {
    public EarlierWriteFailedException() {
        super("not written: a write it had to follow failed");
    }
}
