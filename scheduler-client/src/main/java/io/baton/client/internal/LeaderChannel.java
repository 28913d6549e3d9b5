package io.baton.client.internal;

import io.baton.client.BatonException;
import io.baton.common.rpc.RpcClient;
import io.baton.common.rpc.RpcConfig;
import io.baton.common.rpc.RpcConnection;
import io.baton.common.rpc.RpcRuntime;
import io.baton.proto.v1.ClientRequest;
import io.baton.proto.v1.ClientResponse;
import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends client requests to the current leader: follows NOT_LEADER redirects and, when a node is
 * unreachable or has no leader, tries the other candidates with a growing pause, until the request
 * deadline. Callers see a response or a {@link BatonException}, never a transport exception.
 */
public final class LeaderChannel implements AutoCloseable {
    private final RpcRuntime runtime;
    private final RpcConfig rpc;
    private final SchedulerDiscovery discovery;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private RpcClient client;
    private String target;
    /**
     * The connection on which a leader-only request was last answered (cluster status is answered by any node);
     * a new connection, even to the same address, must prove itself again (the node may lead no more).
     */
    private RpcConnection knownLeader;

    public LeaderChannel(RpcRuntime runtime, RpcConfig rpc, SchedulerDiscovery discovery, Duration connectTimeout,
                         Duration requestTimeout) {
        this.runtime = runtime;
        this.rpc = rpc;
        this.discovery = discovery;
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
    }

    /**
     * Sends {@code request} to the leader; returns its OK or application-error response. Safe to call from
     * many threads at once: only finding and connecting to the leader is serialized; requests travel
     * concurrently on the one connection (matched to their responses by correlation id). While connected to
     * the node that last answered a leader-only request, a request goes straight to it; candidates are
     * discovered again (ZooKeeper or the configured addresses, the leader first) when that node redirects,
     * refuses or cannot be reached, and for every cluster status request (any node answers it, a follower
     * without the leader's view of the workers, so a node that stopped leading would never redirect it).
     */
    public ClientResponse call(ClientRequest request) {
        long deadline = System.nanoTime() + requestTimeout.toNanos();
        List<String> tried = new ArrayList<>();
        String lastProblem = "no scheduler address known";
        String redirect = null;
        long pauseMillis = 50;
        boolean firstPass = true;
        while (System.nanoTime() < deadline) {
            List<String> candidates;
            boolean sticky = false;
            synchronized (this) {
                if (redirect != null) {
                    candidates = List.of(redirect);
                } else if (firstPass && !request.hasClusterStatus() && isConnected() && client.connection().orElse(null) == knownLeader) {
                    // the node that answered last is the leader until it says otherwise or is unreachable: no
                    // discovery (ZooKeeper reads) per request
                    candidates = List.of(target);
                    sticky = true;
                } else {
                    candidates = discovery.candidates(deadline);
                }
            }
            firstPass = false;
            redirect = null;
            for (String address : candidates) {
                if (!tried.contains(address)) tried.add(address);
                try {
                    Answer answer = send(address, request, deadline);
                    ClientResponse r = answer.response();
                    if (r.getError() == ErrorCode.ERROR_CODE_NOT_LEADER) {
                        synchronized (this) {
                            if (answer.via() == knownLeader) knownLeader = null;
                        }
                        lastProblem = address + ": " + r.getErrorMessage();
                        if (!r.getLeaderAddress().isEmpty() && !r.getLeaderAddress().equals(address)) {
                            redirect = r.getLeaderAddress();
                            break;
                        }
                        continue;
                    }
                    if (r.getError() == ErrorCode.ERROR_CODE_UNAVAILABLE) {
                        lastProblem = address + ": " + r.getErrorMessage();
                        continue;
                    }
                    if (!request.hasClusterStatus()) {
                        synchronized (this) {
                            knownLeader = answer.via();
                        }
                    }
                    return r;
                } catch (TransportProblem e) {
                    lastProblem = address + ": " + e.getMessage();
                    synchronized (this) {
                        disconnect();
                    }
                }
            }
            if (redirect == null && !sticky) {
                pauseQuietly(Math.min(pauseMillis, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
                pauseMillis = Math.min(pauseMillis * 2, 500);
            }
        }
        throw new BatonException(BatonException.Code.UNAVAILABLE, "no leader answered within " + requestTimeout.toMillis()
                + " ms (tried " + tried + "); last problem: " + lastProblem);
    }

    /** A response and the connection it came on. */
    private record Answer(ClientResponse response, RpcConnection via) {}

    private Answer send(String address, ClientRequest request, long deadlineNanos) {
        RpcConnection connection;
        synchronized (this) {
            connection = connect(address, deadlineNanos);
        }
        long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
        try {
            Envelope reply = connection.request(Envelope.newBuilder().setClientRequest(request).build(), Duration.ofMillis(left))
                    .get(left + 100, TimeUnit.MILLISECONDS);
            if (!reply.hasClientResponse()) throw new TransportProblem("unexpected reply " + reply.getBodyCase());
            return new Answer(reply.getClientResponse(), connection);
        } catch (ExecutionException | TimeoutException e) {
            throw new TransportProblem(e.getCause() != null ? e.getCause().getMessage() : "timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatonException(BatonException.Code.UNAVAILABLE, "interrupted");
        }
    }

    private RpcConnection connect(String address, long deadlineNanos) {
        if (!address.equals(target) || client == null) {
            disconnect();
            int colon = address.lastIndexOf(':');
            client = new RpcClient(runtime, rpc, address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)),
                    (c, e) -> { });
            target = address;
            client.start();
        }
        if (client.connection().isPresent()) return client.connection().get();
        long wait = Math.min(connectTimeout.toMillis(), Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
        try {
            // the first attempt fails fast on a refused connection, so the next candidate is tried at once
            RpcConnection c = client.firstAttempt().get(wait, TimeUnit.MILLISECONDS);
            if (c.isActive()) return c;
            return client.awaitConnected().get(wait, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new TransportProblem(e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new TransportProblem("cannot connect within " + wait + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatonException(BatonException.Code.UNAVAILABLE, "interrupted");
        }
    }

    /** Whether a connection to the last node that answered is up. Under this object's lock. */
    private boolean isConnected() {
        return target != null && client != null && client.connection().map(RpcConnection::isActive).orElse(false);
    }

    private void disconnect() {
        if (client != null) client.close();
        client = null;
        target = null;
        knownLeader = null;
    }

    private static void pauseQuietly(long millis) {
        try {
            // A retry pause between attempts, not synchronisation: the deadline bounds the loop.
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatonException(BatonException.Code.UNAVAILABLE, "interrupted");
        }
    }

    @Override
    public synchronized void close() {
        disconnect();
    }

    private static final class TransportProblem extends RuntimeException {
        TransportProblem(String message) { super(message); }
    }
}
