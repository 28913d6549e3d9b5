package io.baton.common.rpc;

import io.baton.proto.v1.Envelope;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link RpcConnection} over one Netty channel, attached to it by {@link ChannelSetup}: pending requests by
 * correlation id, each with a timeout on the channel's event loop, all failed when the channel closes. The
 * first close reason wins and is what {@link MessageListener#onDisconnected} reports.
 *
 * <p>Correlation ids are odd on the dialling side and even on the accepting side. Both ends may send
 * requests on the same connection, and parity tells a response to our request apart from the peer's own
 * request that happens to carry the same number.
 */
final class NettyRpcConnection implements RpcConnection {
    static final String PEER_CLOSED = "closed by peer";
    private static final AttributeKey<NettyRpcConnection> KEY = AttributeKey.valueOf("baton.connection");

    private final Channel channel;
    private final int maxFrameBytes;
    private final boolean dialled;
    private final AtomicLong requestCount = new AtomicLong();
    private final Map<Long, CompletableFuture<Envelope>> pending = new ConcurrentHashMap<>();
    private final AtomicReference<String> closeReason = new AtomicReference<>();

    private NettyRpcConnection(Channel channel, int maxFrameBytes) {
        this.channel = channel;
        this.maxFrameBytes = maxFrameBytes;
        this.dialled = channel.parent() == null;
    }

    static NettyRpcConnection attach(Channel channel, int maxFrameBytes) {
        NettyRpcConnection created = new NettyRpcConnection(channel, maxFrameBytes);
        NettyRpcConnection existing = channel.attr(KEY).setIfAbsent(created);
        return existing == null ? created : existing;
    }

    static NettyRpcConnection of(Channel channel) {
        NettyRpcConnection c = channel.attr(KEY).get();
        if (c == null) throw new IllegalStateException("channel " + channel + " has no Baton pipeline");
        return c;
    }

    @Override
    public String remoteAddress() {
        SocketAddress a = channel.remoteAddress();
        if (a instanceof InetSocketAddress i) return i.getHostString() + ":" + i.getPort();
        return String.valueOf(a);
    }

    /** Fire and forget; a message too large for a frame is refused here rather than killing the connection. */
    @Override
    public void send(Envelope envelope) {
        checkSize(envelope);
        channel.writeAndFlush(envelope, channel.voidPromise());
    }

    @Override
    public void sendAll(java.util.List<Envelope> envelopes) {
        envelopes.forEach(this::checkSize);
        if (channel.eventLoop().inEventLoop()) {
            writeAll(envelopes);
            return;
        }
        try {
            channel.eventLoop().execute(() -> writeAll(envelopes));
        } catch (RejectedExecutionException shutDown) {
            // the runtime is closing: like a send on a closed channel, the messages are dropped
        }
    }

    private void writeAll(java.util.List<Envelope> envelopes) {
        for (Envelope e : envelopes) channel.write(e, channel.voidPromise());
        channel.flush();
    }

    @Override
    public CompletableFuture<Envelope> request(Envelope envelope, Duration timeout) {
        long n = requestCount.incrementAndGet();
        long id = dialled ? 2 * n - 1 : 2 * n;
        Envelope numbered = envelope.toBuilder().setCorrelationId(id).build();
        CompletableFuture<Envelope> future = new CompletableFuture<>();
        try {
            checkSize(numbered);
            if (!channel.isActive()) throw new RpcException(this + " is closed: " + disconnectReason());
            pending.put(id, future);
            ScheduledFuture<?> timer = channel.eventLoop().schedule(
                    () -> fail(id, new RpcException("request " + id + " to " + remoteAddress() + " timed out after "
                            + timeout.toMillis() + " ms")),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
            future.whenComplete((r, e) -> timer.cancel(false));
        } catch (RpcException | RejectedExecutionException e) {
            pending.remove(id);
            future.completeExceptionally(e instanceof RpcException ? e : new RpcException("RPC runtime is shut down", e));
            return future;
        }
        channel.writeAndFlush(numbered).addListener(w -> {
            if (!w.isSuccess()) fail(id, new RpcException("sending request " + id + " failed: " + w.cause(), w.cause()));
        });
        // The channel may have closed between the check above and put(): failPending() could have missed us.
        if (!channel.isActive()) failPending();
        return future;
    }

    @Override
    public void reply(Envelope request, Envelope response) {
        send(response.toBuilder().setCorrelationId(request.getCorrelationId()).build());
    }

    @Override
    public boolean isActive() {
        return channel.isActive();
    }

    @Override
    public void close(String reason) {
        closeReason.compareAndSet(null, reason);
        channel.close();
    }

    /** Why the connection closed or is closing; empty while nobody asked it to close (the peer may still have). */
    @Override
    public Optional<String> closeReason() {
        return Optional.ofNullable(closeReason.get());
    }

    /** The reason reported to the listener: the recorded one, else the peer closed. */
    String disconnectReason() {
        return closeReason().orElse(PEER_CLOSED);
    }

    /** Records a reason without closing (the closer is someone else, e.g. a channel group). */
    void noteCloseReason(String reason) {
        closeReason.compareAndSet(null, reason);
    }

    /** A message carrying an id of our parity answers one of our requests (pending or already timed out). */
    boolean isResponse(Envelope envelope) {
        long id = envelope.getCorrelationId();
        return id != 0 && (id % 2 == 1) == dialled;
    }

    /** Completes the request this response answers; false when nothing is pending under its id (e.g. timed out). */
    boolean complete(Envelope response) {
        CompletableFuture<Envelope> f = pending.remove(response.getCorrelationId());
        return f != null && f.complete(response);
    }

    void failPending() {
        for (Long id : pending.keySet()) {
            fail(id, new RpcException(this + " closed: " + disconnectReason()));
        }
    }

    int pendingCount() {
        return pending.size();
    }

    private void fail(long id, RpcException error) {
        CompletableFuture<Envelope> f = pending.remove(id);
        if (f != null) f.completeExceptionally(error);
    }

    private void checkSize(Envelope envelope) {
        int size = envelope.getSerializedSize();
        if (size > maxFrameBytes) {
            throw new RpcException("message " + envelope.getBodyCase() + " too large: " + size + " > " + maxFrameBytes);
        }
    }

    @Override
    public String toString() {
        return "connection to " + remoteAddress();
    }
}
