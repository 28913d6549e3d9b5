package io.baton.common.rpc;

import io.baton.proto.v1.Envelope;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link RpcConnection} over a Netty channel: pending requests by correlation id, each with a timeout on
 * the channel's event loop, all failed when the channel closes. The first close reason is kept so the
 * listener learns why a connection ended.
 */
final class NettyRpcConnection implements RpcConnection {
    private static final AttributeKey<NettyRpcConnection> KEY = AttributeKey.valueOf("baton.connection");

    private final Channel channel;
    /** Ids are odd on the dialling side and even on the accepting side, so requests never look like responses. */
    private final boolean dialled;
    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, CompletableFuture<Envelope>> pending = new ConcurrentHashMap<>();
    private final AtomicReference<String> closeReason = new AtomicReference<>();

    private NettyRpcConnection(Channel channel) {
        this.channel = channel;
        this.dialled = channel.parent() == null;
    }

    static NettyRpcConnection of(Channel channel) {
        NettyRpcConnection c = channel.attr(KEY).get();
        if (c == null) {
            NettyRpcConnection created = new NettyRpcConnection(channel);
            c = channel.attr(KEY).setIfAbsent(created);
            if (c == null) c = created;
        }
        return c;
    }

    @Override
    public String remoteAddress() {
        SocketAddress a = channel.remoteAddress();
        if (a instanceof InetSocketAddress i) return i.getHostString() + ":" + i.getPort();
        return String.valueOf(a);
    }

    @Override
    public void send(Envelope envelope) {
        channel.writeAndFlush(envelope, channel.voidPromise());
    }

    @Override
    public CompletableFuture<Envelope> request(Envelope envelope, Duration timeout) {
        long n = nextId.incrementAndGet();
        long id = dialled ? 2 * n - 1 : 2 * n;
        CompletableFuture<Envelope> future = new CompletableFuture<>();
        if (!channel.isActive()) {
            future.completeExceptionally(new RpcException("connection to " + remoteAddress() + " is closed"));
            return future;
        }
        pending.put(id, future);
        ScheduledFuture<?> timer = channel.eventLoop().schedule(() -> {
            CompletableFuture<Envelope> f = pending.remove(id);
            if (f != null) f.completeExceptionally(new RpcException("request timed out after " + timeout.toMillis() + " ms"));
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        future.whenComplete((r, e) -> timer.cancel(false));
        channel.writeAndFlush(envelope.toBuilder().setCorrelationId(id).build()).addListener(w -> {
            if (!w.isSuccess()) {
                CompletableFuture<Envelope> f = pending.remove(id);
                if (f != null) f.completeExceptionally(new RpcException("send failed: " + w.cause(), w.cause()));
            }
        });
        if (!channel.isActive()) failPending();
        return future;
    }

    @Override
    public void reply(Envelope request, Envelope response) {
        send(response.toBuilder().setCorrelationId(request.getCorrelationId()).build());
    }

    /** Completes the request this response answers; false when it answers nothing pending. */
    boolean complete(Envelope response) {
        CompletableFuture<Envelope> f = pending.remove(response.getCorrelationId());
        if (f == null) return false;
        f.complete(response);
        return true;
    }

    /** A message carrying an id of our parity answers one of our requests (pending or timed out). */
    boolean isResponse(Envelope envelope) {
        long id = envelope.getCorrelationId();
        return id != 0 && (id % 2 == 1) == dialled;
    }

    void failPending() {
        for (Long id : pending.keySet()) {
            CompletableFuture<Envelope> f = pending.remove(id);
            if (f != null) f.completeExceptionally(new RpcException("connection closed: " + closeReason()));
        }
    }

    String closeReason() {
        String r = closeReason.get();
        return r == null ? "closed by peer" : r;
    }

    void noteCloseReason(String reason) {
        closeReason.compareAndSet(null, reason);
    }

    @Override
    public boolean isActive() {
        return channel.isActive();
    }

    @Override
    public void close(String reason) {
        noteCloseReason(reason);
        channel.close();
    }

    @Override
    public String toString() {
        return "connection to " + remoteAddress();
    }
}
