package io.baton.common.rpc;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical connection to a fixed target that reconnects with exponential backoff whenever its channel
 * closes, until {@link #close()}. The listener sees onConnected/onDisconnected for every channel.
 */
public final class RpcClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RpcClient.class);

    private final RpcRuntime runtime;
    private final String host;
    private final int port;
    private final Backoff backoff;
    private final Bootstrap bootstrap;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Channel channel;

    public RpcClient(RpcRuntime runtime, RpcConfig config, String host, int port, MessageListener listener) {
        this.runtime = runtime;
        this.host = host;
        this.port = port;
        this.backoff = new Backoff(config.reconnectInitialBackoff(), config.reconnectMaxBackoff(), ThreadLocalRandom.current());
        this.bootstrap = new Bootstrap()
                .group(runtime.group())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .handler(new ChannelSetup(config, listener));
    }

    /** Begins connecting; returns at once. */
    public void start() {
        if (started.compareAndSet(false, true)) connect();
    }

    private void connect() {
        if (closed.get()) return;
        ChannelFuture f;
        try {
            f = bootstrap.connect(host, port);
        } catch (RuntimeException e) {
            return; // the event loop is shutting down
        }
        f.addListener((ChannelFuture done) -> {
            if (done.isSuccess()) {
                Channel ch = done.channel();
                channel = ch;
                if (closed.get()) {
                    ch.close();
                    return;
                }
                backoff.reset();
                ch.closeFuture().addListener(x -> scheduleReconnect());
            } else {
                log.debug("connect to {}:{} failed: {}", host, port, done.cause().toString());
                scheduleReconnect();
            }
        });
    }

    private synchronized void scheduleReconnect() {
        if (closed.get() || runtime.group().isShuttingDown()) return;
        long delay = backoff.nextDelayMillis();
        try {
            runtime.group().schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // rejected: the runtime is closing
        }
    }

    /** The live connection, if any. */
    public Optional<RpcConnection> connection() {
        Channel ch = channel;
        return ch != null && ch.isActive() ? Optional.of(NettyRpcConnection.of(ch)) : Optional.empty();
    }

    public boolean isConnected() {
        return connection().isPresent();
    }

    /** Stops reconnecting and closes the channel. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        Channel ch = channel;
        if (ch != null) NettyRpcConnection.of(ch).close("client closed");
    }
}
