package io.baton.common.rpc;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical outgoing connection to a fixed target, owned by whoever talks to that peer (the leader's
 * link to a worker, the SDK's link to a scheduler). Whenever its channel closes or a connect attempt
 * fails it dials again after a {@link Backoff} delay, until {@link #close()}. The listener sees
 * onConnected/onDisconnected for every underlying channel.
 *
 * <p>All dialling bookkeeping (backoff, reconnect timers, connect callbacks) runs on one event loop of the
 * runtime, so it needs no locks; other threads only read the volatile current channel.
 */
public final class RpcClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RpcClient.class);
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private enum State { LATENT, STARTED, CLOSED }

    private final String host;
    private final int port;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final Backoff backoff;
    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private final AtomicReference<CompletableFuture<RpcConnection>> nextConnection =
            new AtomicReference<>(new CompletableFuture<>());
    private volatile Channel channel;
    private volatile ChannelFuture connecting;
    private int failedAttempts; // confined to loop
    private final CompletableFuture<RpcConnection> firstAttempt = new CompletableFuture<>();

    public RpcClient(RpcRuntime runtime, RpcConfig config, String host, int port, MessageListener listener) {
        this.host = host;
        this.port = port;
        this.loop = runtime.group().next();
        this.backoff = new Backoff(config.reconnectInitialBackoff(), config.reconnectMaxBackoff(), new SplittableRandom());
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()))
                .handler(new ChannelSetup(config, listener));
    }

    /** Begins connecting and returns at once. Does nothing when already started or closed. */
    public void start() {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) return;
        try {
            loop.execute(this::connect);
        } catch (RejectedExecutionException e) {
            log.warn("{}: RPC runtime is shut down, not connecting", this);
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

    /**
     * Completes with the live connection, or with the next one once it is up; fails with
     * {@link RpcException} when the client is closed first. Like any connection, it may close at any time.
     */
    public CompletableFuture<RpcConnection> awaitConnected() {
        if (state.get() == State.CLOSED) return CompletableFuture.failedFuture(new RpcException(this + " is closed"));
        CompletableFuture<RpcConnection> f = nextConnection.get();
        if (f.isDone() && !f.isCompletedExceptionally() && !f.join().isActive()) {
            // Its channel closed but the close callback has not replaced the future yet.
            nextConnection.compareAndSet(f, new CompletableFuture<>());
            f = nextConnection.get();
        }
        return f;
    }

    /**
     * The outcome of the first connect attempt: the connection, or the failure (refused, timed out). Lets
     * callers with several candidate targets move on at once instead of waiting out reconnects.
     */
    public CompletableFuture<RpcConnection> firstAttempt() {
        return firstAttempt;
    }

    /** host:port this client dials. */
    public String target() {
        return host + ":" + port;
    }

    private void connect() {
        if (state.get() != State.STARTED) return;
        try {
            connecting = bootstrap.connect(host, port).addListener((ChannelFuture f) -> connected(f));
        } catch (RejectedExecutionException e) {
            log.debug("{}: RPC runtime is shutting down", this);
        }
    }

    private void connected(ChannelFuture attempt) {
        connecting = null;
        if (!attempt.isSuccess()) {
            if (state.get() != State.STARTED) return; // cancelled by close()
            failedAttempts++;
            firstAttempt.completeExceptionally(new RpcException("cannot connect to " + target() + ": " + attempt.cause().getMessage(), attempt.cause()));
            if (failedAttempts == 1) log.info("{}: connect failed: {}; retrying", this, attempt.cause().toString());
            else log.debug("{}: connect attempt {} failed: {}", this, failedAttempts, attempt.cause().toString());
            scheduleReconnect();
            return;
        }
        Channel ch = attempt.channel();
        channel = ch;
        if (state.get() == State.CLOSED) { // close() may have missed this channel
            NettyRpcConnection.of(ch).close("client closed");
            return;
        }
        failedAttempts = 0;
        backoff.reset();
        firstAttempt.complete(NettyRpcConnection.of(ch));
        nextConnection.get().complete(NettyRpcConnection.of(ch));
        ch.closeFuture().addListener(x -> disconnected());
    }

    private void disconnected() {
        nextConnection.updateAndGet(f -> f.isDone() ? new CompletableFuture<>() : f);
        if (state.get() == State.CLOSED) {
            nextConnection.get().completeExceptionally(new RpcException(this + " is closed"));
        } else {
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        if (state.get() != State.STARTED) return;
        try {
            loop.schedule(this::connect, backoff.nextDelayMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("{}: RPC runtime is shutting down, not reconnecting", this);
        }
    }

    /** Stops reconnecting and closes the current channel (waiting briefly unless called on an event loop). Idempotent. */
    @Override
    public void close() {
        Channel ch = closeWithoutWaiting();
        if (ch != null && !ch.eventLoop().inEventLoop()) ch.closeFuture().awaitUninterruptibly(CLOSE_WAIT_MILLIS);
    }

    /**
     * As {@link #close()}, but returns once the channel's close has begun: nothing more is sent or received
     * through this client, and the channel finishes closing on its event loop. Returns the channel, if any.
     */
    public Channel closeWithoutWaiting() {
        if (state.getAndSet(State.CLOSED) == State.CLOSED) return null;
        ChannelFuture attempt = connecting;
        if (attempt != null) attempt.cancel(false);
        nextConnection.get().completeExceptionally(new RpcException(this + " is closed"));
        firstAttempt.completeExceptionally(new RpcException(this + " is closed"));
        Channel ch = channel;
        if (ch != null) NettyRpcConnection.of(ch).close("client closed");
        return ch;
    }

    @Override
    public String toString() {
        return "RPC client to " + target();
    }
}
