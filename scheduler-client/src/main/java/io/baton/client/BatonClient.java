package io.baton.client;

import io.baton.client.internal.LeaderChannel;
import io.baton.client.internal.SchedulerDiscovery;
import io.baton.common.rpc.RpcRuntime;
import io.baton.common.zk.ZkClients;
import io.baton.proto.v1.CancelRun;
import io.baton.proto.v1.ClientRequest;
import io.baton.proto.v1.ClientResponse;
import io.baton.proto.v1.ClusterStatus;
import io.baton.proto.v1.ClusterView;
import io.baton.proto.v1.DeleteJob;
import io.baton.proto.v1.ErrorCode;
import io.baton.proto.v1.GetJob;
import io.baton.proto.v1.GetRun;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.ListRuns;
import io.baton.proto.v1.PauseJob;
import io.baton.proto.v1.ResumeJob;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.SubmitJob;
import io.baton.proto.v1.TriggerJob;
import io.baton.proto.v1.UpdateJob;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;

/**
 * The Java client of a Baton cluster. Requests go to the current leader wherever it is; a leader change
 * during a call is retried within the request timeout. A request is therefore sent again when its reply was
 * lost: every method says what that means for it (most are idempotent; {@link #update} is not).
 *
 * <pre>{@code
 * try (BatonClient client = BatonClient.connect(ClientConfig.zookeeper("127.0.0.1:2181"))) {
 *     JobSpec spec = JobSpecs.runNow("nightly-export", "demo.sleep", 12).setJobParameter("200").build();
 *     RunRecord run = client.submit(spec).orElseThrow();
 *     RunRecord done = client.awaitRun(run.getRunId(), Duration.ofMinutes(1));
 *     System.out.println(done.getState());
 * }
 * }</pre>
 *
 * <p>Changing a job safely when others may change it too (optimistic concurrency):
 * <pre>{@code
 * JobRecord job = client.getJob("nightly-export");
 * JobSpec faster = job.getSpec().toBuilder().setShardCount(24).build();
 * JobRecord updated = client.update(faster, job.getVersion()); // CONFLICT if someone changed it meanwhile
 * }</pre>
 */
public final class BatonClient implements AutoCloseable {
    private final Function<ClientRequest, ClientResponse> transport;
    private final Runnable closer;

    /** {@code transport} answers a request (OK or an application error); {@code closer} releases it. */
    BatonClient(Function<ClientRequest, ClientResponse> transport, Runnable closer) {
        this.transport = transport;
        this.closer = closer;
    }

    /** Connects lazily: nothing is contacted until the first request. */
    public static BatonClient connect(ClientConfig config) {
        CuratorFramework zk = config.zk().map(ZkClients::create).orElse(null);
        if (zk != null) zk.start();
        RpcRuntime runtime = new RpcRuntime("baton-client", 1);
        LeaderChannel channel = new LeaderChannel(runtime, config.rpc(), new SchedulerDiscovery(zk, config.addresses()),
                config.connectTimeout(), config.requestTimeout());
        return new BatonClient(channel::call, () -> {
            channel.close();
            runtime.close();
            if (zk != null) zk.close();
        });
    }

    /**
     * Stores a new job. For a run-now job, returns the run it created (already durable); for a scheduled
     * job, empty. Throws {@link BatonException} INVALID (naming the fields) or ALREADY_EXISTS.
     */
    public Optional<RunRecord> submit(JobSpec spec) {
        ClientResponse r = call(ClientRequest.newBuilder().setSubmitJob(SubmitJob.newBuilder().setSpec(spec)).build());
        return r.hasRun() ? Optional.of(r.getRun()) : Optional.empty();
    }

    /** Starts a run of a stored job now and returns it. */
    public RunRecord trigger(String jobName) {
        return call(ClientRequest.newBuilder().setTriggerJob(TriggerJob.newBuilder().setJobName(jobName)).build()).getRun();
    }

    /** Starts a run now with {@code jobParameter} replacing the job's parameter for this run only. */
    public RunRecord trigger(String jobName, String jobParameter) {
        return call(ClientRequest.newBuilder().setTriggerJob(TriggerJob.newBuilder().setJobName(jobName)
                .setJobParameter(jobParameter)).build()).getRun();
    }

    /**
     * Replaces the spec of the job named by {@code spec.getName()}, if the job is still at
     * {@code expectedVersion} (the {@link JobRecord#getVersion()} you read); returns the job with its new
     * version ({@code expectedVersion + 1}). The new spec applies from the job's next fire; runs already
     * created keep the spec they were created with.
     *
     * <p>Throws {@link BatonException} INVALID (naming the fields, as {@link #submit}), NOT_FOUND, or CONFLICT
     * when the job's version is no longer {@code expectedVersion}.
     *
     * <p><b>Not idempotent.</b> If the reply is lost (e.g. the leader fails over just after storing the
     * update), the SDK sends the request again, which then fails with CONFLICT because the job is already
     * at {@code expectedVersion + 1}. On CONFLICT, read the job: if its version is {@code expectedVersion + 1}
     * and its spec is the one you sent, your update was applied.
     */
    public JobRecord update(JobSpec spec, long expectedVersion) {
        return call(ClientRequest.newBuilder().setUpdateJob(UpdateJob.newBuilder().setSpec(spec)
                .setExpectedVersion(expectedVersion)).build()).getJob();
    }

    /**
     * Pauses a job: its schedule creates no runs until {@link #resume}; runs already active continue, and
     * {@link #trigger} still starts runs. Returns the job ({@code paused} set). Idempotent: pausing a paused
     * job changes nothing, so a retry after a lost reply is harmless. Throws NOT_FOUND for an unknown job.
     */
    public JobRecord pause(String jobName) {
        return call(ClientRequest.newBuilder().setPauseJob(PauseJob.newBuilder().setJobName(jobName)).build()).getJob();
    }

    /**
     * Resumes a paused job: it is scheduled again, and the fires missed while it was paused are handled by
     * its misfire policy. Returns the job. Idempotent, as {@link #pause}. Throws NOT_FOUND for an unknown job.
     */
    public JobRecord resume(String jobName) {
        return call(ClientRequest.newBuilder().setResumeJob(ResumeJob.newBuilder().setJobName(jobName)).build()).getJob();
    }

    /**
     * Deletes a job and its run history, if it has no active (running or queued) run; otherwise throws
     * CONFLICT and changes nothing. Same as {@code delete(jobName, false)}.
     *
     * <p>If the reply to a delete that succeeded is lost, the SDK's retry finds no job and throws NOT_FOUND:
     * after a retry NOT_FOUND means "the job is gone", not necessarily "the name was wrong".
     */
    public void delete(String jobName) {
        delete(jobName, false);
    }

    /**
     * Deletes a job and its run history. With {@code cancelActiveRuns}, its active (running or queued) runs
     * are cancelled first (their shards are cancelled on the workers); without it, a job with active runs is
     * refused with CONFLICT. NOT_FOUND for an unknown job; see {@link #delete(String)} about retries.
     */
    public void delete(String jobName, boolean cancelActiveRuns) {
        call(ClientRequest.newBuilder().setDeleteJob(DeleteJob.newBuilder().setJobName(jobName)
                .setCancelActiveRuns(cancelActiveRuns)).build());
    }

    /**
     * Cancels an active (running or queued) run: its running shards are cancelled on their workers and the
     * run ends CANCELLED; returns the run. Throws NOT_FOUND for an unknown run and CONFLICT for a run that
     * has already finished. If the reply is lost, the SDK's retry may therefore see CONFLICT for a run this
     * very call cancelled: read the run with {@link #getRun} to tell.
     */
    public RunRecord cancelRun(String runId) {
        return call(ClientRequest.newBuilder().setCancelRun(CancelRun.newBuilder().setRunId(runId)).build()).getRun();
    }

    /** The stored job, with its version (for {@link #update}) and state. Throws NOT_FOUND for an unknown job. */
    public JobRecord getJob(String jobName) {
        return call(ClientRequest.newBuilder().setGetJob(GetJob.newBuilder().setJobName(jobName)).build()).getJob();
    }

    /** The run as the leader knows it now. Throws NOT_FOUND for an unknown run (or one dropped from history). */
    public RunRecord getRun(String runId) {
        return call(ClientRequest.newBuilder().setGetRun(GetRun.newBuilder().setRunId(runId)).build()).getRun();
    }

    /** Runs of a job, active ones and the kept history, oldest fire first. */
    public List<RunRecord> listRuns(String jobName) {
        return call(ClientRequest.newBuilder().setListRuns(ListRuns.newBuilder().setJobName(jobName)).build()).getRunsList();
    }

    /**
     * Starts a run now. {@code jobParameter}, when present, replaces the job's parameter for this run only.
     * {@code idempotencyKey}, when present, makes the call safe to repeat: every trigger of this job with the
     * same key within 24 hours returns the run the first one started (also across a leader change), so a
     * retried trigger never starts two runs. Keys are at most 128 characters of [A-Za-z0-9._:-].
     */
    public RunRecord trigger(String jobName, Optional<String> jobParameter, Optional<String> idempotencyKey) {
        TriggerJob.Builder t = TriggerJob.newBuilder().setJobName(jobName);
        jobParameter.ifPresent(t::setJobParameter);
        idempotencyKey.ifPresent(t::setIdempotencyKey);
        return call(ClientRequest.newBuilder().setTriggerJob(t).build()).getRun();
    }

    /**
     * Creates the job if no job has its name, otherwise updates it to {@code spec} (read, compare, update
     * with the version read; repeated on a concurrent change). Returns the stored job; when the stored spec
     * already equals {@code spec} nothing is written and the job is returned unchanged. Unlike
     * {@link #submit}, applying a run-now spec to an existing job does not start a run.
     */
    public JobRecord apply(JobSpec spec) {
        for (int attempt = 1; ; attempt++) {
            Optional<JobRecord> current = findJob(spec.getName());
            try {
                if (current.isEmpty()) {
                    call(ClientRequest.newBuilder().setSubmitJob(SubmitJob.newBuilder().setSpec(spec)).build());
                    return getJob(spec.getName());
                }
                if (current.get().getSpec().equals(spec)) return current.get();
                return update(spec, Math.max(1, current.get().getVersion()));
            } catch (BatonException e) {
                boolean raced = e.code() == BatonException.Code.ALREADY_EXISTS || e.code() == BatonException.Code.CONFLICT
                        || e.code() == BatonException.Code.NOT_FOUND;
                if (!raced || attempt >= 3) throw e;
            }
        }
    }

    private Optional<JobRecord> findJob(String name) {
        try {
            return Optional.of(getJob(name));
        } catch (BatonException e) {
            if (e.code() == BatonException.Code.NOT_FOUND) return Optional.empty();
            throw e;
        }
    }

    /** Jobs whose name starts with {@code namePrefix} (every job for ""), in name order. */
    public List<JobRecord> listJobs(String namePrefix) {
        return listJobs(namePrefix, Optional.empty());
    }

    /**
     * Jobs whose name starts with {@code namePrefix}, in name order; with {@code paused} present, only the
     * paused ({@code true}) or only the active ({@code false}) ones.
     */
    public List<JobRecord> listJobs(String namePrefix, Optional<Boolean> paused) {
        io.baton.proto.v1.ListJobs.Builder list = io.baton.proto.v1.ListJobs.newBuilder().setNamePrefix(namePrefix);
        paused.ifPresent(list::setPaused);
        return call(ClientRequest.newBuilder().setListJobs(list).build()).getJobsList();
    }

    /** Runs of a job in the given states (all when {@code states} is empty), oldest fire first. */
    public List<RunRecord> listRuns(String jobName, java.util.Set<RunState> states) {
        return listRuns(jobName).stream().filter(r -> states.isEmpty() || states.contains(r.getState())).toList();
    }

    /**
     * Cordons a worker (no new shards; its running ones go on) or, with {@code cordon} false, uncordons it.
     * Stored in ZooKeeper: it outlives a leader change and applies to a worker id that has not joined yet
     * (so a worker can be cordoned before it starts). Idempotent.
     */
    public void cordon(String workerId, boolean cordon) {
        call(ClientRequest.newBuilder().setCordonWorker(io.baton.proto.v1.CordonWorker.newBuilder()
                .setWorkerId(workerId).setCordon(cordon)).build());
    }

    /**
     * Drains a worker: cordons it, then waits until the leader has no shard running on it. True when it is
     * empty within {@code timeout} (it stays cordoned either way; {@code cordon(id, false)} undoes it).
     */
    public boolean drain(String workerId, Duration timeout) {
        cordon(workerId, true);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean empty = clusterStatus().getWorkerStatesList().stream()
                    .noneMatch(w -> w.getWorkerId().equals(workerId) && w.getRunning() > 0);
            if (empty) return true;
            if (System.nanoTime() > deadline) return false;
            pause(Duration.ofMillis(100), "draining " + workerId);
        }
    }

    /** The leader steps down; another scheduler node becomes leader (this one rejoins the election last). */
    public void resignLeader() {
        call(ClientRequest.newBuilder().setResignLeader(io.baton.proto.v1.ResignLeader.getDefaultInstance()).build());
    }

    /**
     * Watches a run: polls it every {@code interval} and tells {@code listener} about every change (state of
     * the run or of any shard, attempts, workers) until the run finishes, the watch is closed, or the run
     * cannot be read (the error goes to the listener). Runs on a daemon thread of its own.
     */
    public RunWatch watchRun(String runId, Duration interval, RunListener listener) {
        return RunWatch.start(this, runId, interval, listener);
    }

    /** Leader, scheduler nodes and workers, as any scheduler node sees them. */
    public ClusterView clusterStatus() {
        return call(ClientRequest.newBuilder().setClusterStatus(ClusterStatus.getDefaultInstance()).build()).getCluster();
    }

    /**
     * Polls the run until it has finished (succeeded, failed or cancelled); a queued run is waited for too.
     * Throws UNAVAILABLE on timeout.
     */
    public RunRecord awaitRun(String runId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            RunRecord run = getRun(runId);
            if (!isActive(run.getState())) return run;
            if (System.nanoTime() > deadline) {
                throw new BatonException(BatonException.Code.UNAVAILABLE, "run " + runId + " did not finish within " + timeout);
            }
            pause(Duration.ofMillis(100), "waiting for " + runId);
        }
    }

    /** A polling interval (bounded by the caller's deadline), not synchronisation. */
    private static void pause(Duration d, String what) {
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatonException(BatonException.Code.UNAVAILABLE, "interrupted while " + what);
        }
    }

    private static boolean isActive(RunState state) {
        return state == RunState.RUN_STATE_RUNNING || state == RunState.RUN_STATE_QUEUED;
    }

    private ClientResponse call(ClientRequest request) {
        ClientResponse r = transport.apply(request);
        if (r.getError() == ErrorCode.ERROR_CODE_OK) return r;
        throw new BatonException(BatonException.of(r.getError()), r.getErrorMessage());
    }

    @Override
    public void close() {
        closer.run();
    }
}
