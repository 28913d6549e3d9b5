package io.baton.worker.rpc;

import io.baton.common.rpc.RpcConnection;
import io.baton.proto.v1.Envelope;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory connection that records what the worker sends, for tests without sockets. */
final class FakeConnection implements RpcConnection {
    final String name;
    final List<Envelope> sent = new CopyOnWriteArrayList<>();
    final List<Envelope> replies = new CopyOnWriteArrayList<>();
    volatile String closedBecause;

    FakeConnection(String name) {
        this.name = name;
    }

    @Override public String remoteAddress() { return name; }
    @Override public void send(Envelope envelope) { sent.add(envelope); }

    @Override
    public CompletableFuture<Envelope> request(Envelope envelope, Duration timeout) {
        throw new UnsupportedOperationException("the worker never sends requests");
    }

    @Override
    public void reply(Envelope request, Envelope response) {
        replies.add(response.toBuilder().setCorrelationId(request.getCorrelationId()).build());
    }

    @Override public boolean isActive() { return closedBecause == null; }
    @Override public void close(String reason) { closedBecause = reason; }
}
