package io.baton.common.rpc;

import io.baton.proto.v1.Envelope;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what connections delivered to the application, for assertions; optionally echoes requests back. */
final class RecordingListener implements MessageListener {
    final List<Envelope> messages = new CopyOnWriteArrayList<>();
    final List<String> disconnects = new CopyOnWriteArrayList<>();
    final List<RpcConnection> connections = new CopyOnWriteArrayList<>();
    private final boolean echoRequests;

    RecordingListener(boolean echoRequests) {
        this.echoRequests = echoRequests;
    }

    static RecordingListener echoing() {
        return new RecordingListener(true);
    }

    static RecordingListener silent() {
        return new RecordingListener(false);
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
