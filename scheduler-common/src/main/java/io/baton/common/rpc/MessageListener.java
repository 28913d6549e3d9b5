package io.baton.common.rpc;

import io.baton.proto.v1.Envelope;

/**
 * Application callbacks of a connection. Called on a Netty event-loop thread: implementations only
 * translate messages into events for their owner and must not block.
 * Pings, pongs and responses to {@link RpcConnection#request} never reach this listener.
 */
public interface MessageListener {

    default void onConnected(RpcConnection connection) {}

    void onMessage(RpcConnection connection, Envelope envelope);

    /** The connection closed (peer gone, heartbeat timeout, bad frame, or local close). */
    default void onDisconnected(RpcConnection connection, String reason) {}
}
