package io.baton.common.rpc;

import io.baton.proto.v1.Envelope;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a connection delivered to the application, for assertions. */
final class RecordingListener implements MessageListener {
    final List<Envelope> messages = new CopyOnWriteArrayList<>();
    final List<String> disconnects = new CopyOnWriteArrayList<>();
    final List<RpcConnection> connections = new CopyOnWriteArrayList<>();
    private final boolean echoRequests;

    RecordingListener(boolean echoRequests) {
        this.echoRequests = echoRequests;
    }

    @Override
    public void onConnected(RpcConnection connection) {
        connections.add(connection);
    }

    @Override
    public void onMessage(RpcConnection connection, Envelope envelope) {
        messages.add(envelope);
        if (echoRequests && envelope.getCorrelationId() != 0) connection.reply(envelope, envelope);
    }

    @Override
    public void onDisconnected(RpcConnection connection, String reason) {
        disconnects.add(reason);
    }
}
