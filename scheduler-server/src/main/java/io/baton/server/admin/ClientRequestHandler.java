package io.baton.server.admin;

import io.baton.proto.v1.ClientRequest;
import io.baton.proto.v1.ClientResponse;
import io.baton.proto.v1.DeleteJob;
import io.baton.proto.v1.ErrorCode;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.Schedule;
import io.baton.proto.v1.TriggerJob;
import io.baton.proto.v1.TriggerKind;
import io.baton.proto.v1.UpdateJob;
import java.util.Optional;
import io.baton.server.coordinator.Coordinator;
import io.baton.server.coordinator.RequestRejected;
import io.baton.server.job.JobSpecValidator;
import io.baton.server.store.JobStore;
import io.baton.server.store.RunStore;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Answers SDK/CLI requests on the leader: validates, then delegates to the term's {@link Coordinator}.
 * A refusal the client can act on ({@link RequestRejected}: NOT_FOUND, CONFLICT) becomes a response with
 * that code; any other failure completes the returned future exceptionally and {@link ClientEndpoint} answers
 * it as UNAVAILABLE (the SDK retries those).
 */
public final class ClientRequestHandler {
    private final Coordinator coordinator;
    private final JobStore jobStore;
    private final RunStore runStore;
    private final Clock clock;
    /** ZooKeeper reads for history run here, never on the coordinator's event loop. */
    private final Executor reads;
    private final Runnable resign;
    private static final java.util.regex.Pattern IDEMPOTENCY_KEY = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    public ClientRequestHandler(Coordinator coordinator, JobStore jobStore, RunStore runStore, Clock clock, Executor reads) {
        this(coordinator, jobStore, runStore, clock, reads, () -> {});
    }

    /** As above; {@code resign} makes this node give up leadership (after the reply has been sent). */
    public ClientRequestHandler(Coordinator coordinator, JobStore jobStore, RunStore runStore, Clock clock, Executor reads,
                                Runnable resign) {
        this.resign = resign;
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
            case UPDATE_JOB -> update(request.getUpdateJob());
            case PAUSE_JOB -> named(request.getPauseJob().getJobName(),
                    name -> answer(() -> coordinator.pauseJob(name), ClientRequestHandler::jobResponse));
            case RESUME_JOB -> named(request.getResumeJob().getJobName(),
                    name -> answer(() -> coordinator.resumeJob(name), ClientRequestHandler::jobResponse));
            case DELETE_JOB -> delete(request.getDeleteJob());
            case CANCEL_RUN -> cancelRun(request.getCancelRun().getRunId());
            case LIST_JOBS -> coordinator.query(state -> state.jobs(request.getListJobs().getNamePrefix()))
                    .thenApply(jobs -> ClientResponse.newBuilder().addAllJobs(jobs.stream()
                            .filter(j -> !request.getListJobs().hasPaused() || j.getPaused() == request.getListJobs().getPaused())
                            .toList()).build());
            case CORDON_WORKER -> cordon(request.getCordonWorker());
            case RESIGN_LEADER -> resignLeader();
            default -> CompletableFuture.completedFuture(error(ErrorCode.ERROR_CODE_INVALID, "unsupported request " + request.getOpCase()));
        };
    }

    private CompletableFuture<ClientResponse> submit(JobSpec spec) {
        Optional<ClientResponse> invalid = invalidSpec(spec);
        if (invalid.isPresent()) return CompletableFuture.completedFuture(invalid.get());
        return coordinator.query(state -> state.job(spec.getName()).isPresent() || state.isDeleting(spec.getName())).thenCompose(exists -> {
            if (exists) {
                return CompletableFuture.completedFuture(error(ErrorCode.ERROR_CODE_ALREADY_EXISTS, "job '" + spec.getName() + "' already exists"));
            }
            long now = clock.millis();
            JobRecord record = JobRecord.newBuilder().setSpec(spec).setVersion(1).setCreatedMillis(now).setUpdatedMillis(now).build();
            CompletableFuture<ClientResponse> stored = answer(() -> coordinator.storeJob(record),
                    job -> ClientResponse.newBuilder().setJob(job).build());
            return stored.thenCompose(response -> {
                if (response.getError() != ErrorCode.ERROR_CODE_OK || spec.getSchedule().getKindCase() != Schedule.KindCase.RUN_NOW) {
                    return CompletableFuture.completedFuture(response);
                }
                return coordinator.trigger(spec.getName(), TriggerKind.TRIGGER_KIND_RUN_NOW).thenApply(run ->
                        response.toBuilder().setRun(run.orElseThrow()).build());
            });
        });
    }

    private CompletableFuture<ClientResponse> update(UpdateJob request) {
        Optional<ClientResponse> invalid = invalidSpec(request.getSpec());
        if (invalid.isPresent()) return CompletableFuture.completedFuture(invalid.get());
        long expected = request.getExpectedVersion();
        if (expected < 0) {
            return CompletableFuture.completedFuture(error(ErrorCode.ERROR_CODE_INVALID,
                    "expected_version: must not be negative, was " + expected));
        }
        return answer(() -> coordinator.updateJob(request.getSpec(), expected), ClientRequestHandler::jobResponse);
    }

    private CompletableFuture<ClientResponse> delete(DeleteJob request) {
        return named(request.getJobName(), name -> answer(() -> coordinator.deleteJob(name, request.getCancelActiveRuns()),
                deleted -> ClientResponse.getDefaultInstance()));
    }

    private CompletableFuture<ClientResponse> cancelRun(String runId) {
        if (runId.isEmpty()) return CompletableFuture.completedFuture(error(ErrorCode.ERROR_CODE_INVALID, "run_id: required"));
        return answer(() -> coordinator.cancelRun(runId), run -> ClientResponse.newBuilder().setRun(run).build())
                .thenApplyAsync(r -> {
                    if (r.getError() != ErrorCode.ERROR_CODE_NOT_FOUND) return r;
                    // not active: a finished run is a conflict, only an unknown one is not found
                    return runStore.get(runId).map(done -> error(ErrorCode.ERROR_CODE_CONFLICT,
                            "run " + runId + " has already finished (" + done.getState() + ")")).orElse(r);
                }, reads);
    }

    private CompletableFuture<ClientResponse> cordon(io.baton.proto.v1.CordonWorker request) {
        String id = request.getWorkerId();
        if (id.isEmpty() || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            return CompletableFuture.completedFuture(error(ErrorCode.ERROR_CODE_INVALID,
                    "worker_id: '" + id + "' is not a worker id"));
        }
        return coordinator.cordon(id, request.getCordon()).thenApply(ok -> ClientResponse.getDefaultInstance());
    }

    private CompletableFuture<ClientResponse> resignLeader() {
        // step down at once (a hand-over waits for nothing): the answer goes out on the client connection,
        // which is the node's, not the term's, so it is not cut by the term ending
        reads.execute(resign);
        return CompletableFuture.completedFuture(ClientResponse.getDefaultInstance());
    }

    private CompletableFuture<ClientResponse> trigger(TriggerJob request) {
        String job = request.getJobName();
        Optional<String> parameter = request.hasJobParameter() ? Optional.of(request.getJobParameter()) : Optional.empty();
        int bytes = parameter.map(p -> p.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).orElse(0);
        if (bytes > JobSpecValidator.MAX_JOB_PARAMETER_BYTES) {
            return CompletableFuture.completedFuture(error(ErrorCode.ERROR_CODE_INVALID, "job_parameter: " + bytes
                    + " bytes, maximum " + JobSpecValidator.MAX_JOB_PARAMETER_BYTES));
        }
        String key = request.getIdempotencyKey();
        if (!key.isEmpty() && !IDEMPOTENCY_KEY.matcher(key).matches()) {
            return CompletableFuture.completedFuture(error(ErrorCode.ERROR_CODE_INVALID,
                    "idempotency_key: must be 1-128 characters of [A-Za-z0-9._:-]"));
        }
        CompletableFuture<Optional<RunRecord>> started = key.isEmpty()
                ? coordinator.trigger(job, TriggerKind.TRIGGER_KIND_API, parameter)
                : coordinator.trigger(job, parameter, key);
        return started.thenApply(run -> run
                .map(r -> ClientResponse.newBuilder().setRun(r).build())
                .orElseGet(() -> notFound("job", job)));
    }

    private CompletableFuture<ClientResponse> getRun(String runId) {
        return coordinator.query(state -> state.durableRun(runId)).thenApplyAsync(mem -> mem.or(() -> runStore.get(runId))
                .map(r -> ClientResponse.newBuilder().setRun(r).build())
                .orElseGet(() -> notFound("run", runId)), reads);
    }

    /** The job's active runs and the finished ones its history policy keeps (all stored ones for a job not known). */
    private CompletableFuture<ClientResponse> listRuns(String job) {
        return coordinator.query(state -> new ActiveAndPolicy(state.activeRuns(),
                state.job(job).map(j -> j.getSpec().getHistory()))).thenApplyAsync(known -> {
            Map<String, RunRecord> byId = new LinkedHashMap<>();
            List<RunRecord> history = known.policy().map(p -> runStore.history(job, p, clock.millis()))
                    .orElseGet(() -> runStore.history(job));
            for (RunRecord r : history) byId.put(r.getRunId(), r);
            for (RunRecord r : known.active()) if (r.getJobName().equals(job)) byId.put(r.getRunId(), r);
            List<RunRecord> sorted = byId.values().stream()
                    .sorted(Comparator.comparingLong(RunRecord::getFireTimeMillis)).toList();
            return ClientResponse.newBuilder().addAllRuns(sorted).build();
        }, reads);
    }

    private record ActiveAndPolicy(List<RunRecord> active, java.util.Optional<io.baton.proto.v1.HistoryPolicy> policy) {}

    private CompletableFuture<ClientResponse> getJob(String name) {
        return coordinator.query(state -> state.job(name)).thenApplyAsync(job -> job.or(() -> jobStore.get(name))
                .map(j -> ClientResponse.newBuilder().setJob(j).build())
                .orElseGet(() -> notFound("job", name)), reads);
    }

    /** Runs {@code op} with a job name given on its own, or answers INVALID naming job_name. */
    private static CompletableFuture<ClientResponse> named(String jobName, Function<String, CompletableFuture<ClientResponse>> op) {
        return JobSpecValidator.nameProblem("job_name", jobName)
                .map(problem -> CompletableFuture.completedFuture(error(ErrorCode.ERROR_CODE_INVALID, problem)))
                .orElseGet(() -> op.apply(jobName));
    }

    static Optional<ClientResponse> invalidSpec(JobSpec spec) {
        List<String> problems = JobSpecValidator.problems(spec);
        if (problems.isEmpty()) return Optional.empty();
        return Optional.of(error(ErrorCode.ERROR_CODE_INVALID, "invalid job spec: " + String.join("; ", problems)));
    }

    /**
     * Calls {@code op} and answers with {@code ok} of its result. A {@link RequestRejected}, thrown or as the
     * (possibly wrapped) failure, becomes a response with its code and message; any other failure stays a
     * failure of the returned future.
     */
    static <T> CompletableFuture<ClientResponse> answer(Supplier<CompletableFuture<T>> op, Function<T, ClientResponse> ok) {
        CompletableFuture<T> result;
        try {
            result = op.get();
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        return result.handle((value, failure) -> {
            if (failure == null) return ok.apply(value);
            if (unwrap(failure) instanceof RequestRejected rejected) return error(rejected.code(), rejected.getMessage());
            throw failure instanceof CompletionException c ? c : new CompletionException(failure);
        });
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) e = e.getCause();
        return e;
    }

    private static ClientResponse jobResponse(JobRecord job) {
        return ClientResponse.newBuilder().setJob(job).build();
    }

    static ClientResponse notFound(String what, String name) {
        return error(ErrorCode.ERROR_CODE_NOT_FOUND, what + " '" + name + "' not found");
    }

    static ClientResponse error(ErrorCode code, String message) {
        return ClientResponse.newBuilder().setError(code).setErrorMessage(message).build();
    }

}
