package io.baton.common.rpc;

import java.time.Duration;

/**
 * Settings of the RPC layer. Defaults suit a LAN: heartbeat every 100 ms, a peer silent for 500 ms
 * is declared dead (well under a second, as the failure detector needs).
 */
public record RpcConfig(
        int maxFrameBytes,
        Duration heartbeatInterval,
        Duration idleTimeout,
        Duration connectTimeout,
        Duration reconnectInitialBackoff,
        Duration reconnectMaxBackoff) {

    public static final int DEFAULT_MAX_FRAME_BYTES = 4 * 1024 * 1024;

    public RpcConfig {
        if (maxFrameBytes < 64) throw new IllegalArgumentException("maxFrameBytes must be >= 64: " + maxFrameBytes);
        requirePositive("heartbeatInterval", heartbeatInterval);
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("reconnectInitialBackoff", reconnectInitialBackoff);
        requirePositive("reconnectMaxBackoff", reconnectMaxBackoff);
        if (idleTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException("idleTimeout must exceed heartbeatInterval");
        }
    }

    public static RpcConfig defaults() {
        return new RpcConfig(DEFAULT_MAX_FRAME_BYTES, Duration.ofMillis(100), Duration.ofMillis(500),
                Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofSeconds(2));
    }

    public RpcConfig withMaxFrameBytes(int bytes) {
        return new RpcConfig(bytes, heartbeatInterval, idleTimeout, connectTimeout, reconnectInitialBackoff, reconnectMaxBackoff);
    }

    public RpcConfig withHeartbeat(Duration interval, Duration idle) {
        return new RpcConfig(maxFrameBytes, interval, idle, connectTimeout, reconnectInitialBackoff, reconnectMaxBackoff);
    }

    private static void requirePositive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) throw new IllegalArgumentException(name + " must be positive: " + d);
    }
}
