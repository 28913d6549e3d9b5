package io.baton.common.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.LeaderHello;
import io.baton.proto.v1.WorkerStatus;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Requests, responses, timeouts and close reasons of one connection, on an EmbeddedChannel (the dialling side). */
class NettyRpcConnectionTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    private final RecordingListener listener = RecordingListener.silent();
    private final EmbeddedPipeline pipeline = new EmbeddedPipeline(RpcConfig.defaults().withMaxFrameBytes(1024), listener);
    private final NettyRpcConnection connection = pipeline.connection();

    private static Envelope hello(String id) {
        return Envelope.newBuilder().setLeaderHello(LeaderHello.newBuilder().setLeaderId(id)).build();
    }

    private static Envelope status(long correlationId) {
        return Envelope.newBuilder().setCorrelationId(correlationId)
                .setWorkerStatus(WorkerStatus.newBuilder().setWorkerId("w1")).build();
    }

    private static String failureOf(CompletableFuture<?> f) {
        assertThat(f).isCompletedExceptionally();
        Throwable e = f.handle((r, t) -> t).join();
        assertThat(e).isInstanceOf(RpcException.class);
        return e.getMessage();
    }

    @Test
    void aBatchIsWrittenWholeAndInOrder() throws Exception {
        connection.sendAll(java.util.List.of(hello("a"), hello("b"), hello("c")));

        assertThat(pipeline.written()).extracting(e -> e.getLeaderHello().getLeaderId()).containsExactly("a", "b", "c");
    }

    @Test
    void aBatchWithAMessageTooLargeForAFrameIsRefusedBeforeAnyIsWritten() throws Exception {
        Envelope tooLarge = hello("x".repeat(2048));

        assertThatThrownBy(() -> connection.sendAll(java.util.List.of(hello("a"), tooLarge))).isInstanceOf(RpcException.class);

        assertThat(pipeline.written()).isEmpty();
    }

    @Test
    void requestsGetFreshOddCorrelationIdsOnTheDiallingSide() throws Exception {
        connection.request(hello("a").toBuilder().setCorrelationId(999).build(), LONG);
        connection.request(hello("b"), LONG);
        assertThat(pipeline.written()).extracting(Envelope::getCorrelationId).containsExactly(1L, 3L);
    }

    @Test
    void aResponseCompletesItsRequestAndIsNotDelivered() throws Exception {
        CompletableFuture<Envelope> reply = connection.request(hello("a"), LONG);
        long id = pipeline.writtenOne().getCorrelationId();

        pipeline.receive(status(id));

        assertThat(reply.get(1, TimeUnit.SECONDS).getWorkerStatus().getWorkerId()).isEqualTo("w1");
        assertThat(listener.messages).isEmpty();
        assertThat(connection.pendingCount()).isZero();
    }

    @Test
    void aPeerRequestIsDeliveredEvenWhenWeHaveARequestPending() throws Exception {
        CompletableFuture<Envelope> ours = connection.request(hello("a"), LONG); // id 1
        Envelope theirs = hello("peer").toBuilder().setCorrelationId(2).build(); // the accepting side numbers evenly
        pipeline.receive(theirs);

        assertThat(listener.messages).containsExactly(theirs);
        assertThat(ours).isNotDone();
    }

    @Test
    void replyCopiesTheRequestsCorrelationId() throws Exception {
        connection.reply(hello("q").toBuilder().setCorrelationId(8).build(), status(0));
        assertThat(pipeline.writtenOne().getCorrelationId()).isEqualTo(8);
    }

    @Test
    void aRequestTimesOutWhenNoResponseComes() {
        CompletableFuture<Envelope> reply = connection.request(hello("a"), Duration.ofMillis(100));
        pipeline.channel.advanceTimeBy(99, TimeUnit.MILLISECONDS);
        pipeline.channel.runScheduledPendingTasks();
        assertThat(reply).isNotDone();

        pipeline.channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        pipeline.channel.runScheduledPendingTasks();
        assertThat(failureOf(reply)).contains("timed out after 100 ms");
        assertThat(connection.pendingCount()).isZero();
    }

    @Test
    void aLateResponseIsDroppedNotDelivered() throws Exception {
        CompletableFuture<Envelope> reply = connection.request(hello("a"), Duration.ofMillis(10));
        long id = pipeline.writtenOne().getCorrelationId();
        pipeline.channel.advanceTimeBy(10, TimeUnit.MILLISECONDS);
        pipeline.channel.runScheduledPendingTasks();

        pipeline.receive(status(id));

        assertThat(reply).isCompletedExceptionally();
        assertThat(listener.messages).isEmpty();
        assertThat(pipeline.channel.isOpen()).isTrue();
    }

    @Test
    void pendingRequestsFailWhenTheConnectionClosesAndTheFirstReasonWins() {
        CompletableFuture<Envelope> reply = connection.request(hello("a"), LONG);
        connection.close("test closes");
        connection.close("second reason");
        pipeline.channel.runPendingTasks();

        assertThat(failureOf(reply)).contains("test closes");
        assertThat(listener.disconnects).containsExactly("test closes");
        assertThat(connection.closeReason()).contains("test closes");
        assertThat(connection.isActive()).isFalse();
    }

    @Test
    void aRequestOnAClosedConnectionFailsAtOnce() {
        connection.close("gone");
        assertThat(failureOf(connection.request(hello("a"), LONG))).contains("gone");
        assertThat(connection.pendingCount()).isZero();
    }

    @Test
    void theCloseReasonIsEmptyWhileOpen() {
        assertThat(connection.closeReason()).isEmpty();
    }

    @Test
    void aMessageTooLargeForAFrameIsRefusedLocallyAndTheConnectionStays() throws Exception {
        Envelope huge = hello("x".repeat(2_000));
        assertThatThrownBy(() -> connection.send(huge)).isInstanceOf(RpcException.class).hasMessageContaining("too large");
        assertThat(failureOf(connection.request(huge, LONG))).contains("too large");
        assertThat(pipeline.written()).isEmpty();
        assertThat(connection.isActive()).isTrue();
        assertThat(connection.pendingCount()).isZero();
    }

    @Test
    void sendIsDroppedSilentlyOnAClosedConnection() {
        connection.close("gone");
        connection.send(hello("a"));
        assertThat(listener.disconnects).containsExactly("gone");
    }
}
