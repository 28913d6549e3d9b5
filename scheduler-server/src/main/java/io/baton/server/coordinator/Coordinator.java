package io.baton.server.coordinator;

import io.baton.common.rpc.RpcConfig;
import io.baton.common.rpc.RpcRuntime;
import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.AssignShard;
import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.ReportAck;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.ShardReport;
import io.baton.proto.v1.WorkerInfo;
import io.baton.proto.v1.WorkerStatus;
import io.baton.server.dispatch.WarmLinkSource;
import io.baton.server.dispatch.WorkerLinkListener;
import io.baton.server.dispatch.WorkerLinks;
import io.baton.server.election.LeaderTerm;
import io.baton.server.store.CordonStore;
import io.baton.server.store.FencedException;
import io.baton.server.store.JobStore;
import io.baton.server.store.RunStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's event loop for one term: a single thread owns {@link CoordinatorState}; Netty, Curator and
 * client callbacks only enqueue events onto it. It carries out the state's {@link Effects} (create runs in
 * ZooKeeper, send to workers) and runs the group commit: while one flush is in flight, changes accumulate
 * and the next flush writes them all in one fenced multi. Closing it ends the term for good: nothing is
 * sent or written afterwards.
 */
public final class Coordinator implements AutoCloseable, WorkerLinkListener {
    /** Where this coordinator logs: the class's logger, or none for a rehearsal's (see {@code SandboxTerm}). */
    private final Logger log;

    private final LeaderTerm term;
    private final JobStore jobStore;
    private final RunStore runStore;
    private final CordonStore cordonStore;
    private final WorkerLinks links;
    private final Clock clock;
    private final CoordinatorConfig config;
    private final Runnable onFenced;
    private final ScheduledExecutorService loop;
    private final AtomicBoolean active = new AtomicBoolean(true);
    private final Runnable onStoreInDoubt;
    private final Map<String, CompletableFuture<RunRecord>> awaitingCreation = new java.util.concurrent.ConcurrentHashMap<>();
    /** Fire decisions on their way to the store (loop thread only); see {@link #createRuns}. */
    private final CreationPipeline creationPipeline;
    /** The stores of the batches in flight, by their number: a batch sent names the one it follows (loop thread only). */
    private final Map<Long, CompletableFuture<Void>> creationsInFlight = new java.util.HashMap<>();
    /** A failed creation waits to be sent again: nothing is sent before (loop thread only). */
    private boolean creationRetryPending;
    private volatile CoordinatorState state;
    private boolean flushInFlight;
    /** New jobs whose creation is on its way to the store. Loop thread only. */
    private final java.util.Set<String> storingJobs = new java.util.HashSet<>();
    /**
     * The least time between two group commits: reports arriving meanwhile join the next one. Under load a
     * commit per report batch cost ~1 ZooKeeper transaction per finished shard at 1,000 fires/s, and every
     * transaction costs the server a log append and an fsync however small (5 ms still made ~200 a second at
     * any busy rate); acks and request completions wait at most this much longer.
     */
    static final java.time.Duration FLUSH_INTERVAL = java.time.Duration.ofMillis(20);
    /** The least time between two history prunes: jobs that finish runs meanwhile are pruned together. */
    static final java.time.Duration PRUNE_INTERVAL = java.time.Duration.ofMillis(200);
    /**
     * The least time between two creation multis when no run waiting is due soon: fires decided a fire lead
     * (1 s) ahead are stored a few dozen at a time, not one multi per fire.
     */
    static final java.time.Duration CREATION_INTERVAL = java.time.Duration.ofMillis(50);
    private final PacedWrite creations = new PacedWrite(CREATION_INTERVAL, this::sendNextCreation);
    private final PacedWrite flushes = new PacedWrite(FLUSH_INTERVAL, this::maybeFlush);
    /** Jobs whose history is to be pruned with the next prune. Loop thread only. */
    private final java.util.Set<String> prunePending = new java.util.LinkedHashSet<>();
    /** When the term started greeting its workers, and whether the end of its recovery was logged. Loop thread only. */
    private long greetedNanos;
    private boolean recoveryLogged;
    /** Which jobs' histories are due a prune (an upper bound of each one's size). Loop thread only. */
    private final HistoryTally histories = new HistoryTally();
    private final PacedWrite prunes = new PacedWrite(PRUNE_INTERVAL, this::maybePrune);
    private boolean pruneInFlight;
    /** Completions of requests whose changes the next group commit makes durable. Loop thread only. */
    private List<Runnable> awaitingDurable = new java.util.ArrayList<>();
    /** The loop's queue: events in order, reports that arrive while the loop is busy batched. */
    private final EventQueue<CoordinatorState.IncomingReport> events;
    private ScheduledFuture<?> wakeup;
    private long wakeupAt = Long.MAX_VALUE;

    /**
     * @param onFenced       the term must end: a newer leader exists or the store refused a write
     * @param onStoreInDoubt the term stopped because a store write met a connection loss, so its outcome is
     *                       unknown: memory may be ahead of the store. The caller starts a fresh term from
     *                       what is stored once connected (see {@code LeaderElection#renew})
     * @param warmLinks      connections to the workers kept before this term, which it takes over
     */
    public Coordinator(LeaderTerm term, String leaderId, JobStore jobStore, RunStore runStore, CordonStore cordonStore,
                       RpcRuntime runtime, RpcConfig rpcConfig, Clock clock, CoordinatorConfig config, Runnable onFenced,
                       Runnable onStoreInDoubt, WarmLinkSource warmLinks) {
        this(term, leaderId, jobStore, runStore, cordonStore, runtime, rpcConfig, clock, config, onFenced, onStoreInDoubt,
                warmLinks, LoggerFactory.getLogger(Coordinator.class));
    }

    /** As above, logging to {@code log}: a rehearsal's term logs nothing that reads like the cluster's terms. */
    public Coordinator(LeaderTerm term, String leaderId, JobStore jobStore, RunStore runStore, CordonStore cordonStore,
                       RpcRuntime runtime, RpcConfig rpcConfig, Clock clock, CoordinatorConfig config, Runnable onFenced,
                       Runnable onStoreInDoubt, WarmLinkSource warmLinks, Logger log) {
        this.log = log;
        this.onStoreInDoubt = onStoreInDoubt;
        this.cordonStore = cordonStore;
        this.term = term;
        this.jobStore = jobStore;
        this.runStore = runStore;
        this.clock = clock;
        this.config = config;
        this.onFenced = onFenced;
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "baton-coordinator-e" + term.epoch());
            t.setDaemon(true);
            return t;
        });
        this.events = new EventQueue<>(loop);
        this.creationPipeline = new CreationPipeline(RunStore.creationTarget(), new CreationBatch.Sizes() {
            @Override public long run(RunRecord run) { return runStore.creationBytes(run); }

            @Override public long job(JobRecord job) { return runStore.jobBytes(job); }
        });
        this.links = new WorkerLinks(runtime, rpcConfig, term.epoch(), leaderId, config.helloTimeout(), this, warmLinks);
    }

    /** The stored jobs, active runs and cordoned workers a term starts from. */
    public record Stored(List<JobRecord> jobs, List<RunRecord> runs, List<String> cordoned, long storeZxid, int storeVersion) {
        /** Read where it is not known at which {@code /store-sequence} zxid. */
        public Stored(List<JobRecord> jobs, List<RunRecord> runs, List<String> cordoned) {
            this(jobs, runs, cordoned, 0, 0);
        }

        /** The same, known to be what is stored at {@code /store-sequence} mzxid {@code zxid} and version {@code version}. */
        public Stored at(long zxid, int version) {
            return new Stored(jobs, runs, cordoned, zxid, version);
        }
    }

    /** Reads the stored jobs, active runs and cordons at once, each on a thread of its own ({@code cordonStore} may be null: none). */
    public static CompletableFuture<Stored> load(JobStore jobStore, RunStore runStore, CordonStore cordonStore) {
        return load(jobStore, runStore, readCordons(cordonStore));
    }

    /** As {@link #load(JobStore, RunStore, CordonStore)}, with the cordons being read already ({@code cordons}). */
    public static CompletableFuture<Stored> load(JobStore jobStore, RunStore runStore, CompletableFuture<List<String>> cordons) {
        CompletableFuture<List<JobRecord>> jobs = CompletableFuture.supplyAsync(jobStore::loadAll, Coordinator::loaderThread);
        CompletableFuture<List<RunRecord>> runs = CompletableFuture.supplyAsync(runStore::loadActive, Coordinator::loaderThread);
        return CompletableFuture.allOf(jobs, runs, cordons).thenApply(done -> new Stored(jobs.join(), runs.join(), cordons.join()));
    }

    /** Reads the cordoned workers on a thread of its own ({@code cordonStore} may be null: none). */
    public static CompletableFuture<List<String>> readCordons(CordonStore cordonStore) {
        return cordonStore == null ? CompletableFuture.completedFuture(List.of())
                : CompletableFuture.supplyAsync(cordonStore::loadAll, Coordinator::loaderThread);
    }

    /** Loads the stored state and starts greeting {@code workers}; returns when the term is ready to serve. */
    public CompletableFuture<Void> start(java.util.function.Supplier<List<WorkerInfo>> registeredWorkers) {
        return start(registeredWorkers, null);
    }

    /**
     * As {@link #start(java.util.function.Supplier)}, from {@code preloaded} (when not null): the stored jobs,
     * runs and cordons read while the epoch was bumped (see {@code LeadershipListener.onTermAhead}), valid
     * because the bump checked that nothing was stored since that read began.
     */
    public CompletableFuture<Void> start(java.util.function.Supplier<List<WorkerInfo>> registeredWorkers, CompletableFuture<Stored> preloaded) {
        return submit(() -> {
            long now = clock.millis();
            greetedNanos = System.nanoTime();
            List<WorkerInfo> workers = registeredWorkers.get();
            // Greet the workers first: their answers travel while the stored state loads, and queue on this
            // loop behind this task, so they meet the loaded state. Saves a round of connects per failover.
            workers.forEach(links::connect);
            long t0 = System.nanoTime();
            // jobs, runs and cordons are read at once (or were, during the bump), and a takeover waits for all
            Stored stored = joinLoading(preloaded != null ? preloaded : load(jobStore, runStore, cordonStore));
            List<JobRecord> jobs = stored.jobs();
            List<RunRecord> runs = stored.runs();
            List<String> cordoned = stored.cordoned();
            long t1 = System.nanoTime();
            state = new CoordinatorState(term.epoch(), jobs, runs,
                    workers.stream().map(WorkerInfo::getWorkerId).toList(), now, now + config.recoveryWindow().toMillis(),
                    config, new java.util.SplittableRandom());
            cordoned.forEach(w -> state.cordon(w, true));
            runStore.forgetHistoryParents(); // before this term's first write: an earlier term's belief may be stale
            runStore.beginTerm(jobs, runs, stored.storeZxid(), stored.storeVersion()); // kept from here on, for a successor
            long t2 = System.nanoTime();
            log.info("term {} started: {} jobs, {} stored runs ({} unfinished), {} registered workers ({} greeted over connections"
                    + " kept before the term); {} in {} ms, state built in {} ms, all in {} ms", term.epoch(), jobs.size(), runs.size(),
                    state.activeRuns().size(), workers.size(), links.takenOver(),
                    preloaded != null ? "read (or handed over) while the term was taken, waited for" : "read", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (System.nanoTime() - t0) / 1_000_000);
            afterEvent(new Effects());
            return null;
        });
    }

    /** Runs one loading task on a thread of its own (a term starts rarely; no pool is kept for it). */
    private static void loaderThread(Runnable task) {
        Thread t = new Thread(task, "baton-term-loader");
        t.setDaemon(true);
        t.start();
    }

    private static <T> T joinLoading(CompletableFuture<T> loading) {
        try {
            return loading.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    public long epoch() { return term.epoch(); }

    public boolean isActive() { return active.get(); }

    /** Counters of this term's decisions, once the term has started; readable from any thread. */
    public Optional<CoordinatorCounters> counters() {
        CoordinatorState s = state;
        return s == null ? Optional.empty() : Optional.of(s.counters());
    }

    // ---------------------------------------------------------------- events from the registry and links

    public void workerRegistered(WorkerInfo info) {
        execute(() -> links.connect(info));
    }

    public void workerUnregistered(String workerId) {
        execute(() -> {
            links.disconnect(workerId);
            if (state != null) afterEvent(state.workerGone(workerId));
        });
    }

    @Override
    public void onWorkerReady(String workerId, WorkerStatus status) {
        execute(() -> afterEvent(state.workerReady(status.toBuilder().setWorkerId(workerId).build(), clock.millis())));
    }

    @Override
    public void onWorkerGone(String workerId, String reason) {
        execute(() -> {
            log.info("worker {} lost: {}", workerId, reason);
            afterEvent(state.workerGone(workerId));
        });
    }

    /**
     * Reports that arrive while the loop is busy join one batch, handled by one event (one dispatch, one
     * batch of sends per worker) at the place in the event order of the first of them: any other event
     * enqueued after it closes the batch, so events are still handled in arrival order.
     */
    @Override
    public void onReport(String workerId, ShardReport report) {
        if (!active.get()) return;
        events.report(new CoordinatorState.IncomingReport(workerId, report), batch -> guarded(() ->
                afterEvent(state.reports(batch, clock.millis(), stale ->
                        // one line per rejection: the chaos suite counts them from the logs of every leader it ran
                        log.info("rejected stale report from {}: {} attempt {} epoch {} ({})", stale.workerId(),
                                stale.report().getRef().getRunId(), stale.report().getRef().getAttempt(),
                                stale.report().getRef().getAssignEpoch(), stale.report().getOutcome())))));
    }

    /** The term's ZooKeeper connection is in doubt: place no shard until {@link #resume()}. */
    public void suspend(String reason) {
        execute(() -> {
            if (state == null) return;
            log.info("term {} suspended ({}): placing no shards", term.epoch(), reason);
            state.suspend();
        });
    }

    /** The connection is back with the same session: place what waited. */
    public void resume() {
        execute(() -> {
            if (state == null) return;
            log.info("term {} resumed", term.epoch());
            afterEvent(state.resume(clock.millis()));
        });
    }

    @Override
    public void onWorkerDraining(String workerId, String reason) {
        execute(() -> {
            log.info("worker {} takes no new shards: {}", workerId, reason);
            state.workerDraining(workerId);
        });
    }

    @Override
    public void onStaleEpoch(String workerId, long highestEpoch) {
        log.warn("worker {} has seen epoch {} > ours {}: this leader is stale", workerId, highestEpoch, term.epoch());
        fenced();
    }

    // ---------------------------------------------------------------- client operations (run on the loop)

    /** Runs {@code op} on the loop with the state; for the admin layer. */
    public <T> CompletableFuture<T> query(Function<CoordinatorState, T> op) {
        return submit(() -> op.apply(state));
    }

    /**
     * Stores a new job (fenced, in order with the term's other writes, without waiting on the loop), then lets
     * the state schedule it. Fails with RequestRejected ALREADY_EXISTS when a job of that name exists, is
     * being stored or being deleted.
     */
    public CompletableFuture<JobRecord> storeJob(JobRecord record) {
        String name = record.getSpec().getName();
        CompletableFuture<JobRecord> out = new CompletableFuture<>();
        execute(() -> {
            if (state.job(name).isPresent() || state.isDeleting(name) || !storingJobs.add(name)) {
                out.completeExceptionally(new RequestRejected(io.baton.proto.v1.ErrorCode.ERROR_CODE_ALREADY_EXISTS,
                        "job '" + name + "' already exists"));
                return;
            }
            runStore.createJob(record, term).whenComplete((ok, error) -> execute(() -> {
                storingJobs.remove(name);
                if (error == null) {
                    state.jobStored(record, clock.millis());
                    afterEvent(new Effects());
                    out.complete(record);
                } else if (unwrap(error) instanceof io.baton.server.store.JobAlreadyExistsException exists) {
                    out.completeExceptionally(new RequestRejected(io.baton.proto.v1.ErrorCode.ERROR_CODE_ALREADY_EXISTS, exists.getMessage()));
                } else {
                    out.completeExceptionally(unwrap(error));
                    if (isFenced(error)) fenced();
                    else if (isInDoubt(error)) storeInDoubt("storing job " + name, error);
                }
            }));
        });
        if (!active.get()) out.completeExceptionally(new IllegalStateException("term " + term.epoch() + " has ended"));
        return out;
    }

    /** Creates a run of a stored job now; completes when the run is durable. Empty when the job is unknown. */
    public CompletableFuture<Optional<RunRecord>> trigger(String jobName, io.baton.proto.v1.TriggerKind kind) {
        return trigger(jobName, kind, Optional.empty());
    }

    /** As {@link #trigger(String, io.baton.proto.v1.TriggerKind)}, with the job parameter replaced for this run. */
    public CompletableFuture<Optional<RunRecord>> trigger(String jobName, io.baton.proto.v1.TriggerKind kind,
                                                          Optional<String> jobParameter) {
        CompletableFuture<Optional<RunRecord>> out = new CompletableFuture<>();
        execute(() -> {
            Effects fx = new Effects();
            Optional<String> id = state.trigger(jobName, kind, jobParameter, clock.millis(), fx);
            if (id.isEmpty()) {
                out.complete(Optional.empty());
                return;
            }
            CompletableFuture<RunRecord> created = new CompletableFuture<>();
            awaitingCreation.put(id.get(), created);
            created.whenComplete((r, e) -> {
                if (e != null) out.completeExceptionally(e); else out.complete(Optional.of(r));
            });
            afterEvent(fx);
        });
        return out;
    }

    // ---------------------------------------------------------------- job lifecycle (run on the loop)
    // Each completes exceptionally with RequestRejected (NOT_FOUND, CONFLICT) when nothing was changed.

    /** Replaces a job's spec if its stored version is {@code expectedVersion}; applies from the next fire. */
    public CompletableFuture<JobRecord> updateJob(io.baton.proto.v1.JobSpec spec, long expectedVersion) {
        return durably(fx -> state.updateJob(spec, expectedVersion, clock.millis()));
    }

    /** Stops creating runs from the job's schedule; active runs continue. Idempotent. */
    public CompletableFuture<JobRecord> pauseJob(String jobName) {
        return durably(fx -> state.pauseJob(jobName, clock.millis()));
    }

    /** Schedules the job again; fires missed while paused meet its misfire policy. Idempotent. */
    public CompletableFuture<JobRecord> resumeJob(String jobName) {
        return durably(fx -> state.resumeJob(jobName, clock.millis()));
    }

    /**
     * Deletes a job and its run history. With active (running or queued) runs it is refused (CONFLICT)
     * unless {@code cancelActiveRuns}, which cancels them first: their final records are committed, then the
     * history and the job are deleted.
     */
    public CompletableFuture<Void> deleteJob(String jobName, boolean cancelActiveRuns) {
        return durably(fx -> {
            state.deleteJob(jobName, cancelActiveRuns, clock.millis(), fx);
            return jobName;
        }).thenCompose(name -> runStore.deleteJob(name, term)
                .whenComplete((ok, error) -> execute(() -> {
                    if (error == null) {
                        state.jobDeleted(name);
                        histories.forget(name);
                        prunePending.remove(name);
                        return;
                    }
                    // memory and store disagree now: end the term, the next one reloads what is stored
                    log.error("deleting job {} failed; ending term: {}", name, unwrap(error).toString());
                    fenced();
                })));
    }

    /** Cancels an active run: its shards are cancelled on their workers; the run ends CANCELLED. */
    public CompletableFuture<RunRecord> cancelRun(String runId) {
        return durably(fx -> state.cancelRun(runId, clock.millis(), fx));
    }

    /** Cordons or uncordons a worker: stored (fenced) first, then honoured by placement. */
    public CompletableFuture<Void> cordon(String workerId, boolean cordon) {
        return submit(() -> {
            if (cordonStore != null) cordonStore.set(workerId, cordon, term);
            afterEvent(state.cordon(workerId, cordon));
            return null;
        });
    }

    /**
     * A trigger with an idempotency key: completes with the run the key stands for (created by this call or
     * an earlier one), once that run is durable. Empty when the job is unknown.
     */
    public CompletableFuture<Optional<RunRecord>> trigger(String jobName, Optional<String> jobParameter, String idempotencyKey) {
        CompletableFuture<Optional<RunRecord>> out = new CompletableFuture<>();
        execute(() -> {
            Effects fx = new Effects();
            Optional<CoordinatorState.KeyedTrigger> t = state.trigger(jobName, jobParameter, idempotencyKey, clock.millis(), fx);
            if (t.isEmpty()) {
                out.complete(Optional.empty());
                return;
            }
            String id = t.get().runId();
            CompletableFuture<RunRecord> pending = awaitingCreation.get(id);
            if (t.get().created()) {
                pending = new CompletableFuture<>();
                awaitingCreation.put(id, pending);
            }
            if (pending != null) {
                pending.whenComplete((r, e) -> {
                    if (e != null) out.completeExceptionally(e); else out.complete(Optional.of(r));
                });
            } else {
                // created earlier and durable: from memory, or from history once finished
                Optional<RunRecord> known = state.durableRun(id);
                if (known.isPresent()) out.complete(known);
                else CompletableFuture.supplyAsync(() -> runStore.get(id)).whenComplete((r, e) -> {
                    if (e != null) out.completeExceptionally(e); else out.complete(r);
                });
            }
            afterEvent(fx);
        });
        return out;
    }

    /**
     * Runs {@code change} on the loop, carries out its effects, and completes with its result once the group
     * commit holding the change is durable (at once if it changed nothing). A RequestRejected from the
     * change fails the future and changes nothing.
     */
    private <T> CompletableFuture<T> durably(Function<Effects, T> change) {
        CompletableFuture<T> out = new CompletableFuture<>();
        execute(() -> {
            Effects fx = new Effects();
            T result;
            try {
                result = change.apply(fx);
            } catch (RequestRejected rejected) {
                out.completeExceptionally(rejected);
                return;
            }
            awaitingDurable.add(() -> out.complete(result));
            afterEvent(fx);
        });
        if (!active.get()) out.completeExceptionally(new IllegalStateException("term " + term.epoch() + " has ended"));
        return out;
    }

    // ---------------------------------------------------------------- effects

    private void afterEvent(Effects fx) {
        if (!active.get()) return;
        if (!recoveryLogged && state != null && !state.isRecovering()) {
            recoveryLogged = true;
            log.info("term {} recovered: the registered workers answered (or the recovery window passed) {} ms after they were greeted",
                    term.epoch(), (System.nanoTime() - greetedNanos) / 1_000_000);
        }
        if (!fx.runsToCreate().isEmpty()) createRuns(fx.runsToCreate(), fx.jobsToUpdate());
        // one batch (one flush) per worker, in decision order
        Map<String, List<Envelope.Builder>> byWorker = new java.util.LinkedHashMap<>();
        Set<String> assigned = new java.util.HashSet<>();
        long nowMicros = java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH, clock.instant());
        for (Effects.Send s : fx.sends()) {
            Envelope.Builder env = Envelope.newBuilder();
            if (s.assign() != null) {
                AssignShard assign = s.assign();
                if (assign.getFireTimeMillis() * 1000 > nowMicros) {
                    // sent ahead of its fire time (the dispatch lead): the worker starts it that much after arrival
                    assign = assign.toBuilder().setStartDelayMicros(assign.getFireTimeMillis() * 1000 - nowMicros).build();
                }
                env.setAssignShard(assign);
                assigned.add(s.workerId());
            } else {
                env.setCancelShard(s.cancel());
            }
            byWorker.computeIfAbsent(s.workerId(), w -> new java.util.ArrayList<>()).add(env);
        }
        byWorker.forEach((worker, messages) -> {
            if (!links.sendAll(worker, messages) && assigned.contains(worker)) {
                // Lost between placement and send: treat the worker as gone so its shards are re-placed.
                execute(() -> afterEvent(state.workerGone(worker)));
            }
        });
        maybeFlush();
        rescheduleWakeup();
    }

    /**
     * Stores fire decisions (new runs and the jobs' new last fire times) in order, through the
     * {@link CreationPipeline}: batches of at most one multi, several in flight under load, each stored only if
     * the one sent before it is (the store sees to it). A later batch stored after an earlier one failed would
     * move a job's last fire over runs that were never stored: lost fires. A failed batch is sent again, with
     * those after it, after a pause; one that cannot be stored after its retries ends the term, so the next term
     * decides those fires again.
     */
    private void createRuns(List<RunRecord> runs, List<JobRecord> jobs) {
        // a burst larger than one multi (thousands of jobs firing at one instant) is stored in pieces
        creationPipeline.add(new CreationBatch(runs, jobs));
        sendNextCreation();
    }

    /**
     * Sends queued fire decisions: a whole multi's worth at once (up to {@link CreationPipeline#MAX_IN_FLIGHT} in
     * flight); less than that alone, and at most one per {@link #CREATION_INTERVAL} unless a run waiting is due to be
     * dispatched before that (a fire decided a whole fire lead ahead can wait; a run triggered now cannot).
     */
    private void sendNextCreation() {
        while (active.get() && !creationRetryPending && creationPipeline.canSend()) {
            if (!creationPipeline.fullBatchWaiting()) {
                if (creationPipeline.inFlight() > 0 || creations.deferred()) return; // it joins the next one
                if (creations.holdBack(wait -> !CreationBatch.dueBefore(creationPipeline.queued(),
                        clock.millis() + TimeUnit.NANOSECONDS.toMillis(wait) + 1, config.dispatchLead().toMillis()))) return;
            }
            creations.started();
            sendCreation(creationPipeline.take());
        }
    }

    private void sendCreation(CreationPipeline.Sending sending) {
        CreationBatch batch = sending.batch();
        CompletableFuture<Void> stored = runStore.create(batch.runs(), batch.jobs(), term, creationsInFlight.get(sending.after()));
        creationsInFlight.put(sending.number(), stored);
        stored.whenComplete((ok, error) -> execute(() -> {
            creationsInFlight.remove(sending.number());
            List<String> ids = batch.runs().stream().map(RunRecord::getRunId).toList();
            if (error == null) {
                if (!creationPipeline.succeeded(sending)) {
                    log.error("runs {} were stored after a batch before them failed; ending the term", ids);
                    fenced();
                    return;
                }
                Effects fx = state.runsCreated(ids);
                for (String id : ids) complete(id, null);
                afterEvent(fx);
                sendNextCreation();
            } else if (isFenced(error)) {
                fenced();
            } else if (isInDoubt(error)) {
                for (String id : ids) complete(id, unwrap(error));
                storeInDoubt("creating runs " + ids, error);
            } else if (unwrap(error) instanceof io.baton.server.store.RunAlreadyExistsException) {
                creationGivenUp(ids, error);
            } else {
                CreationPipeline.Verdict verdict = creationPipeline.failed(sending);
                if (verdict == CreationPipeline.Verdict.IGNORE) return; // sent back with the batch it followed
                if (verdict == CreationPipeline.Verdict.GIVE_UP) {
                    creationGivenUp(ids, error);
                    return;
                }
                log.warn("creating runs {} failed ({}), retrying", ids, unwrap(error).toString());
                creationRetryPending = true;
                loop.schedule(() -> execute(() -> {
                    creationRetryPending = false;
                    sendNextCreation();
                }), config.createRetry().toMillis(), TimeUnit.MILLISECONDS);
            }
        }));
    }

    private void creationGivenUp(List<String> ids, Throwable error) {
        log.error("creating runs {} failed: {}; ending the term so the next one decides these fires again",
                ids, unwrap(error).toString());
        state.runsCreateFailed(ids);
        for (String id : ids) complete(id, unwrap(error));
        fenced();
    }

    private void complete(String runId, Throwable error) {
        CompletableFuture<RunRecord> f = awaitingCreation.remove(runId);
        if (f == null) return;
        if (error != null) f.completeExceptionally(error);
        else f.complete(state.run(runId).orElseThrow());
    }

    private void maybeFlush() {
        if (flushInFlight || flushes.deferred() || !active.get()) return;
        if (!state.hasUnflushed()) {
            completeAll(awaitingDurable);
            return;
        }
        if (flushes.holdBack(wait -> true)) return;
        FlushBatch batch = state.takeFlush().orElseThrow(); // there is something to flush (checked above)
        flushes.started();
        flushInFlight = true;
        List<Runnable> durable = awaitingDurable;
        awaitingDurable = new java.util.ArrayList<>();
        runStore.write(batch.records(), batch.jobs(), term).whenComplete((ok, error) -> execute(() -> {
            flushInFlight = false;
            if (error != null) {
                if (isFenced(error)) fenced();
                else if (isInDoubt(error)) storeInDoubt("group commit " + batch.id(), error);
                else {
                    log.error("group commit {} failed; ending term: {}", batch.id(), unwrap(error).toString());
                    fenced();
                }
                return;
            }
            state.flushDone(batch);
            sendAcks(batch.acks());
            completeAll(durable);
            pruneHistoryOf(batch.records());
            afterEvent(new Effects());
        }));
    }

    /**
     * Jobs whose finished runs were just committed to history get their history trimmed once it passes its
     * bound by the slack {@link HistoryTally} allows (one prune per job at a time).
     */
    private void pruneHistoryOf(List<RunRecord> committed) {
        for (RunRecord r : committed) {
            if (r.getState() == io.baton.proto.v1.RunState.RUN_STATE_RUNNING
                    || r.getState() == io.baton.proto.v1.RunState.RUN_STATE_QUEUED) continue;
            String job = r.getJobName();
            state.job(job).ifPresent(j -> {
                if (histories.finished(job, j.getSpec().getHistory())) prune(job);
            });
        }
    }

    /** Trims the job's history with the next prune (see {@link #PRUNE_INTERVAL}). */
    private void prune(String job) {
        prunePending.add(job);
        maybePrune();
    }

    /**
     * Sends the pending prunes as one (one listing multi per ~100 jobs, chunked deletes): one prune at a time,
     * at most one per {@link #PRUNE_INTERVAL}; jobs whose histories pass their bound meanwhile wait for the
     * next (else a run could stay over the bound until the job's next run).
     */
    private void maybePrune() {
        if (pruneInFlight || prunes.deferred() || prunePending.isEmpty() || !active.get()) return;
        if (prunes.holdBack(wait -> true)) return;
        Map<String, io.baton.proto.v1.HistoryPolicy> batch = new java.util.LinkedHashMap<>();
        for (String job : prunePending) state.job(job).ifPresent(r -> batch.put(job, r.getSpec().getHistory()));
        prunePending.clear();
        if (batch.isEmpty()) return;
        batch.keySet().forEach(histories::pruneSent);
        pruneInFlight = true;
        prunes.started();
        runStore.prune(batch, clock.millis(), term).whenComplete((pruned, error) -> execute(() -> {
            pruneInFlight = false;
            if (error != null && isFenced(error)) {
                fenced();
                return;
            }
            if (error != null) log.warn("pruning the history of {} job(s) failed: {}", batch.size(), unwrap(error).toString());
            batch.forEach((job, policy) -> {
                int left = error == null ? pruned.left().getOrDefault(job, -1) : -1;
                io.baton.proto.v1.HistoryPolicy now = state.job(job).map(j -> j.getSpec().getHistory()).orElse(policy);
                if (histories.pruneDone(job, left, now)) prunePending.add(job);
            });
            maybePrune();
        }));
    }

    /**
     * One kind of store write kept at least an interval apart ({@link Pacer}); an attempt held back is made
     * again once, when the interval has passed (unless the term has ended by then). Loop thread only.
     */
    private final class PacedWrite {
        private final Pacer pacer;
        private final Runnable attempt;
        private boolean deferred;

        PacedWrite(java.time.Duration interval, Runnable attempt) {
            this.pacer = new Pacer(interval.toNanos());
            this.attempt = attempt;
        }

        /** An attempt is already set to be made later: callers leave it to that one. */
        boolean deferred() {
            return deferred;
        }

        /**
         * Whether a write now must wait: when the interval has not passed and {@code mayWait} agrees (given the
         * nanoseconds left), the attempt is made again then, and true is returned.
         */
        boolean holdBack(java.util.function.LongPredicate mayWait) {
            long wait = pacer.waitNanos(System.nanoTime());
            if (wait <= 0 || !mayWait.test(wait)) return false;
            defer(wait);
            return true;
        }

        private void defer(long nanos) {
            deferred = true;
            try {
                loop.schedule(() -> execute(() -> {
                    deferred = false;
                    attempt.run();
                }), nanos, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // the term ended
            }
        }

        /** A write of this kind starts now. */
        void started() {
            pacer.started(System.nanoTime());
        }
    }

    private static void completeAll(List<Runnable> completions) {
        List<Runnable> copy = List.copyOf(completions);
        completions.clear();
        copy.forEach(Runnable::run);
    }

    private void sendAcks(Map<String, List<AttemptRef>> acks) {
        acks.forEach((worker, refs) ->
                links.send(worker, Envelope.newBuilder().setReportAck(ReportAck.newBuilder().addAllRefs(refs))));
    }

    private void rescheduleWakeup() {
        Optional<Long> next = state.nextWakeupMillis();
        if (next.isEmpty() || next.get() >= wakeupAt) return;
        if (wakeup != null) wakeup.cancel(false);
        wakeupAt = next.get();
        // to the nanosecond, not the millisecond: a fire decided ahead starts at its instant, not up to 1 ms after
        Instant now = clock.instant();
        long delayNanos = Math.max(0, (wakeupAt - now.toEpochMilli()) * 1_000_000L - now.getNano() % 1_000_000);
        wakeup = loop.schedule(() -> {
            wakeupAt = Long.MAX_VALUE;
            guarded(() -> afterEvent(state.tick(clock.millis())));
        }, delayNanos, TimeUnit.NANOSECONDS);
    }

    // ---------------------------------------------------------------- plumbing

    private void fenced() {
        if (!active.get()) return;
        log.warn("term {} is fenced (a newer leader exists or the store refused a write); stepping down", term.epoch());
        close();
        onFenced.run();
    }

    /**
     * A write met a connection loss: it may or may not be stored, and writes sent after it may have failed
     * too. Memory can no longer be trusted to match the store, so this term stops; unlike a fenced term, no
     * one else need lead: the caller starts a fresh term from the store as soon as the connection is back.
     */
    private void storeInDoubt(String what, Throwable error) {
        if (!active.get()) return;
        log.warn("{} of term {} met a connection loss ({}); stopping the term, to start afresh from the store",
                what, term.epoch(), unwrap(error).toString());
        close();
        onStoreInDoubt.run();
    }

    private static boolean isInDoubt(Throwable error) {
        return unwrap(error) instanceof org.apache.zookeeper.KeeperException k
                && (k.code() == org.apache.zookeeper.KeeperException.Code.CONNECTIONLOSS
                    || k.code() == org.apache.zookeeper.KeeperException.Code.OPERATIONTIMEOUT);
    }

    private static boolean isFenced(Throwable error) {
        return unwrap(error) instanceof FencedException;
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof java.util.concurrent.CompletionException || e instanceof java.util.concurrent.ExecutionException)
                && e.getCause() != null) e = e.getCause();
        return e;
    }

    private void execute(Runnable r) {
        if (!active.get()) return;
        try {
            events.event(() -> guarded(r));
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the term ended while the event was on its way
        }
    }

    private void guarded(Runnable r) {
        if (!active.get() || state == null) return; // before the state loaded, only start() itself runs
        try {
            r.run();
        } catch (FencedException e) {
            fenced();
        } catch (RuntimeException e) {
            log.error("coordinator event failed; ending term {}", term.epoch(), e);
            fenced();
        }
    }

    private <T> CompletableFuture<T> submit(java.util.concurrent.Callable<T> c) {
        CompletableFuture<T> out = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                out.complete(c.call());
            } catch (Exception e) {
                out.completeExceptionally(e);
                if (e instanceof FencedException) fenced();
            }
        };
        if (!active.get()) {
            out.completeExceptionally(new IllegalStateException("term " + term.epoch() + " has ended"));
            return out;
        }
        try {
            events.event(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            out.completeExceptionally(new IllegalStateException("term " + term.epoch() + " has ended"));
        }
        return out;
    }

    /** Ends the term: no more events, sends or writes. Idempotent. */
    @Override
    public void close() {
        if (!active.compareAndSet(true, false)) return;
        links.close();
        loop.shutdownNow();
        awaitingCreation.values().forEach(f -> f.completeExceptionally(new IllegalStateException("leader term ended")));
    }
}
