package io.baton.server.dispatch;

import io.baton.common.rpc.MessageListener;
import io.baton.common.rpc.RpcConfig;
import io.baton.common.rpc.RpcConnection;
import io.baton.common.rpc.RpcRuntime;
import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.LeaderHello;
import io.baton.proto.v1.WorkerInfo;
import java.time.Duration;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's connections to workers, one reconnecting {@link io.baton.common.rpc.RpcClient} per registered worker:
 * taken over from the follower this node was ({@link WarmLinkSource}) when it kept one to the worker, dialled
 * otherwise. Each channel is greeted with a {@link LeaderHello} carrying this term's epoch (a channel that was up
 * already, at once); the worker's answer makes it ready. Everything sent carries the epoch. Owned by one
 * {@link io.baton.server.coordinator.Coordinator} (one term): closing it closes every link, taken over or not, so
 * a deposed leader cannot reach a worker again.
 */
public final class WorkerLinks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerLinks.class);

    private final RpcRuntime runtime;
    private final RpcConfig config;
    private final long epoch;
    private final String leaderId;
    private final Duration helloTimeout;
    private final WorkerLinkListener listener;
    private final WarmLinkSource warm;
    private final Map<String, Link> links = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicInteger takenOver = new java.util.concurrent.atomic.AtomicInteger();

    public WorkerLinks(RpcRuntime runtime, RpcConfig config, long epoch, String leaderId, Duration helloTimeout,
                       WorkerLinkListener listener) {
        this(runtime, config, epoch, leaderId, helloTimeout, listener, WarmLinkSource.NONE);
    }

    /** As above, taking over the links {@code warm} kept to the workers before this term. */
    public WorkerLinks(RpcRuntime runtime, RpcConfig config, long epoch, String leaderId, Duration helloTimeout,
                       WorkerLinkListener listener, WarmLinkSource warm) {
        this.warm = warm;
        this.runtime = runtime;
        this.config = config;
        this.epoch = epoch;
        this.leaderId = leaderId;
        this.helloTimeout = helloTimeout;
        this.listener = listener;
    }

    /** Starts (or keeps) a link to a registered worker. Idempotent; a changed address replaces the link. */
    public void connect(WorkerInfo worker) {
        if (closed.get()) return;
        Link made = links.compute(worker.getWorkerId(), (id, existing) -> {
            if (existing != null && existing.client.address().equals(worker.getAddress())) return existing;
            if (existing != null) existing.close();
            return new Link(id, worker);
        });
        if (closed.get() && links.remove(worker.getWorkerId(), made)) made.close(); // raced with close()
    }

    /** How many links this term took over from connections kept before it (rather than dialled itself). */
    public int takenOver() {
        return takenOver.get();
    }

    /** Drops the link to a worker that left the registry. */
    public void disconnect(String workerId) {
        Link link = links.remove(workerId);
        if (link != null) link.close();
    }

    /** Sends to a ready worker; false when there is no live, greeted connection (the caller treats it as lost). */
    public boolean send(String workerId, Envelope.Builder message) {
        Link link = links.get(workerId);
        if (link == null || closed.get()) return false;
        Optional<RpcConnection> c = link.readyConnection();
        if (c.isEmpty()) return false;
        c.get().send(message.setEpoch(epoch).build());
        return true;
    }

    /** Sends {@code messages} to the worker in order as one batch (one flush); false if it has no ready connection. */
    public boolean sendAll(String workerId, List<Envelope.Builder> messages) {
        Link link = links.get(workerId);
        if (link == null || closed.get()) return false;
        Optional<RpcConnection> c = link.readyConnection();
        if (c.isEmpty()) return false;
        List<Envelope> stamped = new java.util.ArrayList<>(messages.size());
        for (Envelope.Builder m : messages) stamped.add(m.setEpoch(epoch).build());
        c.get().sendAll(stamped);
        return true;
    }

    /**
     * Closes every link without waiting for the channels to finish closing: a term that ends sends nothing
     * more at once, and its leader gives up the election sooner (a graceful hand-over waited ~1–10 ms per
     * worker here before the successor could win).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        links.values().forEach(link -> link.client.client().closeWithoutWaiting());
        links.clear();
    }

    /** One worker's connection and whether the current channel has been greeted. */
    private final class Link implements MessageListener {
        final String workerId;
        /** The reconnecting client to the worker, taken over or dialled by this term. */
        final WarmLink client;
        volatile RpcConnection ready;

        /** Takes over the worker's warm link (greeting its channel if one is up), or dials the worker. */
        Link(String workerId, WorkerInfo worker) {
            this.workerId = workerId;
            Optional<WarmLink> kept = closed.get() ? Optional.empty() : warm.take(worker);
            if (kept.isPresent()) {
                client = kept.get();
                takenOver.incrementAndGet();
                client.listener().switchTo(this).ifPresent(this::onConnected);
            } else {
                client = WarmLink.open(runtime, config, worker.getAddress(), this);
            }
        }

        void close() { client.client().close(); }

        Optional<RpcConnection> readyConnection() {
            RpcConnection c = ready;
            return c != null && c.isActive() ? Optional.of(c) : Optional.empty();
        }

        @Override
        public void onConnected(RpcConnection connection) {
            Envelope hello = Envelope.newBuilder().setEpoch(epoch)
                    .setLeaderHello(LeaderHello.newBuilder().setLeaderId(leaderId)).build();
            connection.request(hello, helloTimeout).whenComplete((reply, error) -> {
                if (error != null) {
                    log.info("hello to worker {} at {} failed: {}", workerId, client.address(), error.getMessage());
                    connection.close("hello failed");
                } else if (reply.hasWorkerStatus()) {
                    if (closed.get()) return;
                    ready = connection;
                    listener.onWorkerReady(workerId, reply.getWorkerStatus());
                } else if (reply.hasRejected()) {
                    listener.onStaleEpoch(workerId, reply.getRejected().getHighestEpoch());
                    connection.close("worker rejected our epoch");
                }
            });
        }

        @Override
        public void onMessage(RpcConnection connection, Envelope envelope) {
            if (connection != ready) return;
            if (envelope.hasShardReport()) {
                listener.onReport(workerId, envelope.getShardReport());
            } else if (envelope.hasWorkerDraining()) {
                listener.onWorkerDraining(workerId, envelope.getWorkerDraining().getReason());
            } else if (envelope.hasRejected()) {
                listener.onStaleEpoch(workerId, envelope.getRejected().getHighestEpoch());
            }
        }

        @Override
        public void onDisconnected(RpcConnection connection, String reason) {
            if (connection == ready) {
                ready = null;
                listener.onWorkerGone(workerId, reason);
            }
        }
    }
}
