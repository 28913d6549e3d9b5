package io.baton.server.handover;

import io.baton.common.rpc.RpcClient;
import io.baton.common.rpc.RpcConfig;
import io.baton.common.rpc.RpcRuntime;
import io.baton.proto.v1.Envelope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A leader's connections to the other schedulers' client endpoints, made while it leads ({@link #keep}) so that
 * when it steps down, telling them costs one write each, not a connection made and served while the successor
 * waits ({@link #request}). Reconnecting clients; closed with the node. Thread-safe.
 */
public final class PeerLinks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PeerLinks.class);

    private final RpcRuntime runtime;
    private final RpcConfig rpc;
    private final Map<String, RpcClient> clients = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public PeerLinks(RpcRuntime runtime, RpcConfig rpc) {
        this.runtime = runtime;
        this.rpc = rpc;
    }

    /** Connects to every {@code host:port} of {@code addresses} not connected yet, and drops those not among them. */
    public void keep(Collection<String> addresses) {
        if (closed) return;
        clients.keySet().removeIf(a -> {
            if (addresses.contains(a)) return false;
            RpcClient gone = clients.get(a);
            if (gone != null) gone.closeWithoutWaiting();
            return true;
        });
        for (String a : addresses) client(a);
    }

    /**
     * Sends {@code message} as a request to each of {@code addresses} (connecting to those not kept); completes,
     * never exceptionally, once each answered, failed or {@code timeout} passed.
     */
    public CompletableFuture<Void> request(Envelope message, Collection<String> addresses, Duration timeout) {
        List<CompletableFuture<?>> sent = new ArrayList<>(addresses.size());
        for (String a : addresses) {
            RpcClient c = client(a);
            if (c == null) continue;
            sent.add(c.awaitConnected().thenCompose(conn -> conn.request(message, timeout))
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .handle((answer, error) -> {
                        if (error != null) log.debug("{} did not answer: {}", a, error.toString());
                        return null;
                    }));
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    private RpcClient client(String address) {
        int colon = address.lastIndexOf(':');
        if (closed || colon <= 0 || !address.substring(colon + 1).chars().allMatch(Character::isDigit) || colon == address.length() - 1) return null;
        return clients.computeIfAbsent(address, a -> {
            RpcClient c = new RpcClient(runtime, rpc, a.substring(0, colon), Integer.parseInt(a.substring(colon + 1)), (conn, e) -> { });
            c.start();
            return c;
        });
    }

    @Override
    public void close() {
        closed = true;
        clients.values().forEach(RpcClient::closeWithoutWaiting);
        clients.clear();
    }
}
