package io.baton.common.rpc;

import static io.baton.common.rpc.EmbeddedPipeline.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.LeaderHello;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** The pipeline's framing and codec on an EmbeddedChannel, including what bad input does to it. */
class ChannelSetupTest {
    private static final int MAX = 1024;

    private final RecordingListener listener = RecordingListener.silent();
    private final EmbeddedPipeline pipeline = new EmbeddedPipeline(RpcConfig.defaults().withMaxFrameBytes(MAX), listener);

    private static Envelope hello(long epoch) {
        return Envelope.newBuilder().setEpoch(epoch).setLeaderHello(LeaderHello.newBuilder().setLeaderId("s1")).build();
    }

    /** An envelope whose serialized size is exactly {@code size} bytes. */
    private static Envelope ofSize(int size) {
        for (int n = size; n > 0; n--) {
            Envelope e = Envelope.newBuilder().setLeaderHello(LeaderHello.newBuilder().setLeaderId("x".repeat(n))).build();
            if (e.getSerializedSize() == size) return e;
        }
        throw new AssertionError("no envelope of " + size + " bytes");
    }

    @Test
    void roundTripsAnEnvelopeThroughEncoderAndDecoder() {
        pipeline.connection().send(hello(7));
        byte[] wire = pipeline.writtenBytes();
        assertThat(wire).isEqualTo(ByteBufUtil.getBytes(frame(hello(7)))); // 4-byte big-endian length, then body

        pipeline.channel.writeInbound(Unpooled.wrappedBuffer(wire));
        assertThat(listener.messages).containsExactly(hello(7));
    }

    @Test
    void reassemblesAFrameSplitAcrossReads() {
        ByteBuf whole = frame(hello(3));
        pipeline.channel.writeInbound(whole.readRetainedSlice(2));
        pipeline.channel.writeInbound(whole.readRetainedSlice(3));
        assertThat(listener.messages).isEmpty();
        pipeline.channel.writeInbound(whole.readRetainedSlice(whole.readableBytes()));
        whole.release();
        assertThat(listener.messages).containsExactly(hello(3));
    }

    @Test
    void decodesTwoFramesFromOneBuffer() {
        pipeline.channel.writeInbound(Unpooled.wrappedBuffer(frame(hello(1)), frame(hello(2))));
        assertThat(listener.messages).containsExactly(hello(1), hello(2));
    }

    @Test
    void acceptsAFrameOfExactlyTheMaximumSize() {
        Envelope biggest = ofSize(MAX);
        pipeline.receive(biggest);
        assertThat(pipeline.channel.isOpen()).isTrue();
        assertThat(listener.messages).containsExactly(biggest);
    }

    @Test
    void anOversizedLengthClosesTheConnectionBeforeTheBodyArrives() {
        pipeline.channel.writeInbound(Unpooled.buffer().writeInt(MAX + 1).writeBytes(new byte[16]));
        assertThat(pipeline.channel.isOpen()).isFalse();
        assertThat(pipeline.connection().closeReason()).contains("frame too large: 1025 > 1024");
        assertThat(listener.disconnects).containsExactly("frame too large: 1025 > 1024");
        assertThat(listener.messages).isEmpty();
    }

    @Test
    void garbageClosesTheConnectionWithAReason() {
        byte[] junk = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 0x01, 0x02, 0x03};
        pipeline.channel.writeInbound(Unpooled.buffer().writeInt(junk.length).writeBytes(junk));
        assertThat(pipeline.channel.isOpen()).isFalse();
        assertThat(listener.disconnects).singleElement().asString().startsWith("undecodable frame: ");
    }

    @Test
    void framesAfterAnUndecodableOneInTheSameReadAreNotDelivered() {
        byte[] junk = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
        ByteBuf bad = Unpooled.buffer().writeInt(junk.length).writeBytes(junk);
        pipeline.channel.writeInbound(Unpooled.wrappedBuffer(frame(hello(1)), bad, frame(hello(2))));
        assertThat(pipeline.channel.isOpen()).isFalse();
        assertThat(listener.messages).containsExactly(hello(1));
        assertThat(listener.disconnects).hasSize(1);
    }

    @Test
    void aFailingListenerDoesNotCloseTheConnection() {
        RecordingListener after = RecordingListener.silent();
        EmbeddedPipeline p = new EmbeddedPipeline(RpcConfig.defaults(), new MessageListener() {
            @Override
            public void onMessage(RpcConnection connection, Envelope envelope) {
                if (envelope.getEpoch() == 1) throw new IllegalStateException("listener bug");
                after.onMessage(connection, envelope);
            }
        });
        p.receive(hello(1));
        p.receive(hello(2));
        assertThat(p.channel.isOpen()).isTrue();
        assertThat(after.messages).containsExactly(hello(2));
    }

    @Test
    void anyOtherPipelineErrorClosesTheConnectionWithItsReason() {
        pipeline.channel.pipeline().fireExceptionCaught(new IllegalStateException("boom"));
        assertThat(pipeline.channel.isOpen()).isFalse();
        assertThat(listener.disconnects).containsExactly("IllegalStateException: boom");
    }
}
