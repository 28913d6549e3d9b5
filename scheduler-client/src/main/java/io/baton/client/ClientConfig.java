package io.baton.client;

import io.baton.common.rpc.RpcConfig;
import io.baton.common.zk.ZkClients.ZkSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a {@link BatonClient} finds the cluster: a ZooKeeper connect string (it reads the current leader and
 * the scheduler nodes from there) or a fixed list of scheduler addresses ({@code host:port}).
 * {@code requestTimeout} bounds one call including redirects and retries across a leader change.
 */
public record ClientConfig(Optional<ZkSettings> zk, List<String> addresses, Duration connectTimeout,
                           Duration requestTimeout, RpcConfig rpc) {
    public ClientConfig {
        addresses = List.copyOf(addresses);
        if (zk.isEmpty() && addresses.isEmpty()) throw new IllegalArgumentException("give a ZooKeeper connect string or scheduler addresses");
        for (String a : addresses) {
            if (!a.matches("[^:]+:\\d{1,5}")) throw new IllegalArgumentException("scheduler address must be host:port, was '" + a + "'");
        }
    }

    public static ClientConfig zookeeper(String connectString) {
        return new ClientConfig(Optional.of(ZkSettings.of(connectString)), List.of(), Duration.ofSeconds(2), Duration.ofSeconds(20),
                RpcConfig.defaults().withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(5)));
    }

    public static ClientConfig zookeeper(ZkSettings settings) {
        return new ClientConfig(Optional.of(settings), List.of(), Duration.ofSeconds(2), Duration.ofSeconds(20),
                RpcConfig.defaults().withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(5)));
    }

    public static ClientConfig addresses(List<String> addresses) {
        return new ClientConfig(Optional.empty(), addresses, Duration.ofSeconds(2), Duration.ofSeconds(20),
                RpcConfig.defaults().withHeartbeat(Duration.ofSeconds(1), Duration.ofSeconds(5)));
    }

    public ClientConfig withRequestTimeout(Duration timeout) {
        return new ClientConfig(zk, addresses, connectTimeout, timeout, rpc);
    }
}
