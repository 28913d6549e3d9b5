package io.baton.common.rpc;

import io.baton.proto.v1.Envelope;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.netty.handler.codec.protobuf.ProtobufEncoder;

/**
 * The wire codec of every Baton connection: a 4-byte length prefix (bodies above the configured maximum are
 * refused) and one Protobuf {@link Envelope} per frame. {@link ChannelSetup} installs it in every pipeline;
 * benchmarks install exactly the same handlers on an {@code EmbeddedChannel}.
 */
public final class FrameCodec {
    private FrameCodec() {}

    /** Adds the frame and Envelope codec handlers at the end of {@code p}. */
    public static void addTo(ChannelPipeline p, int maxFrameBytes) {
        p.addLast("frameDecoder", new FrameDecoder(maxFrameBytes));
        p.addLast("framePrepender", new LengthFieldPrepender(FrameDecoder.LENGTH_BYTES));
        p.addLast("protobufDecoder", new ProtobufDecoder(Envelope.getDefaultInstance()));
        p.addLast("protobufEncoder", new ProtobufEncoder());
    }
}
