package io.baton.client;

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
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.UpdateJob;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each SDK call sends and how it reads the answer, over a transport that records and replays. */
class BatonClientTest {
    private final List<ClientRequest> sent = new ArrayList<>();
    private final Deque<ClientResponse> answers = new ArrayDeque<>();
    private boolean closed;
    private final BatonClient client = new BatonClient(request -> {
        sent.add(request);
        return answers.isEmpty() ? ClientResponse.getDefaultInstance() : answers.poll();
    }, () -> closed = true);

    private static final JobSpec SPEC = JobSpecs.fixedRate("export", "demo.sleep", 4, 1_000).build();

    private static ClientResponse error(ErrorCode code, String message) {
        return ClientResponse.newBuilder().setError(code).setErrorMessage(message).build();
    }

    @Test
    void updateSendsTheSpecWithTheExpectedVersionAndReturnsTheNewRecord() {
        JobRecord stored = JobRecord.newBuilder().setSpec(SPEC).setVersion(8).build();
        answers.add(ClientResponse.newBuilder().setJob(stored).build());
        assertThat(client.update(SPEC, 7)).isEqualTo(stored);
        assertThat(sent).containsExactly(ClientRequest.newBuilder()
                .setUpdateJob(UpdateJob.newBuilder().setSpec(SPEC).setExpectedVersion(7)).build());
    }

    @Test
    void aStaleVersionIsAConflict() {
        answers.add(error(ErrorCode.ERROR_CODE_CONFLICT, "job 'export' is at version 9, not 7"));
        assertThatThrownBy(() -> client.update(SPEC, 7)).isInstanceOfSatisfying(BatonException.class, e -> {
            assertThat(e.code()).isEqualTo(BatonException.Code.CONFLICT);
            assertThat(e.getMessage()).isEqualTo("job 'export' is at version 9, not 7");
        });
    }

    @Test
    void pauseAndResumeNameTheJobAndReturnIt() {
        JobRecord paused = JobRecord.newBuilder().setSpec(SPEC).setPaused(true).setVersion(2).build();
        JobRecord resumed = paused.toBuilder().setPaused(false).setVersion(3).build();
        answers.add(ClientResponse.newBuilder().setJob(paused).build());
        answers.add(ClientResponse.newBuilder().setJob(resumed).build());
        assertThat(client.pause("export")).isEqualTo(paused);
        assertThat(client.resume("export")).isEqualTo(resumed);
        assertThat(sent).containsExactly(
                ClientRequest.newBuilder().setPauseJob(PauseJob.newBuilder().setJobName("export")).build(),
                ClientRequest.newBuilder().setResumeJob(ResumeJob.newBuilder().setJobName("export")).build());
    }

    @Test
    void deleteKeepsActiveRunsUnlessToldToCancelThem() {
        client.delete("export");
        client.delete("export", true);
        assertThat(sent).containsExactly(
                ClientRequest.newBuilder().setDeleteJob(DeleteJob.newBuilder().setJobName("export")).build(),
                ClientRequest.newBuilder().setDeleteJob(DeleteJob.newBuilder().setJobName("export").setCancelActiveRuns(true)).build());
    }

    @Test
    void deleteOfAJobWithActiveRunsIsAConflictAndOfAnUnknownJobNotFound() {
        answers.add(error(ErrorCode.ERROR_CODE_CONFLICT, "job 'export' has 1 active run"));
        answers.add(error(ErrorCode.ERROR_CODE_NOT_FOUND, "job 'nope' not found"));
        assertThatThrownBy(() -> client.delete("export")).isInstanceOfSatisfying(BatonException.class,
                e -> assertThat(e.code()).isEqualTo(BatonException.Code.CONFLICT));
        assertThatThrownBy(() -> client.delete("nope", true)).isInstanceOfSatisfying(BatonException.class,
                e -> assertThat(e.code()).isEqualTo(BatonException.Code.NOT_FOUND));
    }

    @Test
    void cancelRunNamesTheRunAndReturnsIt() {
        RunRecord cancelled = RunRecord.newBuilder().setRunId("export@1000").setState(RunState.RUN_STATE_CANCELLED).build();
        answers.add(ClientResponse.newBuilder().setRun(cancelled).build());
        assertThat(client.cancelRun("export@1000")).isEqualTo(cancelled);
        assertThat(sent).containsExactly(ClientRequest.newBuilder().setCancelRun(CancelRun.newBuilder().setRunId("export@1000")).build());
    }

    @Test
    void everyWireErrorCodeMapsToAnSdkCode() {
        assertThat(BatonException.of(ErrorCode.ERROR_CODE_INVALID)).isEqualTo(BatonException.Code.INVALID);
        assertThat(BatonException.of(ErrorCode.ERROR_CODE_NOT_FOUND)).isEqualTo(BatonException.Code.NOT_FOUND);
        assertThat(BatonException.of(ErrorCode.ERROR_CODE_ALREADY_EXISTS)).isEqualTo(BatonException.Code.ALREADY_EXISTS);
        assertThat(BatonException.of(ErrorCode.ERROR_CODE_CONFLICT)).isEqualTo(BatonException.Code.CONFLICT);
        assertThat(BatonException.of(ErrorCode.ERROR_CODE_UNAVAILABLE)).isEqualTo(BatonException.Code.UNAVAILABLE);
        assertThat(BatonException.of(ErrorCode.ERROR_CODE_NOT_LEADER)).isEqualTo(BatonException.Code.UNAVAILABLE);
        assertThat(BatonException.of(ErrorCode.ERROR_CODE_INTERNAL)).isEqualTo(BatonException.Code.INTERNAL);
    }

    @Test
    void awaitRunWaitsThroughQueuedAndRunningAndReturnsACancelledRun() {
        RunRecord.Builder run = RunRecord.newBuilder().setRunId("export@1000");
        answers.add(ClientResponse.newBuilder().setRun(run.setState(RunState.RUN_STATE_QUEUED)).build());
        answers.add(ClientResponse.newBuilder().setRun(run.setState(RunState.RUN_STATE_RUNNING)).build());
        answers.add(ClientResponse.newBuilder().setRun(run.setState(RunState.RUN_STATE_CANCELLED)).build());
        assertThat(client.awaitRun("export@1000", Duration.ofSeconds(30)).getState()).isEqualTo(RunState.RUN_STATE_CANCELLED);
        assertThat(sent).hasSize(3);
    }

    @Test
    void closeReleasesTheTransport() {
        client.close();
        assertThat(closed).isTrue();
    }

    @Test
    void policyHelpersFillEveryField() {
        assertThat(JobSpecs.retry(3, 500, 8_000, 1.5, 0.1)).satisfies(r -> {
            assertThat(r.getMaxAttempts()).isEqualTo(3);
            assertThat(r.getInitialBackoffMillis()).isEqualTo(500);
            assertThat(r.getMaxBackoffMillis()).isEqualTo(8_000);
            assertThat(r.getMultiplier()).isEqualTo(1.5);
            assertThat(r.getJitter()).isEqualTo(0.1);
        });
        assertThat(JobSpecs.retry(4)).isEqualTo(JobSpecs.retry(4, 0, 0, 0, 0));
        assertThat(JobSpecs.history(20, 3_600_000)).satisfies(h -> {
            assertThat(h.getMaxRuns()).isEqualTo(20);
            assertThat(h.getMaxAgeMillis()).isEqualTo(3_600_000);
        });
    }
}
