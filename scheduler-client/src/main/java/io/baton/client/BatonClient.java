package io.baton.client;

import io.baton.client.internal.LeaderChannel;
import io.baton.client.internal.SchedulerDiscovery;
import io.baton.common.rpc.RpcRuntime;
import io.baton.common.zk.ZkClients;
import io.baton.proto.v1.ClientRequest;
import io.baton.proto.v1.ClientResponse;
import io.baton.proto.v1.ClusterStatus;
import io.baton.proto.v1.ClusterView;
import io.baton.proto.v1.ErrorCode;
import io.baton.proto.v1.GetJob;
import io.baton.proto.v1.GetRun;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.ListRuns;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.SubmitJob;
import io.baton.proto.v1.TriggerJob;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;

/**
 * The Java client of a Baton cluster. Requests go to the current leader wherever it is; a leader change
 * during a call is retried within the request timeout.
 *
 * <pre>{@code
 * try (BatonClient client = BatonClient.connect(ClientConfig.zookeeper("127.0.0.1:2181"))) {
 *     JobSpec spec = JobSpecs.runNow("nightly-export", "demo.sleep", 12).setJobParameter("200").build();
 *     RunRecord run = client.submit(spec).orElseThrow();
 *     RunRecord done = client.awaitRun(run.getRunId(), Duration.ofMinutes(1));
 *     System.out.println(done.getState());
 * }
 * }</pre>
 */
public final class BatonClient implements AutoCloseable {
    private final RpcRuntime runtime;
    private final CuratorFramework zk;
    private final LeaderChannel channel;

    private BatonClient(RpcRuntime runtime, CuratorFramework zk, LeaderChannel channel) {
        this.runtime = runtime;
        this.zk = zk;
        this.channel = channel;
    }

    /** Connects lazily: nothing is contacted until the first request. */
    public static BatonClient connect(ClientConfig config) {
        CuratorFramework zk = config.zk().map(ZkClients::create).orElse(null);
        if (zk != null) zk.start();
        RpcRuntime runtime = new RpcRuntime("baton-client", 1);
        LeaderChannel channel = new LeaderChannel(runtime, config.rpc(), new SchedulerDiscovery(zk, config.addresses()),
                config.connectTimeout(), config.requestTimeout());
        return new BatonClient(runtime, zk, channel);
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

    public JobRecord getJob(String jobName) {
        return call(ClientRequest.newBuilder().setGetJob(GetJob.newBuilder().setJobName(jobName)).build()).getJob();
    }

    public RunRecord getRun(String runId) {
        return call(ClientRequest.newBuilder().setGetRun(GetRun.newBuilder().setRunId(runId)).build()).getRun();
    }

    /** Runs of a job, oldest fire first. */
    public List<RunRecord> listRuns(String jobName) {
        return call(ClientRequest.newBuilder().setListRuns(ListRuns.newBuilder().setJobName(jobName)).build()).getRunsList();
    }

    /** Leader, scheduler nodes and workers, as any scheduler node sees them. */
    public ClusterView clusterStatus() {
        return call(ClientRequest.newBuilder().setClusterStatus(ClusterStatus.getDefaultInstance()).build()).getCluster();
    }

    /** Polls the run until it has finished (succeeded or failed); throws UNAVAILABLE on timeout. */
    public RunRecord awaitRun(String runId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            RunRecord run = getRun(runId);
            if (run.getState() != RunState.RUN_STATE_RUNNING) return run;
            if (System.nanoTime() > deadline) {
                throw new BatonException(BatonException.Code.UNAVAILABLE, "run " + runId + " did not finish within " + timeout);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100); // polling interval, bounded by the deadline above
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BatonException(BatonException.Code.UNAVAILABLE, "interrupted while waiting for " + runId);
            }
        }
    }

    private ClientResponse call(ClientRequest request) {
        ClientResponse r = channel.call(request);
        if (r.getError() == ErrorCode.ERROR_CODE_OK) return r;
        throw new BatonException(codeOf(r.getError()), r.getErrorMessage());
    }

    private static BatonException.Code codeOf(ErrorCode code) {
        return switch (code) {
            case ERROR_CODE_INVALID -> BatonException.Code.INVALID;
            case ERROR_CODE_NOT_FOUND -> BatonException.Code.NOT_FOUND;
            case ERROR_CODE_ALREADY_EXISTS -> BatonException.Code.ALREADY_EXISTS;
            case ERROR_CODE_UNAVAILABLE, ERROR_CODE_NOT_LEADER -> BatonException.Code.UNAVAILABLE;
            default -> BatonException.Code.INTERNAL;
        };
    }

    @Override
    public void close() {
        channel.close();
        runtime.close();
        if (zk != null) zk.close();
    }
}
