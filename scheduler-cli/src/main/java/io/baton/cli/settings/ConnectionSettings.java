package io.baton.cli.settings;

import io.baton.client.ClientConfig;
import io.baton.common.zk.ZkClients.ZkSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the CLI finds the cluster and how long one request may take, once resolved from flags, environment
 * and config file ({@link SettingsResolver}). {@code source} says where the cluster location came from.
 */
public record ConnectionSettings(Optional<String> zk, List<String> addresses, String namespace, Duration requestTimeout,
                                 String source) {
    public static final String DEFAULT_NAMESPACE = "baton";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(20);

    public ConnectionSettings {
        addresses = List.copyOf(addresses);
        if (zk.isEmpty() && addresses.isEmpty()) throw new IllegalArgumentException("no ZooKeeper connect string and no scheduler addresses");
    }

    /** E.g. {@code ZooKeeper 127.0.0.1:2181, namespace baton} or {@code scheduler addresses 10.0.0.1:7000, 10.0.0.2:7000}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        zk.ifPresent(z -> parts.add("ZooKeeper " + z + ", namespace " + namespace));
        if (!addresses.isEmpty()) parts.add("scheduler addresses " + String.join(", ", addresses));
        return String.join(" and ", parts);
    }

    /** The SDK configuration: ZooKeeper (plus any fixed addresses) or fixed addresses alone. */
    public ClientConfig toClientConfig() {
        if (zk.isEmpty()) return ClientConfig.addresses(addresses).withRequestTimeout(requestTimeout);
        ClientConfig viaZk = ClientConfig.zookeeper(new ZkSettings(zk.get(), namespace, null, null));
        return new ClientConfig(viaZk.zk(), addresses, viaZk.connectTimeout(), requestTimeout, viaZk.rpc());
    }
}
