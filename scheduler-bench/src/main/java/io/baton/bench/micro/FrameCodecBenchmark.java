package io.baton.bench.micro;

import io.baton.common.rpc.FrameCodec;
import io.baton.common.rpc.RpcConfig;
import io.baton.proto.v1.AssignShard;
import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.Envelope;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The wire codec of every connection ({@link FrameCodec}: length prefix + Protobuf {@link Envelope}) on
 * an {@code EmbeddedChannel}: encoding one "assign shard" message to its frame, decoding a frame, and
 * both. Scores are messages per second on one thread; the pipeline traversal is included, as in
 * production, the socket is not (FACTS.md gives the loopback figures).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameCodecBenchmark {
    private EmbeddedChannel encoder;
    private EmbeddedChannel decoder;
    private Envelope message;
    private ByteBuf frame;

    @Setup
    public void setUp() {
        int maxFrame = RpcConfig.defaults().maxFrameBytes();
        encoder = new EmbeddedChannel();
        FrameCodec.addTo(encoder.pipeline(), maxFrame);
        decoder = new EmbeddedChannel();
        FrameCodec.addTo(decoder.pipeline(), maxFrame);
        message = assignShard();
        encoder.writeOutbound(message);
        frame = Unpooled.directBuffer();
        for (ByteBuf part = encoder.readOutbound(); part != null; part = encoder.readOutbound()) {
            frame.writeBytes(part);
            part.release();
        }
    }

    @TearDown
    public void tearDown() {
        frame.release();
        encoder.finishAndReleaseAll();
        decoder.finishAndReleaseAll();
    }

    /** A typical assignment: ids and parameters of realistic length. */
    static Envelope assignShard() {
        return Envelope.newBuilder().setAssignShard(AssignShard.newBuilder()
                .setRef(AttemptRef.newBuilder().setRunId("nightly-export@1795908234000").setShardIndex(17).setAttempt(1).setAssignEpoch(42))
                .setJobName("nightly-export").setHandler("demo.sleep").setShardCount(64)
                .setShardParameter("region=eu-west-1;partition=17").setJobParameter("300")
                .setFireTimeMillis(1_795_908_234_000L).setTimeoutMillis(60_000)).build();
    }

    /** Bytes of one encoded frame (length prefix included). */
    int frameBytes() {
        return frame.readableBytes();
    }

    @Benchmark
    public int encode() {
        encoder.writeOutbound(message);
        return drain(encoder);
    }

    @Benchmark
    public void decode(Blackhole bh) {
        decoder.writeInbound(frame.retainedDuplicate());
        bh.consume(decoder.<Envelope>readInbound());
    }

    @Benchmark
    public void roundTrip(Blackhole bh) {
        encoder.writeOutbound(message);
        for (ByteBuf part = encoder.readOutbound(); part != null; part = encoder.readOutbound()) decoder.writeInbound(part);
        bh.consume(decoder.<Envelope>readInbound());
    }

    /** Peer: Protobuf alone (serialize to bytes and parse back), no framing and no pipeline. */
    @Benchmark
    public void protobufOnly(Blackhole bh) throws com.google.protobuf.InvalidProtocolBufferException {
        bh.consume(Envelope.parseFrom(message.toByteArray()));
    }

    private static int drain(EmbeddedChannel channel) {
        int bytes = 0;
        for (ByteBuf part = channel.readOutbound(); part != null; part = channel.readOutbound()) {
            bytes += part.readableBytes();
            part.release();
        }
        return bytes;
    }
}
