package io.baton.server.admin;

import io.baton.common.rpc.MessageListener;
import io.baton.common.rpc.RpcConnection;
import io.baton.proto.v1.ClientRequest;
import io.baton.proto.v1.ClientResponse;
import io.baton.proto.v1.ClusterView;
import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.ErrorCode;
import io.baton.proto.v1.LeaderInfo;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-facing endpoint of every scheduler node. The leader answers; any other node answers
 * NOT_LEADER with the leader's address, which the SDK follows. Cluster status is answered by any node. A
 * stepping-down leader's word of its hand-over is passed on and acknowledged.
 */
public final class ClientEndpoint implements MessageListener {
    private static final Logger log = LoggerFactory.getLogger(ClientEndpoint.class);

    private final Supplier<Optional<ClientRequestHandler>> leaderHandler;
    private final Supplier<Optional<LeaderInfo>> leader;
    private final Supplier<ClusterView> clusterView;
    private final java.util.function.Consumer<io.baton.proto.v1.TermHandOver> handOvers;

    /** @param handOvers takes what stepping-down leaders tell of their hand-over (with their store snapshot) */
    public ClientEndpoint(Supplier<Optional<ClientRequestHandler>> leaderHandler, Supplier<Optional<LeaderInfo>> leader,
                          Supplier<ClusterView> clusterView, java.util.function.Consumer<io.baton.proto.v1.TermHandOver> handOvers) {
        this.leaderHandler = leaderHandler;
        this.leader = leader;
        this.clusterView = clusterView;
        this.handOvers = handOvers;
    }

    @Override
    public void onMessage(RpcConnection connection, Envelope envelope) {
        if (envelope.hasTermHandOver()) {
            handOvers.accept(envelope.getTermHandOver());
            connection.reply(envelope, Envelope.getDefaultInstance()); // the acknowledgement: the sender may close
            return;
        }
        if (!envelope.hasClientRequest()) return;
        ClientRequest request = envelope.getClientRequest();
        CompletableFuture<ClientResponse> response;
        try {
            response = route(request);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        response.whenComplete((r, error) -> {
            ClientResponse out = r;
            if (error != null) {
                log.warn("client request {} failed", request.getOpCase(), error);
                out = ClientRequestHandler.error(ErrorCode.ERROR_CODE_UNAVAILABLE, "request failed on the leader: " + rootMessage(error));
            }
            connection.reply(envelope, Envelope.newBuilder().setClientResponse(out).build());
        });
    }

    private CompletableFuture<ClientResponse> route(ClientRequest request) {
        if (request.hasClusterStatus()) {
            return CompletableFuture.supplyAsync(() -> ClientResponse.newBuilder().setCluster(clusterView.get()).build());
        }
        Optional<ClientRequestHandler> handler = leaderHandler.get();
        if (handler.isPresent()) return handler.get().handle(request);
        ClientResponse.Builder notLeader = ClientResponse.newBuilder().setError(ErrorCode.ERROR_CODE_NOT_LEADER);
        leader.get().ifPresentOrElse(
                l -> notLeader.setLeaderAddress(l.getClientAddress()).setErrorMessage("not the leader; leader is " + l.getNodeId()),
                () -> notLeader.setErrorMessage("no leader elected at the moment"));
        return CompletableFuture.completedFuture(notLeader.build());
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) e = e.getCause();
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
