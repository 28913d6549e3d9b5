package io.baton.server.admin;

import io.baton.proto.v1.ClientRequest;
import io.baton.proto.v1.ClientResponse;
import io.baton.proto.v1.ErrorCode;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.Schedule;
import io.baton.proto.v1.TriggerJob;
import io.baton.proto.v1.TriggerKind;
import java.util.Optional;
import io.baton.server.coordinator.Coordinator;
import io.baton.server.job.JobSpecValidator;
import io.baton.server.store.JobStore;
import io.baton.server.store.RunStore;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Answers SDK/CLI requests on the leader: validates, then delegates to the term's {@link Coordinator}.
 * Translates every outcome into a {@link ClientResponse} with an error code; never lets an exception
 * escape to the caller's connection.
 */
public final class ClientRequestHandler {
    private final Coordinator coordinator;
    private final JobStore jobStore;
    private final RunStore runStore;
    private final Clock clock;
    /** ZooKeeper reads for history run here, never on the coordinator's event loop. */
    private final Executor reads;

    public ClientRequestHandler(Coordinator coordinator, JobStore jobStore, RunStore runStore, Clock clock, Executor reads) {
        this.coordinator = coordinator;
        this.jobStore = jobStore;
        this.runStore = runStore;
        this.clock = clock;
        this.reads = reads;
    }

    public CompletableFuture<ClientResponse> handle(ClientRequest request) {
        return switch (request.getOpCase()) {
            case SUBMIT_JOB -> submit(request.getSubmitJob().getSpec());
            case TRIGGER_JOB -> trigger(request.getTriggerJob());
            case GET_RUN -> getRun(request.getGetRun().getRunId());
            case LIST_RUNS -> listRuns(request.getListRuns().getJobName());
            case GET_JOB -> getJob(request.getGetJob().getJobName());
            default -> CompletableFuture.completedFuture(error(ErrorCode.ERROR_CODE_INVALID, "unsupported request " + request.getOpCase()));
        };
    }

    private CompletableFuture<ClientResponse> submit(JobSpec spec) {
        List<String> problems = JobSpecValidator.problems(spec);
        if (!problems.isEmpty()) {
            return CompletableFuture.completedFuture(error(ErrorCode.ERROR_CODE_INVALID, "invalid job spec: " + String.join("; ", problems)));
        }
        return coordinator.query(state -> state.job(spec.getName()).isPresent()).thenCompose(exists -> {
            if (exists) {
                return CompletableFuture.completedFuture(error(ErrorCode.ERROR_CODE_ALREADY_EXISTS, "job '" + spec.getName() + "' already exists"));
            }
            JobRecord record = JobRecord.newBuilder().setSpec(spec).setCreatedMillis(clock.millis()).build();
            return coordinator.storeJob(record).thenCompose(stored -> {
                if (spec.getSchedule().getKindCase() != Schedule.KindCase.RUN_NOW) {
                    return CompletableFuture.completedFuture(ClientResponse.newBuilder().setJob(stored).build());
                }
                return coordinator.trigger(spec.getName(), TriggerKind.TRIGGER_KIND_RUN_NOW).thenApply(run ->
                        ClientResponse.newBuilder().setJob(stored).setRun(run.orElseThrow()).build());
            });
        });
    }

    private CompletableFuture<ClientResponse> trigger(TriggerJob request) {
        String job = request.getJobName();
        Optional<String> parameter = request.hasJobParameter() ? Optional.of(request.getJobParameter()) : Optional.empty();
        int bytes = parameter.map(p -> p.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).orElse(0);
        if (bytes > JobSpecValidator.MAX_JOB_PARAMETER_BYTES) {
            return CompletableFuture.completedFuture(error(ErrorCode.ERROR_CODE_INVALID, "job_parameter: " + bytes
                    + " bytes, maximum " + JobSpecValidator.MAX_JOB_PARAMETER_BYTES));
        }
        return coordinator.trigger(job, TriggerKind.TRIGGER_KIND_API, parameter).thenApply(run -> run
                .map(r -> ClientResponse.newBuilder().setRun(r).build())
                .orElseGet(() -> notFound("job", job)));
    }

    private CompletableFuture<ClientResponse> getRun(String runId) {
        return coordinator.query(state -> state.run(runId)).thenApplyAsync(mem -> mem.or(() -> runStore.get(runId))
                .map(r -> ClientResponse.newBuilder().setRun(r).build())
                .orElseGet(() -> notFound("run", runId)), reads);
    }

    private CompletableFuture<ClientResponse> listRuns(String job) {
        return coordinator.query(state -> state.activeRuns()).thenApplyAsync(active -> {
            Map<String, RunRecord> byId = new LinkedHashMap<>();
            for (RunRecord r : runStore.listForJob(job)) byId.put(r.getRunId(), r);
            for (RunRecord r : active) if (r.getJobName().equals(job)) byId.put(r.getRunId(), r);
            List<RunRecord> sorted = byId.values().stream()
                    .sorted(Comparator.comparingLong(RunRecord::getFireTimeMillis)).toList();
            return ClientResponse.newBuilder().addAllRuns(sorted).build();
        }, reads);
    }

    private CompletableFuture<ClientResponse> getJob(String name) {
        return coordinator.query(state -> state.job(name)).thenApplyAsync(job -> job.or(() -> jobStore.get(name))
                .map(j -> ClientResponse.newBuilder().setJob(j).build())
                .orElseGet(() -> notFound("job", name)), reads);
    }

    static ClientResponse notFound(String what, String name) {
        return error(ErrorCode.ERROR_CODE_NOT_FOUND, what + " '" + name + "' not found");
    }

    static ClientResponse error(ErrorCode code, String message) {
        return ClientResponse.newBuilder().setError(code).setErrorMessage(message).build();
    }

}
