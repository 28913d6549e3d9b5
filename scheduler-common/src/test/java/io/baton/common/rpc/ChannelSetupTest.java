package io.baton.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.LeaderHello;
import io.baton.proto.v1.Ping;
import io.baton.proto.v1.WorkerStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pipeline on an EmbeddedChannel: framing, codec, heartbeats, responses, bad input. */
class ChannelSetupTest {
    private final RecordingListener listener = new RecordingListener(false);
    private final EmbeddedChannel channel = new EmbeddedChannel();

    ChannelSetupTest() {
        ChannelSetup.configure(channel.pipeline(), RpcConfig.defaults().withMaxFrameBytes(1024), listener);
    }

    private static Envelope hello(long epoch) {
        return Envelope.newBuilder().setEpoch(epoch).setLeaderHello(LeaderHello.newBuilder().setLeaderId("s1")).build();
    }

    private static ByteBuf frame(Envelope e) {
        byte[] body = e.toByteArray();
        return Unpooled.buffer().writeInt(body.length).writeBytes(body);
    }

    private Envelope readOutbound() throws Exception {
        channel.flushOutbound();
        ByteBuf out = Unpooled.buffer();
        for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
            out.writeBytes(part);
            part.release();
        }
        int length = out.readInt();
        byte[] body = new byte[length];
        out.readBytes(body);
        out.release();
        return Envelope.parseFrom(body);
    }

    @Test
    void roundTripsAnEnvelopeThroughEncoderAndDecoder() throws Exception {
        NettyRpcConnection.of(channel).send(hello(7));
        Envelope written = readOutbound();
        channel.writeInbound(frame(written));
        assertThat(listener.messages).containsExactly(hello(7));
    }

    @Test
    void reassemblesAFrameSplitAcrossReads() {
        ByteBuf whole = frame(hello(3));
        channel.writeInbound(whole.readRetainedSlice(3));
        assertThat(listener.messages).isEmpty();
        channel.writeInbound(whole.readRetainedSlice(whole.readableBytes()));
        whole.release();
        assertThat(listener.messages).containsExactly(hello(3));
    }

    @Test
    void decodesTwoFramesFromOneBuffer() {
        channel.writeInbound(Unpooled.wrappedBuffer(frame(hello(1)), frame(hello(2))));
        assertThat(listener.messages).containsExactly(hello(1), hello(2));
    }

    @Test
    void anOversizedFrameClosesTheConnectionWithAReason() {
        channel.writeInbound(Unpooled.buffer().writeInt(10_000).writeBytes(new byte[16]));
        assertThat(channel.isOpen()).isFalse();
        assertThat(listener.disconnects).singleElement().asString().startsWith("frame too large");
        assertThat(listener.messages).isEmpty();
    }

    @Test
    void garbageClosesTheConnectionWithAReason() {
        byte[] junk = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 0x01, 0x02, 0x03};
        channel.writeInbound(Unpooled.buffer().writeInt(junk.length).writeBytes(junk));
        assertThat(channel.isOpen()).isFalse();
        assertThat(listener.disconnects).singleElement().asString().startsWith("undecodable frame");
    }

    @Test
    void answersPingWithPongAndKeepsBothFromTheApplication() throws Exception {
        channel.writeInbound(frame(Envelope.newBuilder().setPing(Ping.newBuilder().setSentNanos(42)).build()));
        Envelope pong = readOutbound();
        assertThat(pong.hasPong()).isTrue();
        assertThat(pong.getPong().getSentNanos()).isEqualTo(42);
        channel.writeInbound(frame(pong));
        assertThat(listener.messages).isEmpty();
    }

    @Test
    void aResponseCompletesItsRequestAndIsNotDelivered() throws Exception {
        CompletableFuture<Envelope> reply = NettyRpcConnection.of(channel).request(hello(5), Duration.ofSeconds(5));
        Envelope request = readOutbound();
        assertThat(request.getCorrelationId()).isNotZero();

        Envelope response = Envelope.newBuilder().setCorrelationId(request.getCorrelationId())
                .setWorkerStatus(WorkerStatus.newBuilder().setWorkerId("w1")).build();
        channel.writeInbound(frame(response));

        assertThat(reply.get(1, TimeUnit.SECONDS).getWorkerStatus().getWorkerId()).isEqualTo("w1");
        assertThat(listener.messages).isEmpty();
    }

    @Test
    void aRequestTimesOutWhenNoResponseComes() {
        CompletableFuture<Envelope> reply = NettyRpcConnection.of(channel).request(hello(5), Duration.ofMillis(100));
        channel.advanceTimeBy(200, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(reply).isCompletedExceptionally();
        assertThat(reply.handle((r, e) -> e.getMessage()).join()).contains("timed out");
    }

    @Test
    void pendingRequestsFailWhenTheConnectionCloses() {
        CompletableFuture<Envelope> reply = NettyRpcConnection.of(channel).request(hello(5), Duration.ofSeconds(5));
        NettyRpcConnection.of(channel).close("test closes");
        channel.runPendingTasks();
        assertThat(reply).isCompletedExceptionally();
        assertThat(listener.disconnects).containsExactly("test closes");
    }
}
