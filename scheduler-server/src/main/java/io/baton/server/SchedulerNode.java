package io.baton.server;

import com.codahale.metrics.MetricRegistry;
import io.baton.common.rpc.RpcRuntime;
import io.baton.common.rpc.RpcServer;
import io.baton.common.zk.ZkClients;
import io.baton.proto.v1.ClusterView;
import io.baton.proto.v1.SchedulerInfo;
import io.baton.proto.v1.WorkerInfo;
import io.baton.proto.v1.WorkerState;
import io.baton.server.admin.ClientEndpoint;
import io.baton.server.admin.ClientRequestHandler;
import io.baton.server.coordinator.Coordinator;
import io.baton.server.coordinator.TermRehearsal;
import io.baton.server.dispatch.WarmWorkerLinks;
import io.baton.server.election.LeaderElection;
import io.baton.server.election.LeaderTerm;
import io.baton.server.election.LeaderTracker;
import io.baton.server.election.LeadershipListener;
import io.baton.server.handover.HandOvers;
import io.baton.server.handover.PeerLinks;
import io.baton.server.metrics.SchedulerMetrics;
import io.baton.server.registry.SchedulerRegistration;
import io.baton.server.registry.WorkerRegistry;
import io.baton.server.registry.WorkerRegistryListener;
import io.baton.server.store.CordonStore;
import io.baton.server.store.JobStore;
import io.baton.server.store.RunStore;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scheduler process: registers itself, serves clients, contends for leadership, and while it leads runs
 * one {@link Coordinator} per term. Composition only; decisions live in the coordinator's pure state.
 */
public final class SchedulerNode implements AutoCloseable, LeadershipListener, WorkerRegistryListener {
    private static final Logger log = LoggerFactory.getLogger(SchedulerNode.class);

    private enum Lifecycle { LATENT, STARTED, CLOSED }

    private final SchedulerConfig config;
    private final Clock clock;
    private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.LATENT);
    private final AtomicReference<Term> term = new AtomicReference<>();
    private CuratorFramework curator;
    private RpcRuntime runtime;
    private RpcServer clientServer;
    private SchedulerRegistration registration;
    private LeaderTracker leaderTracker;
    private WorkerRegistry workerRegistry;
    private LeaderElection election;
    private JobStore jobStore;
    private CordonStore cordonStore;
    private volatile RunStore runStore;
    private String address;
    private final SchedulerMetrics metrics;
    /** Serves client reads that go to ZooKeeper, off the coordinator's loop and off Netty's threads. */
    private final java.util.concurrent.ExecutorService adminReads = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "baton-admin-reads");
        t.setDaemon(true);
        return t;
    });

    /** Stored jobs (and, separately, active runs) a takeover rehearsal reads at most, give or take a bucket's worth. */
    private static final int REHEARSAL_SAMPLE = 1_000;
    /** Times a rehearsal plays a term over what it read: enough calls for the JIT compiler to pick up the paths. */
    private static final int REHEARSAL_PLAYS = 5;
    /**
     * How often a follower rehearses a takeover: at start, then after 1, 2, 4, 8 and 16 s (a node started with
     * the cluster meets an empty store at first, and its first rehearsal with data should not wait long), then
     * every 30 s.
     */
    private static final java.time.Duration REHEARSAL_INTERVAL = java.time.Duration.ofSeconds(30);
    private static final java.time.Duration FIRST_REHEARSAL_GAP = java.time.Duration.ofSeconds(1);
    private final java.util.concurrent.ScheduledThreadPoolExecutor rehearsals = new java.util.concurrent.ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "baton-rehearsal");
        t.setDaemon(true);
        return t;
    });

    /** Jobs and runs read (or handed over) while the term being won was taken (election thread only); see onTermAhead. */
    private CompletableFuture<Coordinator.Stored> preload;
    /** Rehearsals done (on the rehearsal thread only): the first is logged at INFO. */
    private int rehearsalsDone;
    /** This node's sandbox for rehearsing whole terms, made on the first rehearsal (rehearsal thread only). */
    private SandboxTerm sandbox;
    private int sandboxFailures;

    /** Connections to the workers this node keeps while it follows, for the term it may win to take over. */
    private WarmWorkerLinks warmLinks;
    /** How long after its term ends a node dials its workers again as a follower: not while the successor takes over. */
    private static final java.time.Duration REWARM_DELAY = java.time.Duration.ofMillis(500);

    /** This node's part in graceful hand-overs (as the leader stepping down, and as its successor). */
    private HandOvers handOvers;
    /** How often a leader brings its connections to the other schedulers up to date with those registered. */
    private static final java.time.Duration PEER_REFRESH = java.time.Duration.ofSeconds(1);

    /** The coordinator and request handler of the term this node leads now. */
    private record Term(Coordinator coordinator, ClientRequestHandler handler) {}

    public SchedulerNode(SchedulerConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.metrics = new SchedulerMetrics(new MetricRegistry(), this::leaderEpoch,
                () -> Optional.ofNullable(term.get()).flatMap(t -> t.coordinator().counters()),
                () -> Optional.ofNullable(runStore));
    }

    public MetricRegistry metrics() {
        return metrics.registry();
    }

    /** Connects to ZooKeeper, opens the client endpoint, registers and joins the election. */
    public SchedulerNode start() throws InterruptedException {
        if (!lifecycle.compareAndSet(Lifecycle.LATENT, Lifecycle.STARTED)) throw new IllegalStateException("already started");
        curator = ZkClients.create(config.zk());
        curator.start();
        if (!curator.blockUntilConnected((int) config.zk().connectionTimeout().toMillis() * 3, TimeUnit.MILLISECONDS)) {
            close();
            throw new IllegalStateException("cannot connect to ZooKeeper at " + config.zk().connectString());
        }
        runtime = new RpcRuntime("baton-" + config.nodeId(), 2);
        jobStore = new JobStore(curator);
        cordonStore = new CordonStore(curator);
        runStore = new RunStore(curator);
        handOvers = new HandOvers(config.nodeId(), runStore, new PeerLinks(runtime, config.rpc()), this::peerAddresses, metrics.registry());
        leaderTracker = new LeaderTracker(curator);
        leaderTracker.start();
        clientServer = new RpcServer(runtime, config.rpc(), config.host(), config.port(),
                new ClientEndpoint(this::leaderHandler, leaderTracker::leader, this::clusterView, word -> handOvers.heard(word, election::takeHandedTerm)));
        InetSocketAddress bound = clientServer.start();
        address = config.host() + ":" + bound.getPort();
        registration = new SchedulerRegistration(curator,
                SchedulerInfo.newBuilder().setNodeId(config.nodeId()).setClientAddress(address).build());
        registration.start();
        warmLinks = new WarmWorkerLinks(runtime, config.rpc(), config.warmWorkerLinks());
        workerRegistry = new WorkerRegistry(curator, this);
        workerRegistry.start();
        election = new LeaderElection(curator, config.nodeId(), address, this);
        election.start();
        rehearsals.execute(() -> rehearseAndRearm(FIRST_REHEARSAL_GAP));
        // a leader keeps connections to the other schedulers, made within a second of its term's start (not on the
        // way to it) and kept current (they restart, on other ports)
        rehearsals.scheduleWithFixedDelay(() -> {
            try {
                if (isLeader()) handOvers.keepPeers();
            } catch (RuntimeException e) {
                log.debug("could not refresh the connections to the other schedulers: {}", e.toString());
            }
        }, PEER_REFRESH.toMillis(), PEER_REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        log.info("scheduler {} started, client endpoint {}", config.nodeId(), address);
        return this;
    }

    /** Rehearses, then schedules the next rehearsal after {@code gap}, doubling it up to {@link #REHEARSAL_INTERVAL}. */
    private void rehearseAndRearm(java.time.Duration gap) {
        rehearseTakeover();
        java.time.Duration next = gap.multipliedBy(2).compareTo(REHEARSAL_INTERVAL) > 0 ? REHEARSAL_INTERVAL : gap.multipliedBy(2);
        try {
            rehearsals.schedule(() -> rehearseAndRearm(next), gap.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the node is closing
        }
    }

    /**
     * A follower's rehearsal of a takeover, at start and then ever less often, up to every
     * {@link #REHEARSAL_INTERVAL}, while it does not lead: reads a sample of the stored jobs and runs the way a
     * new leader reads them, plays a term's first seconds on them in memory ({@link TermRehearsal},
     * {@link #REHEARSAL_PLAYS} times) and sends itself a hand-over word over an outgoing connection. A node whose JVM had never run those paths took over 100–300 ms slower than
     * one that had led before (interpreted code, classes loaded on first use); a rehearsal at start alone is not
     * enough when the store was still empty then, so it repeats. Nothing is written; the state is dropped.
     */
    private void rehearseTakeover() {
        if (isLeader()) return;
        long t0 = System.nanoTime();
        try {
            List<io.baton.proto.v1.JobRecord> jobs = jobStore.loadSample(REHEARSAL_SAMPLE);
            List<io.baton.proto.v1.RunRecord> runs = runStore.loadActiveSample(REHEARSAL_SAMPLE);
            TermRehearsal.Outcome played = null;
            for (int i = 0; i < REHEARSAL_PLAYS; i++) played = TermRehearsal.play(jobs, runs, config.coordinator(), clock.millis());
            rehearseInSandbox();
            runStore.learnParents();
            rehearseHandOverWord(jobs, runs);
            long millis = (System.nanoTime() - t0) / 1_000_000;
            if (rehearsalsDone++ == 0) {
                log.info("rehearsed a takeover on {} jobs and {} active runs (a sample of at most {} each): {} in {} ms",
                        jobs.size(), runs.size(), REHEARSAL_SAMPLE, played, millis);
            } else {
                log.debug("rehearsed a takeover on {} jobs and {} active runs: {} in {} ms", jobs.size(), runs.size(), played, millis);
            }
        } catch (RuntimeException e) {
            log.debug("takeover rehearsal failed (harmless): {}", e.toString());
        }
    }

    /**
     * Plays a term in this node's sandbox ({@link SandboxTerm}); a failure costs nothing but this rehearsal's
     * warm-up (a sandbox the ensemble's ACLs forbid, say) and is logged once at INFO.
     */
    private void rehearseInSandbox() {
        try {
            if (sandbox == null) {
                sandbox = new SandboxTerm(curator, config.nodeId(), runtime, config.rpc(), clock, config.coordinator(), adminReads,
                        this::isLeader);
            }
            SandboxTerm.Outcome outcome = sandbox.play();
            log.debug("sandbox term played: {}", outcome);
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            if (sandboxFailures++ == 0) log.info("sandbox term failed (harmless, the takeover is only less warm): {}", e.toString());
            else log.debug("sandbox term failed: {}", e.toString());
        }
    }

    /**
     * A leader dials its workers and greets them, and tells the other schedulers when it hands its term on: requests
     * over outgoing connections, which a follower never makes, and the word (a {@code TermHandOver} with a store
     * snapshot) a follower hears only when a leader steps down. One such word sent to this node's own endpoint
     * ({@link HandOvers#rehearse}) loads and runs those paths before a takeover needs them. On a node's first term,
     * dialling the workers took 100–250 ms longer than on later ones, and a successor that had never heard a word
     * took its term through its latch instead, tens of milliseconds later.
     */
    private void rehearseHandOverWord(List<io.baton.proto.v1.JobRecord> jobs, List<io.baton.proto.v1.RunRecord> runs) {
        try {
            handOvers.rehearse(address, jobs, runs, this::isLeader);
        } catch (Exception e) {
            log.debug("hand-over word rehearsal failed (harmless): {}", e.toString());
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        }
    }

    public String nodeId() { return config.nodeId(); }

    public String address() { return address; }

    public boolean isLeader() {
        Term t = term.get();
        return t != null && t.coordinator().isActive();
    }

    public Optional<Long> leaderEpoch() {
        Term t = term.get();
        return t == null || !t.coordinator().isActive() ? Optional.empty() : Optional.of(t.coordinator().epoch());
    }

    /** Workers the current term has greeted and may dispatch to; empty when this node does not lead. */
    public java.util.Set<String> readyWorkers() {
        Term t = term.get();
        if (t == null || !t.coordinator().isActive()) return java.util.Set.of();
        try {
            return t.coordinator().query(s -> s == null ? java.util.Set.<String>of() : s.readyWorkers()).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return java.util.Set.of();
        }
    }

    /** Gives up leadership (the election re-contends). */
    public void resign() {
        if (election != null) election.resign();
    }

    private Optional<ClientRequestHandler> leaderHandler() {
        Term t = term.get();
        return t != null && t.coordinator().isActive() ? Optional.of(t.handler()) : Optional.empty();
    }

    private ClusterView clusterView() {
        ClusterView.Builder b = ClusterView.newBuilder();
        leaderTracker.leader().ifPresent(b::setLeader);
        b.addAllSchedulers(registration.listSchedulers());
        List<WorkerInfo> registered = workerRegistry.workers();
        b.addAllWorkers(registered);
        Term t = term.get();
        if (t != null && t.coordinator().isActive()) {
            Map<String, Integer> capacities = new LinkedHashMap<>();
            for (WorkerInfo w : registered) capacities.put(w.getWorkerId(), w.getCapacity());
            try {
                b.addAllWorkerStates(t.coordinator().query(s -> s == null ? List.<WorkerState>of() : s.workerStates(capacities))
                        .get(5, TimeUnit.SECONDS));
            } catch (Exception e) {
                log.debug("worker states unavailable: {}", e.toString());
            }
        }
        return b.build();
    }

    // ---------------------------------------------------------------- leadership

    /**
     * Starts reading the stored jobs, runs and cordons while the election writes the bump that makes this node leader:
     * that read and the bump's write overlap, instead of one waiting for the other (each a few milliseconds to
     * tens of milliseconds on a busy ZooKeeper). Valid only for the bump that follows (it checks the store
     * has not moved); a later attempt replaces it, and none is kept without a store to pin.
     */
    @Override
    public void onTermAhead(java.util.OptionalInt storeVersion, long storeZxid) {
        if (storeVersion.isEmpty()) {
            preload = null;
            return;
        }
        // the snapshot the previous leader handed over, if it names this store, is what is stored: here already, it
        // spares the read; on its way, it races the read (which may take tens of milliseconds on a busy ensemble)
        // (the cordons are read once, for either)
        CompletableFuture<List<String>> cordons = Coordinator.readCordons(cordonStore);
        preload = handOvers.stored(storeZxid, storeVersion.getAsInt(), () -> Coordinator.load(jobStore, runStore, cordons), cordons);
    }

    /** Stepping down: the store snapshot for the successor, and the store version the hand-over must still find. */
    @Override
    public java.util.OptionalInt beforeHandOver(LeaderTerm endedTerm) {
        return handOvers.prepare(endedTerm);
    }

    /** Handed on (or not): tells the other schedulers, the successor first of all. */
    @Override
    public void handedOver(LeaderTerm endedTerm, Optional<io.baton.server.election.HandedTerm> to) {
        handOvers.tell(endedTerm, to, this::isLeader);
    }

    /** The other schedulers' client endpoints, as registered. */
    private List<String> peerAddresses() {
        return registration.listSchedulers().stream().filter(s -> !s.getNodeId().equals(config.nodeId()))
                .map(SchedulerInfo::getClientAddress).toList();
    }

    @Override
    public void onLeadershipGained(LeaderTerm leaderTerm) {
        log.info("scheduler {} leads with epoch {}", config.nodeId(), leaderTerm.epoch());
        warmLinks.stopKeeping();
        Coordinator coordinator = new Coordinator(leaderTerm, config.nodeId(), jobStore, runStore, cordonStore, runtime,
                config.rpc(), clock, config.coordinator(), this::resign, () -> election.renew(leaderTerm), warmLinks);
        Term t = new Term(coordinator, new ClientRequestHandler(coordinator, jobStore, runStore, clock, adminReads, this::resign));
        Term previous = term.getAndSet(t);
        if (previous != null) previous.coordinator().close();
        CompletableFuture<Coordinator.Stored> preloaded = preload;
        preload = null;
        handOvers.termStarted();
        coordinator.start(workerRegistry::workers, preloaded).whenComplete((ok, error) -> {
            if (error != null) {
                log.error("term {} failed to start; resigning", leaderTerm.epoch(), error);
                coordinator.close();
                resign();
            }
        });
    }

    @Override
    public void onLeadershipEnded(LeaderTerm leaderTerm, String reason) {
        log.info("scheduler {} no longer leads (epoch {}): {}", config.nodeId(), leaderTerm.epoch(), reason);
        Term t = term.getAndSet(null);
        if (t != null) t.coordinator().close();
        // the term closed its links (taken over or dialled); as a follower this node keeps its own again, a little later
        try {
            rehearsals.schedule(() -> {
                if (!isLeader()) warmLinks.keepAgain(workerRegistry.workers());
            }, REWARM_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // the node is closing
        }
    }

    @Override
    public void onLeadershipSuspended(LeaderTerm leaderTerm, String reason) {
        Term t = term.get();
        if (t != null && t.coordinator().epoch() == leaderTerm.epoch()) t.coordinator().suspend(reason);
    }

    @Override
    public void onLeadershipResumed(LeaderTerm leaderTerm) {
        Term t = term.get();
        if (t != null && t.coordinator().epoch() == leaderTerm.epoch()) t.coordinator().resume();
    }

    // ---------------------------------------------------------------- worker registry

    @Override
    public void onWorkerJoined(WorkerInfo worker) {
        warmLinks.keep(worker);
        Term t = term.get();
        if (t != null) t.coordinator().workerRegistered(worker);
    }

    @Override
    public void onWorkerUpdated(WorkerInfo worker) {
        onWorkerJoined(worker);
    }

    @Override
    public void onWorkerLeft(String workerId) {
        warmLinks.drop(workerId);
        Term t = term.get();
        if (t != null) t.coordinator().workerUnregistered(workerId);
    }

    @Override
    public void close() {
        Lifecycle was = lifecycle.getAndSet(Lifecycle.CLOSED);
        if (was == Lifecycle.CLOSED) return;
        // a leader hands its term on first: its successor waits for that, and nothing below is needed for it (stopping
        // the rehearsals and the sandbox first cost a SIGTERM'd leader's hand-over 5-13 ms here)
        Term t = term.getAndSet(null);
        if (t != null) t.coordinator().close();
        closeQuietly(election);
        closeQuietly(handOvers); // after the election, which tells the others as it hands on
        // a rehearsal in flight (a follower's) stops next, interrupted between or within its steps: it uses what closes below
        rehearsals.shutdownNow();
        try {
            rehearsals.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(sandbox);
        closeQuietly(runStore);
        closeQuietly(workerRegistry);
        closeQuietly(warmLinks);
        closeQuietly(registration);
        closeQuietly(leaderTracker);
        closeQuietly(clientServer);
        closeQuietly(runtime);
        adminReads.shutdownNow();
        if (curator != null) curator.close();
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception e) {
            log.warn("error while closing {}", c.getClass().getSimpleName(), e);
        }
    }
}
