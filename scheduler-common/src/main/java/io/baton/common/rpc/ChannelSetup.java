package io.baton.common.rpc;

import io.baton.proto.v1.Envelope;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.protobuf.ProtobufDecoder;
import io.netty.handler.codec.protobuf.ProtobufEncoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The Baton pipeline, the same on both ends: flush consolidation, 4-byte length framing with a maximum,
 * Protobuf {@link Envelope} codec, idle detection, heartbeats, application.
 */
final class ChannelSetup extends ChannelInitializer<SocketChannel> {
    private final RpcConfig config;
    private final MessageListener listener;

    ChannelSetup(RpcConfig config, MessageListener listener) {
        this.config = config;
        this.listener = listener;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        configure(ch.pipeline(), config, listener);
    }

    /** Installs the handlers on a pipeline; also used by codec tests on an EmbeddedChannel. */
    static void configure(ChannelPipeline p, RpcConfig config, MessageListener listener) {
        p.addLast("flush", new FlushConsolidationHandler(256, true));
        p.addLast("frameDecoder", new LengthFieldBasedFrameDecoder(config.maxFrameBytes(), 0, 4, 0, 4, true));
        p.addLast("framePrepender", new LengthFieldPrepender(4));
        p.addLast("protobufDecoder", new ProtobufDecoder(Envelope.getDefaultInstance()));
        p.addLast("protobufEncoder", new ProtobufEncoder());
        p.addLast("idle", new IdleStateHandler(config.idleTimeout().toMillis(), config.heartbeatInterval().toMillis(), 0,
                TimeUnit.MILLISECONDS));
        p.addLast("heartbeat", new HeartbeatHandler());
        p.addLast("application", new ApplicationHandler(listener));
    }
}
