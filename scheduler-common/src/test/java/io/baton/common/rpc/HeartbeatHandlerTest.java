package io.baton.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.Envelope;
import io.netty.handler.timeout.IdleStateEvent;
import org.junit.jupiter.api.Test;

/**
 * Heartbeats on an EmbeddedChannel. Idle events are fired by hand: IdleStateHandler reads the real
 * clock, so its timing is covered by the loopback tests instead.
 */
class HeartbeatHandlerTest {
    private final RecordingListener listener = RecordingListener.silent();
    private final EmbeddedPipeline pipeline = new EmbeddedPipeline(RpcConfig.defaults(), listener);

    @Test
    void answersPingWithPongCarryingTheSameNanosAndKeepsItFromTheApplication() throws Exception {
        pipeline.receive(HeartbeatHandler.ping(42));
        Envelope pong = pipeline.writtenOne();
        assertThat(pong.hasPong()).isTrue();
        assertThat(pong.getPong().getSentNanos()).isEqualTo(42);
        assertThat(listener.messages).isEmpty();
    }

    @Test
    void swallowsPongs() throws Exception {
        pipeline.receive(HeartbeatHandler.pong(7));
        assertThat(listener.messages).isEmpty();
        assertThat(pipeline.written()).isEmpty();
    }

    @Test
    void pingsWhenNothingWasWritten() throws Exception {
        pipeline.channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_WRITER_IDLE_STATE_EVENT);
        Envelope ping = pipeline.writtenOne();
        assertThat(ping.hasPing()).isTrue();
        assertThat(ping.getCorrelationId()).isZero();
        assertThat(pipeline.channel.isOpen()).isTrue();
    }

    @Test
    void closesWithHeartbeatTimeoutWhenNothingWasRead() {
        pipeline.channel.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT);
        assertThat(pipeline.channel.isOpen()).isFalse();
        assertThat(listener.disconnects).containsExactly("heartbeat timeout");
    }

    @Test
    void passesOtherUserEventsOn() {
        Object custom = new Object();
        pipeline.channel.pipeline().fireUserEventTriggered(custom);
        assertThat(pipeline.channel.isOpen()).isTrue();
    }
}
