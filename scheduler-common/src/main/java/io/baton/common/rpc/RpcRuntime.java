package io.baton.common.rpc;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Netty event loops one process shares for all its RPC servers and clients. Timers (heartbeats,
 * request timeouts, reconnect backoff) run on these loops too. Close it last.
 */
public final class RpcRuntime implements AutoCloseable {
    private final EventLoopGroup group;
    private final AtomicBoolean closed = new AtomicBoolean();

    public RpcRuntime(String threadNamePrefix, int threads) {
        this.group = new NioEventLoopGroup(threads, new DefaultThreadFactory(threadNamePrefix, true));
    }

    public EventLoopGroup group() {
        return group;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
    }
}
