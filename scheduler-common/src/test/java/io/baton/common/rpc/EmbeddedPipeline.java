package io.baton.common.rpc;

import io.baton.proto.v1.Envelope;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** The real Baton pipeline on an EmbeddedChannel, with helpers that speak raw frames to it. */
final class EmbeddedPipeline {
    final EmbeddedChannel channel = new EmbeddedChannel();

    EmbeddedPipeline(RpcConfig config, MessageListener listener) {
        // time moves only through advanceTimeBy, so timer tests do not depend on how fast the machine is
        channel.freezeTime();
        ChannelSetup.configure(channel.pipeline(), config, listener);
    }

    NettyRpcConnection connection() {
        return NettyRpcConnection.of(channel);
    }

    /** One wire frame: 4-byte big-endian length, then the serialized envelope. */
    static ByteBuf frame(Envelope e) {
        byte[] body = e.toByteArray();
        return Unpooled.buffer().writeInt(body.length).writeBytes(body);
    }

    void receive(Envelope e) {
        channel.writeInbound(frame(e));
    }

    /** The raw bytes the pipeline has written so far. */
    byte[] writtenBytes() {
        channel.flushOutbound();
        ByteBuf out = Unpooled.buffer();
        for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
            out.writeBytes(part);
            part.release();
        }
        byte[] bytes = ByteBufUtil.getBytes(out);
        out.release();
        return bytes;
    }

    /** Every envelope the pipeline has written so far, parsed back from the raw bytes. */
    List<Envelope> written() throws Exception {
        ByteBuffer out = ByteBuffer.wrap(writtenBytes());
        List<Envelope> envelopes = new ArrayList<>();
        while (out.hasRemaining()) {
            byte[] body = new byte[out.getInt()];
            out.get(body);
            envelopes.add(Envelope.parseFrom(body));
        }
        return envelopes;
    }

    Envelope writtenOne() throws Exception {
        List<Envelope> all = written();
        if (all.size() != 1) throw new AssertionError("expected one written envelope, got " + all);
        return all.get(0);
    }
}
