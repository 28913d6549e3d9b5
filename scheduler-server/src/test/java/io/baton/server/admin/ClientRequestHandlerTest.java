package io.baton.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.proto.v1.CancelRun;
import io.baton.proto.v1.ClientRequest;
import io.baton.proto.v1.ClientResponse;
import io.baton.proto.v1.DeleteJob;
import io.baton.proto.v1.ErrorCode;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.PauseJob;
import io.baton.proto.v1.ResumeJob;
import io.baton.proto.v1.RetryPolicy;
import io.baton.proto.v1.RunNow;
import io.baton.proto.v1.Schedule;
import io.baton.proto.v1.UpdateJob;
import io.baton.server.coordinator.RequestRejected;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The handler's own decisions: what reaches the coordinator and how its refusals are answered. Requests
 * refused by validation must never reach the coordinator, so the handler under test has none.
 */
class ClientRequestHandlerTest {
    private final ClientRequestHandler withoutCoordinator =
            new ClientRequestHandler(null, null, null, Clock.systemUTC(), Runnable::run);

    private static JobSpec.Builder validSpec() {
        return JobSpec.newBuilder().setName("export").setHandler("demo.sleep").setShardCount(2)
                .setSchedule(Schedule.newBuilder().setRunNow(RunNow.getDefaultInstance()));
    }

    private ClientResponse answerTo(ClientRequest.Builder request) {
        return withoutCoordinator.handle(request.build()).join();
    }

    @Test
    void rejectionFromTheCoordinatorBecomesAResponseWithItsCodeAndMessage() {
        RequestRejected conflict = new RequestRejected(ErrorCode.ERROR_CODE_CONFLICT, "job 'export' is at version 3, not 2");
        ClientResponse direct = ClientRequestHandler.answer(() -> CompletableFuture.<JobRecord>failedFuture(conflict),
                job -> ClientResponse.newBuilder().setJob(job).build()).join();
        assertThat(direct.getError()).isEqualTo(ErrorCode.ERROR_CODE_CONFLICT);
        assertThat(direct.getErrorMessage()).isEqualTo("job 'export' is at version 3, not 2");
        assertThat(direct.hasJob()).isFalse();
    }

    @Test
    void rejectionIsFoundInsideCompletionAndExecutionExceptionsAndWhenThrownDirectly() {
        RequestRejected notFound = new RequestRejected(ErrorCode.ERROR_CODE_NOT_FOUND, "job 'x' not found");
        CompletableFuture<Void> wrapped = CompletableFuture.failedFuture(
                new CompletionException(new ExecutionException(notFound)));
        assertThat(ClientRequestHandler.answer(() -> wrapped, v -> ClientResponse.getDefaultInstance()).join().getError())
                .isEqualTo(ErrorCode.ERROR_CODE_NOT_FOUND);
        CompletableFuture<Void> later = new CompletableFuture<>();
        CompletableFuture<ClientResponse> pending = ClientRequestHandler.answer(() -> later.thenApply(v -> v),
                v -> ClientResponse.getDefaultInstance());
        later.completeExceptionally(notFound);
        assertThat(pending.join().getErrorMessage()).isEqualTo("job 'x' not found");
        assertThat(ClientRequestHandler.<Void>answer(() -> { throw notFound; }, v -> ClientResponse.getDefaultInstance())
                .join().getError()).isEqualTo(ErrorCode.ERROR_CODE_NOT_FOUND);
    }

    @Test
    void successIsAnsweredWithTheResult() {
        JobRecord job = JobRecord.newBuilder().setSpec(validSpec()).setVersion(4).setPaused(true).build();
        ClientResponse r = ClientRequestHandler.answer(() -> CompletableFuture.completedFuture(job),
                j -> ClientResponse.newBuilder().setJob(j).build()).join();
        assertThat(r.getError()).isEqualTo(ErrorCode.ERROR_CODE_OK);
        assertThat(r.getJob()).isEqualTo(job);
    }

    @Test
    void otherFailuresStayFailuresForTheEndpointToAnswer() {
        IllegalStateException ended = new IllegalStateException("term 3 has ended");
        CompletableFuture<ClientResponse> failed = ClientRequestHandler.answer(() -> CompletableFuture.failedFuture(ended),
                v -> ClientResponse.getDefaultInstance());
        assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class).hasCause(ended);
        CompletableFuture<ClientResponse> thrown = ClientRequestHandler.answer(() -> { throw ended; },
                v -> ClientResponse.getDefaultInstance());
        assertThatThrownBy(thrown::join).hasCause(ended);
    }

    @Test
    void pauseResumeAndDeleteNameAnInvalidJobName() {
        for (ClientRequest.Builder request : new ClientRequest.Builder[] {
                ClientRequest.newBuilder().setPauseJob(PauseJob.newBuilder().setJobName("bad name")),
                ClientRequest.newBuilder().setResumeJob(ResumeJob.newBuilder().setJobName("../x")),
                ClientRequest.newBuilder().setDeleteJob(DeleteJob.newBuilder().setJobName("").setCancelActiveRuns(true))}) {
            ClientResponse r = answerTo(request);
            assertThat(r.getError()).as(request.getOpCase().name()).isEqualTo(ErrorCode.ERROR_CODE_INVALID);
            assertThat(r.getErrorMessage()).as(request.getOpCase().name()).startsWith("job_name: ");
        }
    }

    @Test
    void cancelNeedsARunId() {
        ClientResponse r = answerTo(ClientRequest.newBuilder().setCancelRun(CancelRun.getDefaultInstance()));
        assertThat(r.getError()).isEqualTo(ErrorCode.ERROR_CODE_INVALID);
        assertThat(r.getErrorMessage()).isEqualTo("run_id: required");
    }

    @Test
    void updateValidatesTheSpecLikeSubmitAndNamesTheBadFields() {
        JobSpec bad = validSpec().setShardCount(0).setRetry(RetryPolicy.newBuilder().setJitter(3)).build();
        ClientResponse r = answerTo(ClientRequest.newBuilder().setUpdateJob(UpdateJob.newBuilder().setSpec(bad).setExpectedVersion(1)));
        assertThat(r.getError()).isEqualTo(ErrorCode.ERROR_CODE_INVALID);
        assertThat(r.getErrorMessage()).startsWith("invalid job spec: ").contains("shard_count: ").contains("retry.jitter: ");
        assertThat(r.getErrorMessage()).isEqualTo(ClientRequestHandler.invalidSpec(bad).orElseThrow().getErrorMessage());
    }

    @Test
    void updateRefusesANegativeExpectedVersion() {
        ClientResponse r = answerTo(ClientRequest.newBuilder().setUpdateJob(
                UpdateJob.newBuilder().setSpec(validSpec()).setExpectedVersion(-1)));
        assertThat(r.getError()).isEqualTo(ErrorCode.ERROR_CODE_INVALID);
        assertThat(r.getErrorMessage()).startsWith("expected_version: ");
    }
}
