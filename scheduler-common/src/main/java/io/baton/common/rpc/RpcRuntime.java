package io.baton.common.rpc;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Netty event loops one process shares for all its RPC servers and clients; owned by the process's
 * node object (scheduler node, worker node, SDK client). Timers (heartbeats, request timeouts, reconnect
 * backoff) run on these loops too, so there is no separate scheduler thread. NIO: epoll measured no faster
 * here (FACTS.md). Close it after the servers and clients that use it.
 */
public final class RpcRuntime implements AutoCloseable {
    private static final long QUIET_PERIOD_MILLIS = 0;
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 2_000;

    private final EventLoopGroup group;
    private final AtomicBoolean closed = new AtomicBoolean();

    public RpcRuntime(String threadNamePrefix, int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1: " + threads);
        this.group = new NioEventLoopGroup(threads, new DefaultThreadFactory(threadNamePrefix, true));
    }

    public EventLoopGroup group() {
        return group;
    }

    /** Shuts the loops down with no quiet period, closing any channel still open; waits unless called on a loop. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        var terminated = group.shutdownGracefully(QUIET_PERIOD_MILLIS, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        if (!onOwnLoop()) terminated.awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS + 1_000);
    }

    private boolean onOwnLoop() {
        for (EventExecutor e : group) {
            if (e.inEventLoop()) return true;
        }
        return false;
    }
}
