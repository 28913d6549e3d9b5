/**
 * Baton's RPC layer over Netty: length-prefixed Protobuf {@code Envelope} frames, heartbeats, correlated
 * requests, a server and a reconnecting client sharing one {@link io.baton.common.rpc.RpcRuntime}.
 *
 * <p>Pipeline, the same on both ends ({@code ChannelSetup}), head to tail:
 * <ol>
 *   <li>{@code FlushConsolidationHandler}: writes made while handling a read batch leave in one flush;</li>
 *   <li>{@code FrameDecoder} / {@code LengthFieldPrepender}: 4-byte big-endian body length, body at most
 *       {@code RpcConfig.maxFrameBytes}; a longer length fails at once ("frame too large: N > max");</li>
 *   <li>{@code ProtobufDecoder} / {@code ProtobufEncoder} of {@code Envelope} ("undecodable frame: ..." on garbage);</li>
 *   <li>{@code IdleStateHandler}: writer idle after the heartbeat interval, reader idle after the idle timeout;</li>
 *   <li>{@code HeartbeatHandler}: pings when idle for writes, answers pings with pongs, closes with
 *       "heartbeat timeout" when nothing was read; Ping/Pong never go further;</li>
 *   <li>{@code ApplicationHandler}: completes pending requests by correlation id (responses never reach the
 *       listener), hands everything else to the {@link io.baton.common.rpc.MessageListener}, and closes the
 *       connection, with a logged reason, on any pipeline error.</li>
 * </ol>
 * A bad frame closes only its own connection; {@code onDisconnected} receives the reason. Correlation ids
 * are odd on the dialling side and even on the accepting side, so both ends can issue requests.
 */
package io.baton.common.rpc;
