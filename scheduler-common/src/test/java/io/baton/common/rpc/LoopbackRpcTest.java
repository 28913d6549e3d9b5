package io.baton.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.LeaderHello;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Real sockets on 127.0.0.1 (ports chosen by the OS): requests, bad peers, heartbeats, reconnects, close. */
class LoopbackRpcTest {
    // Short enough for fast tests, with enough pings per idle period (8) to survive a loaded machine.
    private static final Duration IDLE = Duration.ofMillis(400);
    private static final RpcConfig FAST = RpcConfig.defaults().withHeartbeat(Duration.ofMillis(50), IDLE);
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String HOST = "127.0.0.1";

    private final RpcRuntime runtime = new RpcRuntime("rpc-test", 2);

    @AfterEach
    void closeRuntime() {
        runtime.close();
    }

    private static Envelope hello(String id) {
        return Envelope.newBuilder().setLeaderHello(LeaderHello.newBuilder().setLeaderId(id)).build();
    }

    private static String echoOf(RpcConnection connection, String id) throws Exception {
        return connection.request(hello(id), WAIT).get(5, TimeUnit.SECONDS).getLeaderHello().getLeaderId();
    }

    private RpcClient connectedClient(int port, MessageListener listener) throws Exception {
        RpcClient client = new RpcClient(runtime, FAST, HOST, port, listener);
        client.start();
        client.awaitConnected().get(5, TimeUnit.SECONDS);
        return client;
    }

    @Test
    void requestGetsItsResponseOverLoopback() throws Exception {
        RecordingListener serverSide = RecordingListener.echoing();
        try (RpcServer server = new RpcServer(runtime, FAST, HOST, 0, serverSide);
             RpcClient client = connectedClient(server.start().getPort(), RecordingListener.silent())) {
            assertThat(client.isConnected()).isTrue();
            assertThat(echoOf(client.connection().orElseThrow(), "a")).isEqualTo("a");
            assertThat(serverSide.messages).hasSize(1);
            await().atMost(WAIT).until(() -> server.connectionCount() == 1);
        }
    }

    @Test
    void aBatchSentFromAThreadOutsideNettyArrivesWholeAndInOrder() throws Exception {
        RecordingListener serverSide = RecordingListener.silent();
        try (RpcServer server = new RpcServer(runtime, FAST, HOST, 0, serverSide);
             RpcClient client = connectedClient(server.start().getPort(), RecordingListener.silent())) {
            List<Envelope> batch = new java.util.ArrayList<>();
            for (int i = 0; i < 500; i++) batch.add(hello("m" + i));

            client.connection().orElseThrow().sendAll(batch);

            await().atMost(WAIT).until(() -> serverSide.messages.size() == batch.size());
            assertThat(serverSide.messages).extracting(e -> e.getLeaderHello().getLeaderId())
                    .containsExactlyElementsOf(batch.stream().map(e -> e.getLeaderHello().getLeaderId()).toList());
        }
    }

    @Test
    void bothEndsCanSendRequestsOnTheSameConnection() throws Exception {
        RecordingListener serverSide = RecordingListener.echoing();
        try (RpcServer server = new RpcServer(runtime, FAST, HOST, 0, serverSide);
             RpcClient client = connectedClient(server.start().getPort(), RecordingListener.echoing())) {
            await().atMost(WAIT).until(() -> serverSide.connections.size() == 1);
            RpcConnection fromServer = serverSide.connections.get(0);
            RpcConnection fromClient = client.connection().orElseThrow();

            CompletableFuture<Envelope> down = fromServer.request(hello("down"), WAIT);
            CompletableFuture<Envelope> up = fromClient.request(hello("up"), WAIT);

            assertThat(down.get(5, TimeUnit.SECONDS).getLeaderHello().getLeaderId()).isEqualTo("down");
            assertThat(up.get(5, TimeUnit.SECONDS).getLeaderHello().getLeaderId()).isEqualTo("up");
        }
    }

    /** What a misbehaving peer sends, and the reason the server must give for dropping it. */
    enum BadInput {
        OVERSIZED(ByteBuffer.allocate(68).putInt(100 * 1024 * 1024).array(), "frame too large: 104857600 > "),
        GARBAGE(new byte[] {0, 0, 0, 5, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}, "undecodable frame: ");

        final byte[] bytes;
        final String reason;

        BadInput(byte[] bytes, String reason) {
            this.bytes = bytes;
            this.reason = reason;
        }
    }

    @ParameterizedTest
    @EnumSource(BadInput.class)
    void aMisbehavingPeerIsDisconnectedWhileOthersKeepWorking(BadInput input) throws Exception {
        RecordingListener serverSide = RecordingListener.echoing();
        try (RpcServer server = new RpcServer(runtime, FAST, HOST, 0, serverSide)) {
            int port = server.start().getPort();
            try (RpcClient good = connectedClient(port, RecordingListener.silent());
                 Socket bad = new Socket(HOST, port)) {
                bad.getOutputStream().write(input.bytes);
                bad.getOutputStream().flush();
                bad.setSoTimeout((int) WAIT.toMillis());
                InputStream in = bad.getInputStream();
                while (in.read() != -1) {
                    // skip any pings sent before the server closed us; EOF is the assertion
                }
                await().atMost(WAIT).until(() -> serverSide.disconnects.size() == 1);
                assertThat(serverSide.disconnects.get(0)).startsWith(input.reason);

                assertThat(echoOf(good.connection().orElseThrow(), "still-fine")).isEqualTo("still-fine");
                assertThat(server.connectionCount()).isEqualTo(1);
            }
        }
    }

    @Test
    void aSilentPeerIsPingedThenClosedAfterTheIdleTimeout() throws Exception {
        RecordingListener serverSide = RecordingListener.silent();
        try (RpcServer server = new RpcServer(runtime, FAST, HOST, 0, serverSide);
             Socket silent = new Socket()) {
            silent.connect(new InetSocketAddress(HOST, server.start().getPort()));
            long connectedAt = System.nanoTime();
            silent.setSoTimeout((int) WAIT.toMillis());

            DataInputStream in = new DataInputStream(silent.getInputStream());
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            assertThat(Envelope.parseFrom(body).hasPing()).isTrue();

            await().atMost(WAIT).until(() -> serverSide.disconnects.contains("heartbeat timeout"));
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connectedAt);
            assertThat(elapsedMillis).isBetween(IDLE.toMillis() - 10, IDLE.toMillis() + 2_000);
            assertThat(serverSide.messages).isEmpty();
        }
    }

    @Test
    void anIdleButHealthyConnectionIsKeptAliveByHeartbeats() throws Exception {
        RecordingListener serverSide = RecordingListener.silent();
        RecordingListener clientSide = RecordingListener.silent();
        try (RpcServer server = new RpcServer(runtime, FAST, HOST, 0, serverSide);
             RpcClient client = connectedClient(server.start().getPort(), clientSide)) {
            await().during(IDLE.multipliedBy(3)).atMost(WAIT).until(client::isConnected);
            assertThat(serverSide.disconnects).isEmpty();
            assertThat(clientSide.disconnects).isEmpty();
            assertThat(serverSide.messages).isEmpty(); // pings and pongs stay below the listener
            assertThat(clientSide.messages).isEmpty();
        }
    }

    @Test
    void clientReconnectsWhenTheServerComesBackOnTheSamePort() throws Exception {
        RecordingListener clientSide = RecordingListener.silent();
        RpcServer first = new RpcServer(runtime, FAST, HOST, 0, RecordingListener.echoing());
        int port = first.start().getPort();
        try (RpcClient client = connectedClient(port, clientSide)) {
            first.close();
            first.close(); // idempotent
            await().atMost(WAIT).until(() -> !client.isConnected());
            assertThat(clientSide.disconnects).containsExactly("closed by peer");
            CompletableFuture<RpcConnection> next = client.awaitConnected();
            assertThat(next).isNotDone();

            try (RpcServer second = new RpcServer(runtime, FAST, HOST, port, RecordingListener.echoing())) {
                second.start();
                RpcConnection again = next.get(10, TimeUnit.SECONDS);
                assertThat(echoOf(again, "again")).isEqualTo("again");
                assertThat(clientSide.connections).hasSize(2);
            }
        }
    }

    @Test
    void pendingRequestFailsWhenTheServerGoesAway() throws Exception {
        RecordingListener swallow = RecordingListener.silent(); // never answers
        RpcServer server = new RpcServer(runtime, FAST, HOST, 0, swallow);
        try (RpcClient client = connectedClient(server.start().getPort(), RecordingListener.silent())) {
            CompletableFuture<Envelope> reply = client.connection().orElseThrow().request(hello("lost"), Duration.ofSeconds(30));
            await().atMost(WAIT).until(() -> swallow.messages.size() == 1);
            server.close();
            await().atMost(WAIT).until(reply::isDone);
            assertThat(reply).isCompletedExceptionally();
            assertThat(reply.handle((r, e) -> e).join()).isInstanceOf(RpcException.class).hasMessageContaining("closed");
        }
    }

    @Test
    void clientCloseIsIdempotentAndStopsReconnecting() throws Exception {
        RecordingListener serverSide = RecordingListener.silent();
        RecordingListener clientSide = RecordingListener.silent();
        try (RpcServer server = new RpcServer(runtime, FAST, HOST, 0, serverSide)) {
            RpcClient client = connectedClient(server.start().getPort(), clientSide);
            client.close();
            client.close();
            client.start(); // no effect once closed

            assertThat(client.isConnected()).isFalse();
            // the close future completes before the pipeline's inactive event reaches the listener
            await().atMost(WAIT).until(() -> !clientSide.disconnects.isEmpty());
            assertThat(clientSide.disconnects).containsExactly("client closed");
            assertThat(client.awaitConnected()).isCompletedExceptionally();
            await().atMost(WAIT).until(() -> server.connectionCount() == 0);
            await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> serverSide.connections.size() == 1);
        }
    }

    @Test
    void closingWithoutWaitingStopsSendingAtOnceAndTheChannelFinishesClosing() throws Exception {
        RecordingListener serverSide = RecordingListener.silent();
        RecordingListener clientSide = RecordingListener.silent();
        try (RpcServer server = new RpcServer(runtime, FAST, HOST, 0, serverSide)) {
            RpcClient client = connectedClient(server.start().getPort(), clientSide);

            io.netty.channel.Channel channel = client.closeWithoutWaiting();

            assertThat(channel).isNotNull();
            assertThat(client.awaitConnected()).isCompletedExceptionally();
            assertThat(client.closeWithoutWaiting()).as("idempotent").isNull();
            await().atMost(WAIT).until(() -> !channel.isOpen());
            await().atMost(WAIT).until(() -> clientSide.disconnects.contains("client closed"));
            await().atMost(WAIT).until(() -> server.connectionCount() == 0);
            await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> serverSide.connections.size() == 1);
        }
    }

    @Test
    void serverCloseIsIdempotentAndClosesAcceptedConnections() throws Exception {
        RecordingListener serverSide = RecordingListener.silent();
        RpcServer server = new RpcServer(runtime, FAST, HOST, 0, serverSide);
        try (RpcClient client = connectedClient(server.start().getPort(), RecordingListener.silent())) {
            await().atMost(WAIT).until(() -> server.connectionCount() == 1);
            server.close();
            server.close();
            assertThat(server.connectionCount()).isZero();
            await().atMost(WAIT).until(() -> serverSide.disconnects.contains("server closed"));
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void bindingATakenPortFailsWithRpcException() throws Exception {
        try (RpcServer first = new RpcServer(runtime, FAST, HOST, 0, RecordingListener.silent())) {
            int port = first.start().getPort();
            try (RpcServer second = new RpcServer(runtime, FAST, HOST, port, RecordingListener.silent())) {
                assertThatThrownBy(second::start).isInstanceOf(RpcException.class).hasMessageContaining(String.valueOf(port));
            }
        }
    }

    @Test
    void runtimeCloseIsIdempotentAndStopsTheLoops() {
        RpcRuntime own = new RpcRuntime("rpc-close-test", 1);
        own.close();
        own.close();
        assertThat(own.group().isTerminated()).isTrue();
    }
}
