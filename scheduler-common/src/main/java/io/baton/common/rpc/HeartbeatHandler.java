package io.baton.common.rpc;

import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.Ping;
import io.baton.proto.v1.Pong;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Liveness on one connection: pings when nothing was written for the heartbeat interval, answers pings
 * with pongs, and closes the connection when nothing was read for the idle timeout. Ping and Pong never
 * reach the application.
 */
final class HeartbeatHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent idle) {
            if (idle.state() == IdleState.READER_IDLE) {
                NettyRpcConnection.of(ctx.channel()).close("heartbeat timeout");
            } else if (idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(Envelope.newBuilder().setPing(Ping.newBuilder().setSentNanos(System.nanoTime())).build());
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof Envelope e) {
            if (e.hasPing()) {
                ctx.writeAndFlush(Envelope.newBuilder().setPong(Pong.newBuilder().setSentNanos(e.getPing().getSentNanos())).build());
                return;
            }
            if (e.hasPong()) return;
        }
        super.channelRead(ctx, msg);
    }
}
