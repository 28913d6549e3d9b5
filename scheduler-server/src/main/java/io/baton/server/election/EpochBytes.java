package io.baton.server.election;

import java.nio.ByteBuffer;

/** The stored form of the leader epoch in {@code /epoch}: 8 bytes, big-endian. Pure. */
final class EpochBytes {
    static final int LENGTH = Long.BYTES;

    private EpochBytes() {}

    static byte[] encode(long epoch) {
        return ByteBuffer.allocate(LENGTH).putLong(epoch).array();
    }

    static long decode(byte[] data) {
        if (data == null || data.length != LENGTH) {
            throw new IllegalStateException("/epoch holds " + (data == null ? "no data" : data.length + " bytes")
                    + ", expected an " + LENGTH + "-byte epoch");
        }
        return ByteBuffer.wrap(data).getLong();
    }
}
