package io.baton.common.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.ByteOrder;

/**
 * Splits the inbound byte stream into frames: a 4-byte big-endian body length, then the body, which may be
 * at most {@code maxFrameBytes} long. A longer frame fails at once (before its body arrives) with
 * "frame too large: N > max"; after that the decoder discards everything, because the connection is being
 * closed and a stream that lost its framing cannot be trusted again.
 */
final class FrameDecoder extends LengthFieldBasedFrameDecoder {
    static final int LENGTH_BYTES = 4;

    private final int maxFrameBytes;
    private boolean failed;

    FrameDecoder(int maxFrameBytes) {
        // The superclass limit counts the length field too; ours (checked first) counts the body only.
        super((int) Math.min(Integer.MAX_VALUE, (long) maxFrameBytes + LENGTH_BYTES), 0, LENGTH_BYTES, 0, LENGTH_BYTES, true);
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return null;
        }
        return super.decode(ctx, in);
    }

    @Override
    protected long getUnadjustedFrameLength(ByteBuf buf, int offset, int length, ByteOrder order) {
        long bodyLength = super.getUnadjustedFrameLength(buf, offset, length, order);
        if (bodyLength > maxFrameBytes) {
            failed = true;
            throw new TooLongFrameException("frame too large: " + bodyLength + " > " + maxFrameBytes);
        }
        return bodyLength;
    }
}
