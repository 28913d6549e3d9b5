package io.baton.server.handover;

import io.baton.common.rpc.RpcClient;
import io.baton.common.rpc.RpcConfig;
import io.baton.common.rpc.RpcRuntime;
import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.StoreSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a stepping-down leader's {@link StoreSnapshot} to the other schedulers' client endpoints, each on a
 * connection of its own that closes once the peer acknowledged (or failed, or {@code timeout} passed). Best
 * effort: a peer that does not get it reads the store when it takes over, as without one.
 */
public final class SnapshotSender {
    private static final Logger log = LoggerFactory.getLogger(SnapshotSender.class);

    private final RpcRuntime runtime;
    private final RpcConfig rpc;

    public SnapshotSender(RpcRuntime runtime, RpcConfig rpc) {
        this.runtime = runtime;
        this.rpc = rpc;
    }

    /** Sends {@code snapshot} to every {@code host:port} in {@code addresses}; completes (never exceptionally) when all are done. */
    public CompletableFuture<Void> send(StoreSnapshot snapshot, List<String> addresses, Duration timeout) {
        Envelope message = Envelope.newBuilder().setStoreSnapshot(snapshot).build();
        List<CompletableFuture<?>> sends = new ArrayList<>(addresses.size());
        for (String address : addresses) sends.add(sendTo(message, address, timeout));
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    private CompletableFuture<Void> sendTo(Envelope message, String address, Duration timeout) {
        int colon = address.lastIndexOf(':');
        RpcClient client;
        try {
            client = new RpcClient(runtime, rpc, address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)), (c, e) -> { });
            client.start();
        } catch (RuntimeException e) {
            log.debug("cannot send the store snapshot to {}: {}", address, e.toString());
            return CompletableFuture.completedFuture(null);
        }
        return client.firstAttempt().thenCompose(c -> c.request(message, timeout))
                .orTimeout(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .handle((acked, error) -> {
                    if (error != null) log.debug("the store snapshot did not reach {}: {}", address, error.toString());
                    client.closeWithoutWaiting();
                    return null;
                });
    }
}
