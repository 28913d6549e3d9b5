package io.baton.server.election;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The stored form of the leader epoch in {@code /epoch}: 8 bytes, big-endian; after them, when a leader that
 * stepped down handed the epoch on ({@link EpochStore#handOver}), the latch node path of the successor it
 * handed it to (UTF-8). Pure.
 */
final class EpochBytes {
    static final int LENGTH = Long.BYTES;

    private EpochBytes() {}

    static byte[] encode(long epoch) {
        return ByteBuffer.allocate(LENGTH).putLong(epoch).array();
    }

    /** {@code epoch}, handed to the candidate whose latch node is {@code successorLatchNode}. */
    static byte[] encode(long epoch, String successorLatchNode) {
        byte[] path = successorLatchNode.getBytes(StandardCharsets.UTF_8);
        if (path.length == 0) throw new IllegalArgumentException("no successor latch node");
        return ByteBuffer.allocate(LENGTH + path.length).putLong(epoch).put(path).array();
    }

    static long decode(byte[] data) {
        if (data == null || data.length < LENGTH) {
            throw new IllegalStateException("/epoch holds " + (data == null ? "no data" : data.length + " bytes")
                    + ", expected an " + LENGTH + "-byte epoch");
        }
        return ByteBuffer.wrap(data).getLong();
    }

    /** The latch node the stored epoch was handed to; empty when a winner bumped it. */
    static Optional<String> handedTo(byte[] data) {
        decode(data);
        return data.length == LENGTH ? Optional.empty()
                : Optional.of(new String(data, LENGTH, data.length - LENGTH, StandardCharsets.UTF_8));
    }
}
