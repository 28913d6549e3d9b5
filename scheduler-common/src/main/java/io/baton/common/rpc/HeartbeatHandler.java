package io.baton.common.rpc;

import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.Ping;
import io.baton.proto.v1.Pong;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liveness of one connection, driven by the {@code IdleStateHandler} before it: pings when nothing was
 * written for the heartbeat interval, answers pings with pongs carrying the same {@code sent_nanos}, and
 * closes the connection ("heartbeat timeout") when nothing was read for the idle timeout. Ping and Pong
 * never reach the application.
 */
final class HeartbeatHandler extends ChannelInboundHandlerAdapter {
    static final String TIMEOUT_REASON = "heartbeat timeout";
    private static final Logger log = LoggerFactory.getLogger(HeartbeatHandler.class);

    private final Duration idleTimeout;

    HeartbeatHandler(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!(evt instanceof IdleStateEvent idle)) {
            super.userEventTriggered(ctx, evt);
            return;
        }
        if (idle.state() == IdleState.READER_IDLE) {
            NettyRpcConnection connection = NettyRpcConnection.of(ctx.channel());
            log.warn("closing {}: nothing read for {} ms", connection, idleTimeout.toMillis());
            connection.close(TIMEOUT_REASON);
        } else if (idle.state() == IdleState.WRITER_IDLE) {
            ctx.writeAndFlush(ping(System.nanoTime()), ctx.voidPromise());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof Envelope e && e.hasPing()) {
            ctx.writeAndFlush(pong(e.getPing().getSentNanos()), ctx.voidPromise());
        } else if (!(msg instanceof Envelope e && e.hasPong())) {
            super.channelRead(ctx, msg);
        }
    }

    static Envelope ping(long sentNanos) {
        return Envelope.newBuilder().setPing(Ping.newBuilder().setSentNanos(sentNanos)).build();
    }

    static Envelope pong(long sentNanos) {
        return Envelope.newBuilder().setPong(Pong.newBuilder().setSentNanos(sentNanos)).build();
    }
}
