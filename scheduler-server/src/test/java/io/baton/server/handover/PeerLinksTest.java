package io.baton.server.handover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.baton.common.rpc.RpcConfig;
import io.baton.common.rpc.RpcRuntime;
import io.baton.common.rpc.RpcServer;
import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.TermHandOver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Layer 2: real Netty on loopback. */
class PeerLinksTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final RpcRuntime runtime = new RpcRuntime("peer-links-test", 2);

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void tellsEveryPeerOverAKeptConnectionAndCompletesOnceEachAnsweredOrFailed() throws Exception {
        List<TermHandOver> heard = new CopyOnWriteArrayList<>();
        try (RpcServer peer = new RpcServer(runtime, RpcConfig.defaults(), "127.0.0.1", 0, (connection, envelope) -> {
                 heard.add(envelope.getTermHandOver());
                 connection.reply(envelope, Envelope.getDefaultInstance());
             });
             PeerLinks links = new PeerLinks(runtime, RpcConfig.defaults())) {
            String address = "127.0.0.1:" + peer.start().getPort();
            links.keep(List.of(address));
            Envelope notice = Envelope.newBuilder().setTermHandOver(TermHandOver.newBuilder().setEpoch(7).setLatchNode("/election/x")).build();

            // a peer that is gone, and an address that is no address, cost no more than the timeout
            CompletableFuture<Void> told = links.request(notice, List.of(address, "127.0.0.1:1", "nonsense"), Duration.ofMillis(500));

            told.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(told).isCompletedWithValue(null);
            await().atMost(WAIT).until(() -> heard.size() == 1);
            assertThat(heard.get(0).getEpoch()).isEqualTo(7);
        }
    }
}
