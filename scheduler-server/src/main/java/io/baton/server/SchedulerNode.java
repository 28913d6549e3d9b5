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
import io.baton.server.election.LeaderElection;
import io.baton.server.election.LeaderTerm;
import io.baton.server.election.LeaderTracker;
import io.baton.server.election.LeadershipListener;
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
        leaderTracker = new LeaderTracker(curator);
        leaderTracker.start();
        clientServer = new RpcServer(runtime, config.rpc(), config.host(), config.port(),
                new ClientEndpoint(this::leaderHandler, leaderTracker::leader, this::clusterView));
        InetSocketAddress bound = clientServer.start();
        address = config.host() + ":" + bound.getPort();
        registration = new SchedulerRegistration(curator,
                SchedulerInfo.newBuilder().setNodeId(config.nodeId()).setClientAddress(address).build());
        registration.start();
        workerRegistry = new WorkerRegistry(curator, this);
        workerRegistry.start();
        election = new LeaderElection(curator, config.nodeId(), address, this);
        election.start();
        adminReads.execute(this::warmUpLoading);
        log.info("scheduler {} started, client endpoint {}", config.nodeId(), address);
        return this;
    }

    /**
     * Reads the stored jobs and runs once, builds a leader's state from them and lets it decide what is due
     * (all in memory, then dropped), so a follower that later wins has its term-start path (Curator's
     * pipelined reads, record parsing, schedules, the state's decisions) loaded and compiled: the first term
     * of a fresh JVM started a few hundred milliseconds later than later ones, which a failover pays directly.
     */
    private void warmUpLoading() {
        long t0 = System.nanoTime();
        try {
            List<io.baton.proto.v1.JobRecord> jobs = jobStore.loadAll();
            List<io.baton.proto.v1.RunRecord> runs = runStore.loadActive();
            long now = clock.millis();
            io.baton.server.coordinator.CoordinatorState rehearsal = new io.baton.server.coordinator.CoordinatorState(
                    0, jobs, runs, List.of(), now, now, config.coordinator(), new java.util.SplittableRandom(0));
            rehearsal.tick(now);
            rehearseRequest();
            log.info("warmed up the term-start path ({} jobs, {} active runs) in {} ms", jobs.size(), runs.size(),
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (RuntimeException e) {
            log.debug("warm-up failed (harmless): {}", e.toString());
        }
    }

    /**
     * A leader dials its workers and greets them: outgoing connections, which a follower never makes. One
     * request over a connection to this node's own endpoint loads and runs that path (Netty's client side, the
     * codec's, request correlation) before a takeover needs it; on a node's first term, dialling the workers
     * took 100–250 ms longer than on later ones.
     */
    private void rehearseRequest() {
        int colon = address.lastIndexOf(':');
        io.baton.common.rpc.RpcClient self = new io.baton.common.rpc.RpcClient(runtime, config.rpc(), address.substring(0, colon),
                Integer.parseInt(address.substring(colon + 1)), (connection, envelope) -> { });
        try {
            self.start();
            io.baton.proto.v1.Envelope ask = io.baton.proto.v1.Envelope.newBuilder().setClientRequest(io.baton.proto.v1.ClientRequest.newBuilder()
                    .setClusterStatus(io.baton.proto.v1.ClusterStatus.getDefaultInstance())).build();
            self.firstAttempt().thenCompose(c -> c.request(ask, java.time.Duration.ofSeconds(5))).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("request rehearsal failed (harmless): {}", e.toString());
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
        } finally {
            self.close();
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

    @Override
    public void onLeadershipGained(LeaderTerm leaderTerm) {
        log.info("scheduler {} leads with epoch {}", config.nodeId(), leaderTerm.epoch());
        Coordinator coordinator = new Coordinator(leaderTerm, config.nodeId(), jobStore, runStore, cordonStore, runtime,
                config.rpc(), clock, config.coordinator(), this::resign, () -> election.renew(leaderTerm));
        Term t = new Term(coordinator, new ClientRequestHandler(coordinator, jobStore, runStore, clock, adminReads, this::resign));
        Term previous = term.getAndSet(t);
        if (previous != null) previous.coordinator().close();
        coordinator.start(workerRegistry::workers).whenComplete((ok, error) -> {
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
        Term t = term.get();
        if (t != null) t.coordinator().workerRegistered(worker);
    }

    @Override
    public void onWorkerUpdated(WorkerInfo worker) {
        onWorkerJoined(worker);
    }

    @Override
    public void onWorkerLeft(String workerId) {
        Term t = term.get();
        if (t != null) t.coordinator().workerUnregistered(workerId);
    }

    @Override
    public void close() {
        Lifecycle was = lifecycle.getAndSet(Lifecycle.CLOSED);
        if (was == Lifecycle.CLOSED) return;
        Term t = term.getAndSet(null);
        if (t != null) t.coordinator().close();
        closeQuietly(election);
        closeQuietly(runStore);
        closeQuietly(workerRegistry);
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
