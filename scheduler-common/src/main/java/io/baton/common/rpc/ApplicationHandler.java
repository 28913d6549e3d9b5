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
 * Last handler of the pipeline: completes pending requests with their responses, hands every other message
 * to the {@link MessageListener}, and turns any pipeline error into a logged close of this one connection.
 * No application logic here; the listener only translates messages into events for its owner.
 */
final class ApplicationHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ApplicationHandler.class);

    private final MessageListener listener;

    ApplicationHandler(MessageListener listener) {
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        NettyRpcConnection c = NettyRpcConnection.of(ctx.channel());
        log.debug("{} open", c);
        try {
            listener.onConnected(c);
        } catch (RuntimeException e) {
            log.error("listener failed on connect of {}", c, e);
        }
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        NettyRpcConnection c = NettyRpcConnection.of(ctx.channel());
        String reason = c.disconnectReason();
        log.debug("{} closed: {}", c, reason);
        c.failPending();
        try {
            listener.onDisconnected(c, reason);
        } catch (RuntimeException e) {
            log.error("listener failed on disconnect of {}", c, e);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        // After a bad frame the decoders may still emit later frames of the same read; the connection is dead.
        if (!(msg instanceof Envelope envelope) || !ctx.channel().isActive()) return;
        NettyRpcConnection c = NettyRpcConnection.of(ctx.channel());
        if (c.isResponse(envelope)) {
            if (!c.complete(envelope)) log.debug("{}: dropped late response {}", c, envelope.getCorrelationId());
            return;
        }
        try {
            listener.onMessage(c, envelope);
        } catch (RuntimeException e) {
            log.error("listener failed on {} from {}", envelope.getBodyCase(), c, e);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        NettyRpcConnection c = NettyRpcConnection.of(ctx.channel());
        String reason = reasonOf(cause);
        if (cause instanceof IOException) {
            log.info("closing {}: {}", c, reason); // resets and broken pipes are routine: no stack trace
        } else if (cause instanceof DecoderException) {
            log.warn("closing {}: {}", c, reason); // the peer's fault, not ours: no stack trace
        } else {
            log.warn("closing {}: {}", c, reason, cause);
        }
        c.close(reason);
    }

    /** A short reason for a pipeline error, as reported to {@link MessageListener#onDisconnected}. */
    static String reasonOf(Throwable cause) {
        Throwable root = cause;
        if (root instanceof DecoderException && !(root instanceof TooLongFrameException) && root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof TooLongFrameException) {
            String m = String.valueOf(root.getMessage());
            return m.startsWith("frame too large") ? m : "frame too large: " + m;
        }
        if (root instanceof InvalidProtocolBufferException) return "undecodable frame: " + root.getMessage();
        if (root instanceof IOException) return "I/O error: " + root.getMessage();
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
