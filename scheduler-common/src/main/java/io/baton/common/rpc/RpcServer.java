package io.baton.common.rpc;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts Baton connections on one port (a worker's port for its leader, a scheduler node's port for SDK
 * clients); each accepted channel gets the standard pipeline from {@link ChannelSetup} and reports to the
 * one listener. Owned by the node that serves; close it before the {@link RpcRuntime}.
 */
public final class RpcServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RpcServer.class);
    private static final long CLOSE_WAIT_MILLIS = 2_000;
    static final String CLOSED_REASON = "server closed";

    private enum State { LATENT, STARTED, CLOSED }

    private final RpcRuntime runtime;
    private final RpcConfig config;
    private final String bindHost;
    private final int port;
    private final MessageListener listener;
    private final ChannelGroup accepted = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private volatile Channel serverChannel;

    public RpcServer(RpcRuntime runtime, RpcConfig config, String bindHost, int port, MessageListener listener) {
        this.runtime = runtime;
        this.config = config;
        this.bindHost = bindHost;
        this.port = port;
        this.listener = listener;
    }

    /**
     * Binds (port 0 picks a free port) and returns the bound address.
     *
     * @throws RpcException when the address cannot be bound
     * @throws IllegalStateException when called twice or after close
     */
    public InetSocketAddress start() throws InterruptedException {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) throw new IllegalStateException("RPC server already started or closed");
        ChannelFuture bind = new ServerBootstrap()
                .group(runtime.group())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true) // a restarted node can take its port back at once
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accept(ch);
                    }
                })
                .bind(bindHost, port)
                .await();
        if (!bind.isSuccess()) {
            throw new RpcException("cannot listen on " + bindHost + ":" + port + ": " + bind.cause(), bind.cause());
        }
        serverChannel = bind.channel();
        if (state.get() == State.CLOSED) serverChannel.close(); // close() ran while we were binding
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        log.info("listening on {}:{}", bound.getHostString(), bound.getPort());
        return bound;
    }

    private void accept(SocketChannel ch) {
        ChannelSetup.configure(ch.pipeline(), config, listener);
        accepted.add(ch);
        if (state.get() == State.CLOSED) NettyRpcConnection.of(ch).close(CLOSED_REASON); // accepted during close()
    }

    /** Open accepted connections. */
    public int connectionCount() {
        return accepted.size();
    }

    /** Closes the listening socket and every accepted connection, waiting briefly for both. Idempotent. */
    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) == State.CLOSED) return;
        Channel listening = serverChannel;
        if (listening != null) {
            ChannelFuture closing = listening.close();
            if (!listening.eventLoop().inEventLoop()) closing.awaitUninterruptibly(CLOSE_WAIT_MILLIS);
        }
        for (Channel ch : accepted) NettyRpcConnection.of(ch).noteCloseReason(CLOSED_REASON);
        accepted.close().awaitUninterruptibly(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    }
}
