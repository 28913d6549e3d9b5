/**
 * Baton's RPC layer over Netty. Pipeline (both ends): FlushConsolidationHandler → 4-byte length frame
 * decoder (max frame) / prepender → Protobuf {@code Envelope} decoder / encoder → IdleStateHandler →
 * {@code HeartbeatHandler} (Ping/Pong, idle close) → {@code ApplicationHandler} (responses by correlation
 * id; everything else to the {@link io.baton.common.rpc.MessageListener}). A bad frame closes only its own
 * connection, with the reason logged and passed to {@code onDisconnected}.
 */
package io.baton.common.rpc;
