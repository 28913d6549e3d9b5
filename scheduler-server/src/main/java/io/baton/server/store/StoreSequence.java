package io.baton.server.store;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * The arithmetic of {@code /store-sequence}, the node every run-store multi writes with a version check.
 * Pure.
 *
 * <p>Two guarantees follow from it. Order: a multi applies only if every multi sent before it on this
 * writer applied (or was refused), so no two multis are ever stored out of order, even across a
 * reconnection. Knowledge: the node's data names the writer and the number of the last multi that applied
 * ({@link Mark}), so after a connection loss the writer reads it and knows which of its multis in doubt were
 * stored and which must be sent again; no new term is needed.
 *
 * <p>ZooKeeper versions are ints that wrap past {@link Integer#MAX_VALUE} (and -1 means "any version"), so
 * the multi that would check version {@code wrapAt} deletes the node and creates it again instead (version
 * 0). Multi numbers are longs and never wrap.
 */
final class StoreSequence {
    /** Default version at which the node is recreated; ~10^9 multis, days at full speed. */
    static final int DEFAULT_WRAP_AT = 1 << 30;

    private final int wrapAt;

    StoreSequence(int wrapAt) {
        if (wrapAt < 1) throw new IllegalArgumentException("wrapAt must be positive: " + wrapAt);
        this.wrapAt = wrapAt;
    }

    /** The node's version after a multi that checked {@code version} applied. */
    int next(int version) {
        return version >= wrapAt ? 0 : version + 1;
    }

    /** Whether the multi checking {@code version} recreates the node (delete + create) instead of setting it. */
    boolean recreates(int version) {
        return version >= wrapAt;
    }

    /** What the node says: the writer that last wrote it and the number of that writer's multi. */
    record Mark(long writerId, long multiNumber) {
        static final int BYTES = 16;

        byte[] toBytes() {
            return ByteBuffer.allocate(BYTES).putLong(writerId).putLong(multiNumber).array();
        }

        /** Empty for a node created without a mark (or by something else). */
        static Optional<Mark> parse(byte[] data) {
            if (data == null || data.length != BYTES) return Optional.empty();
            ByteBuffer b = ByteBuffer.wrap(data);
            return Optional.of(new Mark(b.getLong(), b.getLong()));
        }
    }

    /**
     * Whether multi number {@code multiNumber} of writer {@code writerId}, whose outcome a connection loss
     * hid, was stored, given the node's {@code mark} read after reconnecting. Multis of one writer apply in
     * order of number (each checks the version the one before it left), so it was stored if the mark names
     * this writer and a number at least as high. A mark of another writer (or none) means it was not
     * stored, or it was and a newer leader has written since: one writer serves a term, and another term's
     * writes carry another epoch. Sending it again is safe either way: the epoch check fences the second.
     */
    static boolean stored(long writerId, long multiNumber, Optional<Mark> mark) {
        return mark.isPresent() && mark.get().writerId() == writerId && mark.get().multiNumber() >= multiNumber;
    }
}
