package io.baton.common.rpc;

import io.baton.proto.v1.Envelope;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One live Baton connection (a Netty channel carrying length-prefixed {@link Envelope} frames).
 * Thread-safe: any thread may send. Heartbeats (Ping/Pong) are handled below this interface.
 */
public interface RpcConnection {

    /** host:port of the peer. */
    String remoteAddress();

    /**
     * Sends a one-way message. Writes are flushed in consolidated batches; never blocks. Silently dropped
     * when the connection is closed; throws {@link RpcException} when the message exceeds the maximum frame.
     */
    void send(Envelope envelope);

    /**
     * Fire and forget, in order, as one batch: written together and flushed once (one task on the connection's
     * thread rather than one per message). A message too large for a frame is refused before any is written.
     */
    default void sendAll(java.util.List<Envelope> envelopes) {
        envelopes.forEach(this::send);
    }

    /**
     * Sends a request with a fresh correlation id (any id in {@code envelope} is replaced) and completes
     * with the response that carries the same id. Completes exceptionally with
     * {@link RpcException} on timeout or when the connection closes first.
     */
    CompletableFuture<Envelope> request(Envelope envelope, Duration timeout);

    /** Answers a request: sends {@code response} with the correlation id of {@code request}. */
    void reply(Envelope request, Envelope response);

    boolean isActive();

    /** Closes the connection; idempotent. The first reason given is the one {@link #closeReason()} keeps. */
    void close(String reason);

    /**
     * Why this end closed or is closing the connection (local close, heartbeat timeout, bad frame); empty
     * while open and when the peer closed it. {@link MessageListener#onDisconnected} always gets a reason.
     */
    default Optional<String> closeReason() {
        return Optional.empty();
    }
}
