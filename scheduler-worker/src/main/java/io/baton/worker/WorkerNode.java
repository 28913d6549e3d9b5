package io.baton.worker;

import io.baton.common.rpc.RpcConnection;
import io.baton.common.rpc.RpcRuntime;
import io.baton.common.rpc.RpcServer;
import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.WorkerInfo;
import io.baton.worker.api.ShardHandler;
import io.baton.worker.execution.ExecutionJournal;
import io.baton.worker.execution.ShardExecutor;
import io.baton.worker.registration.WorkerRegistration;
import io.baton.worker.rpc.SessionLoop;
import io.baton.worker.rpc.WorkerRpcListener;
import io.baton.worker.session.LeaderSession;
import io.baton.worker.session.WorkerIdentity;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker: an RPC server that leaders dial, its registration under {@code /workers/{id}} in ZooKeeper,
 * the shard executor and the session loop that fences leaders. {@link #start()} returns once the worker is
 * registered; {@link #close()} deregisters, cancels running shards (their CANCELLED reports still go to a
 * connected leader) and stops the server. The Curator client belongs to the caller, who starts and closes it.
 *
 * <pre>{@code
 * try (WorkerNode worker = new WorkerNode(WorkerConfig.defaults().withCapacity(8), curator, DemoHandlers.all())) {
 *     worker.start();
 *     ...
 * }
 * }</pre>
 */
public final class WorkerNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerNode.class);
    private static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(15);
    private static final int RPC_THREADS = 2;

    private enum State { LATENT, STARTED, CLOSED }

    private final WorkerConfig config;
    private final CuratorFramework client;
    private final Map<String, ShardHandler> handlers;
    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    // Built by start(), so a node that is constructed but never started holds no thread, socket or file.
    private volatile ExecutionJournal journal;
    private volatile ShardExecutor executor;
    private volatile SessionLoop loop;
    private volatile RpcRuntime runtime;
    private volatile RpcServer server;
    private volatile WorkerRegistration registration;
    private volatile String address;

    public WorkerNode(WorkerConfig config, CuratorFramework client, Map<String, ShardHandler> handlers) {
        if (handlers.isEmpty()) throw new IllegalArgumentException("a worker needs at least one handler");
        this.config = config;
        this.client = client;
        this.handlers = Map.copyOf(handlers);
    }

    /** Starts serving and registers; returns once registered. On failure everything started is closed again. */
    public void start() {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) throw new IllegalStateException("worker already " + state.get());
        try {
            startServingAndRegister();
            awaitRegistered();
            log.info("worker {} ready at {} (capacity {}, handlers {})", config.workerId(), address, config.capacity(),
                    executor.handlerNames());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting worker " + config.workerId(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    // Synchronized with close() so a concurrent close never misses a part built here; the wait for
    // registration happens outside, so a shutdown never waits on ZooKeeper.
    private synchronized void startServingAndRegister() throws InterruptedException {
        if (state.get() != State.STARTED) throw new IllegalStateException("worker closed while starting");
        journal = config.journal().map(ExecutionJournal::open).orElseGet(ExecutionJournal::disabled);
        // one clock for the executor and for reading assignments' arrival, which the executor's start instants compare
        Clock clock = Clock.systemUTC();
        executor = new ShardExecutor(config.workerId(), config.capacity(), handlers, journal, clock);
        executor.start();
        LeaderSession<RpcConnection> session = new LeaderSession<>(
                new WorkerIdentity(config.workerId(), config.capacity(), List.copyOf(executor.handlerNames())));
        loop = new SessionLoop(session, executor, "baton-worker-session-" + config.workerId());
        loop.start();
        runtime = new RpcRuntime("baton-worker-" + config.workerId(), RPC_THREADS);
        server = new RpcServer(runtime, config.rpc(), config.host(), config.port(), new WorkerRpcListener(loop, clock));
        InetSocketAddress bound = server.start();
        address = config.host() + ":" + bound.getPort();
        registration = new WorkerRegistration(client, WorkerInfo.newBuilder()
                .setWorkerId(config.workerId())
                .setAddress(address)
                .setCapacity(config.capacity())
                .addAllHandlers(executor.handlerNames())
                .build());
        registration.start();
    }

    public String workerId() {
        return config.workerId();
    }

    /** host:port leaders dial; known once started. */
    public String address() {
        return address;
    }

    /** Messages dropped so far because their leader epoch was stale. */
    public long staleRejected() {
        SessionLoop l = loop;
        return l == null ? 0 : l.staleRejected();
    }

    /** Attempts whose handler is running now. */
    public List<AttemptRef> running() {
        ShardExecutor e = executor;
        return e == null ? List.of() : e.running();
    }

    /**
     * Stops accepting shards (new assignments are refused) and waits up to {@code timeout} for running ones to
     * finish; true when none is left. Call {@link #close()} afterwards.
     */
    public boolean drain(Duration timeout) throws InterruptedException {
        if (state.get() != State.STARTED) throw new IllegalStateException("worker " + state.get());
        loop.draining("draining");
        return executor.drain(timeout);
    }

    /** Deregisters, cancels running shards, sends their reports if a leader is connected, stops the server. */
    @Override
    public synchronized void close() {
        if (state.getAndSet(State.CLOSED) == State.CLOSED) return;
        if (loop != null) loop.draining("shutting down");
        closeQuietly(registration, "registration");
        closeQuietly(executor, "executor");
        closeQuietly(loop, "session loop");
        closeQuietly(server, "RPC server");
        closeQuietly(runtime, "RPC runtime");
        closeQuietly(journal, "journal");
        log.info("worker {} closed", config.workerId());
    }

    private void awaitRegistered() throws InterruptedException {
        if (!registration.awaitRegistered(REGISTRATION_TIMEOUT)) {
            throw new IllegalStateException("worker " + config.workerId() + " not registered in ZooKeeper within "
                    + REGISTRATION_TIMEOUT.toSeconds() + " s");
        }
    }

    private static void closeQuietly(AutoCloseable part, String what) {
        if (part == null) return;
        try {
            part.close();
        } catch (Exception e) {
            // Closing continues with the other parts: a half-closed worker would keep its port or its node.
            log.warn("closing worker {} failed: {}", what, e.toString());
        }
    }
}
