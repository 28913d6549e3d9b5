package io.baton.server;

import io.baton.common.rpc.RpcConfig;
import io.baton.common.rpc.RpcRuntime;
import io.baton.proto.v1.CancelRun;
import io.baton.proto.v1.ClientRequest;
import io.baton.proto.v1.ClientResponse;
import io.baton.proto.v1.ConcurrencyPolicy;
import io.baton.proto.v1.DeleteJob;
import io.baton.proto.v1.ErrorCode;
import io.baton.proto.v1.FixedRate;
import io.baton.proto.v1.GetJob;
import io.baton.proto.v1.HistoryPolicy;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.ListRuns;
import io.baton.proto.v1.PauseJob;
import io.baton.proto.v1.Schedule;
import io.baton.proto.v1.SubmitJob;
import io.baton.proto.v1.TriggerJob;
import io.baton.proto.v1.WorkerInfo;
import io.baton.server.admin.ClientRequestHandler;
import io.baton.server.coordinator.Coordinator;
import io.baton.server.coordinator.CoordinatorConfig;
import io.baton.server.dispatch.WarmWorkerLinks;
import io.baton.server.election.LeaderTerm;
import io.baton.server.store.CordonStore;
import io.baton.server.store.JobStore;
import io.baton.server.store.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.curator.framework.CuratorFramework;

/**
 * A follower's rehearsal of a whole term against the real ensemble, in a sandbox of its own: a coordinator and
 * a request handler, on stores rooted at {@code <namespace>/rehearsal/<node>} instead of the cluster's data,
 * win a term there (their own election and epoch, {@link SandboxElection}), greet a worker of their own over a
 * link kept before the term ({@link SandboxWorker}), store a job, decide its fires ahead and dispatch them, take an
 * API trigger, cancel a run, list and read, pause and delete the job with its runs, through the group commit, the
 * history move and the prune. Then the term is handed to a second candidate, which takes it on its predecessor's word,
 * starts from the store it read meanwhile and greets the worker. Nothing outside the sandbox is read or written, and
 * no real worker is involved.
 *
 * <p>Why: a node that had never led spent the first ~100 ms of its first term loading and linking the
 * classes of the coordinator's shell and the stores' write paths (~130 classes, most of them lambdas spun on
 * first use, measured with {@code -Xlog:class+load}), on the loop the workers' hellos and the first dispatch
 * wait for. The in-memory {@code TermRehearsal} warms the decisions, not that shell; and the election's way to a
 * term, and the greeting, took another ~55 classes on a graceful hand-over's path until they were rehearsed too.
 * About twenty ZooKeeper transactions per rehearsal; the sandbox's skeleton (its epoch and bucket parents) stays
 * between rehearsals.
 * Stops between steps once {@code leading} says this node leads. Not thread-safe: the rehearsal thread's.
 */
final class SandboxTerm implements AutoCloseable {
    static final String JOB = "rehearsal";
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(5);
    private static final int PAUSE = 5;
    private static final int DELETE = 6;
    private static final int STEPS = 7;
    /** A delete meeting a creation in flight is answered UNAVAILABLE ("retry"): this often, this far apart. */
    private static final int RETRIES = 50;
    private static final Duration RETRY_PAUSE = Duration.ofMillis(10);

    private final CuratorFramework sandbox;
    private final String nodeId;
    private final RpcRuntime runtime;
    private final RpcConfig rpc;
    private final Clock clock;
    private final CoordinatorConfig config;
    private final Executor reads;
    private final BooleanSupplier leading;
    private final JobStore jobStore;
    private final RunStore runStore;
    private final CordonStore cordonStore;
    /** The links to the sandbox worker the rehearsed terms take over, as a real term takes a follower's. */
    private final WarmWorkerLinks warmLinks;
    /** The worker the rehearsed terms greet, started on the first play, and its registration as they read it. */
    private SandboxWorker worker;
    private WorkerInfo workerInfo;

    /**
     * What one play did: the requests answered, whether it stopped early because this node leads, and whether the
     * term handed on greeted the sandbox worker.
     */
    record Outcome(int requests, boolean stoppedForLeadership, boolean handedOverAndGreeted) {}

    SandboxTerm(CuratorFramework cluster, String nodeId, RpcRuntime runtime, RpcConfig rpc, Clock clock,
                CoordinatorConfig config, Executor reads, BooleanSupplier leading) {
        this.sandbox = cluster.usingNamespace(namespaceOf(cluster.getNamespace(), nodeId));
        this.nodeId = nodeId;
        this.runtime = runtime;
        this.rpc = rpc;
        this.clock = clock;
        this.config = config;
        this.reads = reads;
        this.leading = leading;
        this.jobStore = new JobStore(sandbox);
        this.runStore = new RunStore(sandbox);
        this.cordonStore = new CordonStore(sandbox);
        this.warmLinks = new WarmWorkerLinks(runtime, rpc, 1);
    }

    /** Where a node's sandbox lives: under the cluster's namespace, apart from every path the cluster uses. */
    static String namespaceOf(String clusterNamespace, String nodeId) {
        return (clusterNamespace == null || clusterNamespace.isEmpty() ? "" : clusterNamespace + "/") + "rehearsal/" + nodeId;
    }

    /**
     * Plays one term in the sandbox, then hands it on to a second candidate whose term greets the sandbox worker
     * and ends; throws what a step met (the caller logs it; nothing outside is touched).
     */
    Outcome play() throws Exception {
        WorkerInfo worker = worker();
        try (SandboxElection election = new SandboxElection(sandbox, nodeId, () -> Coordinator.load(jobStore, runStore, cordonStore))) {
            LeaderTerm term = election.win();
            int answered = playRequests(term, worker);
            if (answered < STEPS || leading.getAsBoolean()) return new Outcome(answered, true, false);
            SandboxElection.Handed handed = election.handOver();
            if (leading.getAsBoolean()) return new Outcome(answered, true, false);
            return new Outcome(answered, false, greet(handed, worker));
        }
    }

    /** The first term: the requests in order, through the coordinator's shell; how many were answered. */
    private int playRequests(LeaderTerm term, WorkerInfo worker) throws Exception {
        warmLinks.keep(worker);
        Coordinator coordinator = coordinator(term);
        int answered = 0;
        try {
            await(coordinator.start(() -> List.of(worker)));
            ClientRequestHandler handler = new ClientRequestHandler(coordinator, jobStore, runStore, clock, reads, () -> { });
            // a leftover of a rehearsal that was cut short goes first; NOT_FOUND is the usual answer
            for (int step = PAUSE; step <= DELETE; step++) {
                ClientResponse cleared = ask(handler, step(step, ""));
                if (cleared.getError() != ErrorCode.ERROR_CODE_OK && cleared.getError() != ErrorCode.ERROR_CODE_NOT_FOUND) {
                    throw new IllegalStateException("clearing a leftover answered " + cleared.getError() + ": " + cleared.getErrorMessage());
                }
            }
            String triggered = "";
            for (int step = 0; step < STEPS; step++) {
                if (leading.getAsBoolean()) return answered;
                ClientRequest request = step(step, triggered);
                ClientResponse response = ask(handler, request);
                if (response.getError() != ErrorCode.ERROR_CODE_OK) {
                    throw new IllegalStateException(request.getOpCase() + " answered " + response.getError() + ": " + response.getErrorMessage());
                }
                if (request.hasTriggerJob()) triggered = response.getRun().getRunId();
                answered++;
            }
            return answered;
        } finally {
            coordinator.close();
        }
    }

    /** The handed term: starts from what it read while taking the term, greets the worker over a kept link, ends. */
    private boolean greet(SandboxElection.Handed handed, WorkerInfo worker) throws Exception {
        warmLinks.keep(worker);
        Coordinator coordinator = coordinator(handed.term());
        try {
            await(coordinator.start(() -> List.of(worker), handed.preload()));
            long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
            while (!await(coordinator.query(s -> s != null && s.readyWorkers().contains(SandboxWorker.WORKER_ID)))) {
                if (System.nanoTime() > deadline || leading.getAsBoolean()) return false;
                java.util.concurrent.locks.LockSupport.parkNanos(RETRY_PAUSE.toNanos());
                if (Thread.interrupted()) throw new InterruptedException();
            }
            return true;
        } finally {
            coordinator.close();
        }
    }

    /** A silent term: its "term N started" would read like the cluster's own terms in the node's log. */
    private Coordinator coordinator(LeaderTerm term) {
        return new Coordinator(term, nodeId, jobStore, runStore, cordonStore, runtime, rpc, clock, config,
                () -> { }, () -> { }, warmLinks, org.slf4j.helpers.NOPLogger.NOP_LOGGER);
    }

    /** Shards the rehearsed terms dispatched to the sandbox worker so far. */
    long shardsDispatched() {
        return worker == null ? 0 : worker.assigned();
    }

    /** The sandbox worker, started on the first play. */
    private WorkerInfo worker() throws InterruptedException {
        if (workerInfo == null) {
            SandboxWorker started = new SandboxWorker(runtime, rpc, JOB);
            workerInfo = started.start();
            worker = started;
        }
        return workerInfo;
    }

    /** The term's requests in order; {@code triggered}: the run the trigger step created. */
    private static ClientRequest step(int index, String triggered) {
        ClientRequest.Builder r = ClientRequest.newBuilder();
        return switch (index) {
            // every 100 ms, overlapping allowed: the term decides a fire lead of runs ahead at once
            case 0 -> r.setSubmitJob(SubmitJob.newBuilder().setSpec(spec())).build();
            case 1 -> r.setTriggerJob(TriggerJob.newBuilder().setJobName(JOB)).build();
            case 2 -> r.setCancelRun(CancelRun.newBuilder().setRunId(triggered)).build();
            case 3 -> r.setGetJob(GetJob.newBuilder().setJobName(JOB)).build();
            case 4 -> r.setListRuns(ListRuns.newBuilder().setJobName(JOB)).build();
            // no new fire is decided once paused, so the delete soon finds no creation in flight
            case PAUSE -> r.setPauseJob(PauseJob.newBuilder().setJobName(JOB)).build();
            case DELETE -> r.setDeleteJob(DeleteJob.newBuilder().setJobName(JOB).setCancelActiveRuns(true)).build();
            default -> throw new IllegalArgumentException("no step " + index);
        };
    }

    private static JobSpec spec() {
        return JobSpec.newBuilder().setName(JOB).setHandler(JOB).setShardCount(2)
                .setSchedule(Schedule.newBuilder().setFixedRate(FixedRate.newBuilder().setIntervalMillis(100)))
                .setConcurrencyPolicy(ConcurrencyPolicy.CONCURRENCY_POLICY_ALLOW)
                .setHistory(HistoryPolicy.newBuilder().setMaxRuns(2))
                .build();
    }

    /** The handler's answer, asked again (as a client would) while it is UNAVAILABLE. */
    private static ClientResponse ask(ClientRequestHandler handler, ClientRequest request) throws Exception {
        ClientResponse response = await(handler.handle(request));
        for (int i = 0; i < RETRIES && response.getError() == ErrorCode.ERROR_CODE_UNAVAILABLE; i++) {
            java.util.concurrent.locks.LockSupport.parkNanos(RETRY_PAUSE.toNanos());
            if (Thread.interrupted()) throw new InterruptedException();
            response = await(handler.handle(request));
        }
        return response;
    }

    private static <T> T await(CompletableFuture<T> step) throws Exception {
        return step.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the sandbox's store thread; what the sandbox holds in ZooKeeper stays for the next start. */
    @Override
    public void close() {
        warmLinks.close();
        if (worker != null) worker.close();
        runStore.close();
    }
}
