package io.baton.common.rpc;

import com.google.protobuf.InvalidProtocolBufferException;
import io.baton.proto.v1.Envelope;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last handler of the pipeline: completes pending requests with their responses, hands every other
 * message to the {@link MessageListener}, and turns any pipeline error into a logged close of this one
 * connection. No application logic here: the listener only enqueues.
 */
final class ApplicationHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ApplicationHandler.class);

    private final MessageListener listener;

    ApplicationHandler(MessageListener listener) {
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        listener.onConnected(NettyRpcConnection.of(ctx.channel()));
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        NettyRpcConnection c = NettyRpcConnection.of(ctx.channel());
        c.failPending();
        listener.onDisconnected(c, c.closeReason());
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Envelope envelope)) return;
        NettyRpcConnection c = NettyRpcConnection.of(ctx.channel());
        if (c.isResponse(envelope)) {
            c.complete(envelope);
            return;
        }
        try {
            listener.onMessage(c, envelope);
        } catch (RuntimeException e) {
            log.error("listener failed on {} from {}", envelope.getBodyCase(), c.remoteAddress(), e);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        NettyRpcConnection c = NettyRpcConnection.of(ctx.channel());
        String reason = reasonOf(cause);
        if (cause instanceof IOException) {
            log.debug("connection {} failed: {}", c.remoteAddress(), reason);
        } else {
            log.warn("closing connection {}: {}", c.remoteAddress(), reason);
        }
        c.close(reason);
    }

    static String reasonOf(Throwable cause) {
        Throwable root = cause;
        if (root instanceof DecoderException && root.getCause() != null) root = root.getCause();
        if (root instanceof TooLongFrameException) return "frame too large: " + root.getMessage();
        if (root instanceof InvalidProtocolBufferException) return "undecodable frame: " + root.getMessage();
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
