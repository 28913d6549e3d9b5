package io.baton.common.rpc;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.ChannelInitializer;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;

/** Accepts Baton connections on one port; each accepted channel gets the standard pipeline. */
public final class RpcServer implements AutoCloseable {
    private final RpcRuntime runtime;
    private final RpcConfig config;
    private final String bindHost;
    private final int port;
    private final MessageListener listener;
    private final ChannelGroup accepted = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicBoolean closed = new AtomicBoolean();
    private Channel serverChannel;

    public RpcServer(RpcRuntime runtime, RpcConfig config, String bindHost, int port, MessageListener listener) {
        this.runtime = runtime;
        this.config = config;
        this.bindHost = bindHost;
        this.port = port;
        this.listener = listener;
    }

    /** Binds (port 0 picks a free port) and returns the bound address. */
    public InetSocketAddress start() throws InterruptedException {
        ChannelSetup setup = new ChannelSetup(config, listener);
        serverChannel = new ServerBootstrap()
                .group(runtime.group())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.add(ch);
                        ChannelSetup.configure(ch.pipeline(), config, listener);
                    }
                })
                .bind(bindHost, port).sync().channel();
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public int connectionCount() {
        return accepted.size();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        if (serverChannel != null) serverChannel.close().awaitUninterruptibly();
        accepted.close().awaitUninterruptibly();
    }
}
