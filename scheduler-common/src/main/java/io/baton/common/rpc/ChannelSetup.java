package io.baton.common.rpc;

import io.baton.proto.v1.Envelope;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Builds the Baton pipeline, the same on both ends; used by {@link RpcServer} for accepted channels and by
 * {@link RpcClient} for dialled ones. Order (head to tail): flush consolidation, length framing, Protobuf
 * {@link Envelope} codec, idle detection, heartbeats, application.
 */
final class ChannelSetup extends ChannelInitializer<Channel> {
    /** Flush at least every this many writes even while a read batch is still in progress. */
    private static final int EXPLICIT_FLUSH_AFTER = 256;

    private final RpcConfig config;
    private final MessageListener listener;

    ChannelSetup(RpcConfig config, MessageListener listener) {
        this.config = config;
        this.listener = listener;
    }

    @Override
    protected void initChannel(Channel ch) {
        configure(ch.pipeline(), config, listener);
    }

    /** Attaches the connection to the channel and installs the handlers; codec tests call it on an EmbeddedChannel. */
    static void configure(ChannelPipeline p, RpcConfig config, MessageListener listener) {
        NettyRpcConnection.attach(p.channel(), config.maxFrameBytes());
        // First, so that all writes made while handling one read batch leave in a single flush (FACTS.md: ~7x).
        p.addLast("flush", new FlushConsolidationHandler(EXPLICIT_FLUSH_AFTER, true));
        FrameCodec.addTo(p, config.maxFrameBytes());
        p.addLast("idle", new IdleStateHandler(config.idleTimeout().toMillis(), config.heartbeatInterval().toMillis(), 0,
                TimeUnit.MILLISECONDS));
        p.addLast("heartbeat", new HeartbeatHandler(config.idleTimeout()));
        p.addLast("application", new ApplicationHandler(listener));
    }
}
