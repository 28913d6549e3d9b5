package io.baton.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.LeaderHello;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real sockets on 127.0.0.1: requests, bad peers, heartbeat timeouts, reconnects. */
class LoopbackRpcTest {
    private static final RpcConfig FAST = RpcConfig.defaults().withHeartbeat(Duration.ofMillis(50), Duration.ofMillis(250));

    private final RpcRuntime runtime = new RpcRuntime("rpc-test", 2);

    @AfterEach
    void close() {
        runtime.close();
    }

    private static Envelope hello(String id) {
        return Envelope.newBuilder().setLeaderHello(LeaderHello.newBuilder().setLeaderId(id)).build();
    }

    @Test
    void requestGetsItsResponseOverLoopback() throws Exception {
        RecordingListener serverSide = new RecordingListener(true);
        try (RpcServer server = new RpcServer(runtime, FAST, "127.0.0.1", 0, serverSide);
             RpcClient client = new RpcClient(runtime, FAST, "127.0.0.1", server.start().getPort(), new RecordingListener(false))) {
            client.start();
            await().atMost(Duration.ofSeconds(5)).until(client::isConnected);
            Envelope reply = client.connection().orElseThrow().request(hello("a"), Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
            assertThat(reply.getLeaderHello().getLeaderId()).isEqualTo("a");
            assertThat(serverSide.messages).hasSize(1);
        }
    }

    @Test
    void aPeerSendingGarbageIsDisconnectedWhileOthersKeepWorking() throws Exception {
        RecordingListener serverSide = new RecordingListener(true);
        try (RpcServer server = new RpcServer(runtime, FAST, "127.0.0.1", 0, serverSide)) {
            int port = server.start().getPort();
            try (RpcClient good = new RpcClient(runtime, FAST, "127.0.0.1", port, new RecordingListener(false));
                 Socket bad = new Socket("127.0.0.1", port)) {
                good.start();
                await().atMost(Duration.ofSeconds(5)).until(good::isConnected);
                DataOutputStream out = new DataOutputStream(bad.getOutputStream());
                out.writeInt(100 * 1024 * 1024);
                out.write(new byte[64]);
                out.flush();
                InputStream in = bad.getInputStream();
                bad.setSoTimeout(5_000);
                while (in.read() != -1) {
                    // skip heartbeats the server may have sent before closing; EOF means it closed us
                }
                await().atMost(Duration.ofSeconds(5)).until(() -> serverSide.disconnects.stream().anyMatch(r -> r.startsWith("frame too large")));

                Envelope reply = good.connection().orElseThrow().request(hello("still-fine"), Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
                assertThat(reply.getLeaderHello().getLeaderId()).isEqualTo("still-fine");
            }
        }
    }

    @Test
    void aSilentPeerIsClosedAfterTheIdleTimeout() throws Exception {
        RecordingListener serverSide = new RecordingListener(false);
        try (RpcServer server = new RpcServer(runtime, FAST, "127.0.0.1", 0, serverSide);
             Socket silent = new Socket()) {
            silent.connect(new InetSocketAddress("127.0.0.1", server.start().getPort()));
            await().atMost(Duration.ofSeconds(5)).until(() -> serverSide.disconnects.contains("heartbeat timeout"));
        }
    }

    @Test
    void clientReconnectsWhenTheServerComesBackOnTheSamePort() throws Exception {
        RecordingListener clientSide = new RecordingListener(false);
        RpcServer first = new RpcServer(runtime, FAST, "127.0.0.1", 0, new RecordingListener(true));
        int port = first.start().getPort();
        try (RpcClient client = new RpcClient(runtime, FAST, "127.0.0.1", port, clientSide)) {
            client.start();
            await().atMost(Duration.ofSeconds(5)).until(client::isConnected);
            first.close();
            first.close(); // idempotent
            await().atMost(Duration.ofSeconds(5)).until(() -> !client.isConnected());
            try (RpcServer second = new RpcServer(runtime, FAST, "127.0.0.1", port, new RecordingListener(true))) {
                second.start();
                await().atMost(Duration.ofSeconds(10)).until(client::isConnected);
                Envelope reply = client.connection().orElseThrow().request(hello("again"), Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
                assertThat(reply.getLeaderHello().getLeaderId()).isEqualTo("again");
                assertThat(clientSide.connections).hasSizeGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void pendingRequestFailsWhenTheServerGoesAway() throws Exception {
        RecordingListener swallow = new RecordingListener(false); // never answers
        RpcServer server = new RpcServer(runtime, FAST, "127.0.0.1", 0, swallow);
        try (RpcClient client = new RpcClient(runtime, FAST, "127.0.0.1", server.start().getPort(), new RecordingListener(false))) {
            client.start();
            await().atMost(Duration.ofSeconds(5)).until(client::isConnected);
            var reply = client.connection().orElseThrow().request(hello("lost"), Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(5)).until(() -> swallow.messages.size() == 1);
            server.close();
            await().atMost(Duration.ofSeconds(5)).until(reply::isCompletedExceptionally);
            client.close();
            client.close(); // idempotent
        }
    }
}
