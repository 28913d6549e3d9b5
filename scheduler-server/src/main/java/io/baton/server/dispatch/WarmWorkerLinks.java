package io.baton.server.dispatch;

import io.baton.common.rpc.RpcConfig;
import io.baton.common.rpc.RpcRuntime;
import io.baton.proto.v1.WorkerInfo;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A follower's connections to the registered workers, kept open (heartbeats only; no hello, so a worker does not
 * take the follower for its leader) so that the term this node may win greets its workers over connections that are
 * up already: after a graceful hand-over the workers heard the new leader's hello 3–31 ms after its term started
 * when it dialled them then. The term takes each link over ({@link #take}, through {@link WorkerLinks}) and closes
 * it when it ends; this node keeps none while it leads ({@link #stopKeeping}) and dials them all again once it
 * follows ({@link #keepAgain}). Owned by the scheduler node; thread-safe (registry, election and coordinator threads
 * call it), and nothing in it blocks.
 */
public final class WarmWorkerLinks implements WarmLinkSource, AutoCloseable {
    private final RpcRuntime runtime;
    private final RpcConfig config;
    private final int most;
    private final Map<String, WarmLink> links = new HashMap<>(); // guarded by this
    private boolean keeping = true; // guarded by this
    private boolean closed; // guarded by this

    /** @param most the most workers a link is kept to (the first registered; a term dials the others itself); 0: none */
    public WarmWorkerLinks(RpcRuntime runtime, RpcConfig config, int most) {
        if (most < 0) throw new IllegalArgumentException("most must not be negative: " + most);
        this.runtime = runtime;
        this.config = config;
        this.most = most;
    }

    /**
     * A worker registered or changed its registration: dial it (while keeping, and fewer than {@code most} are kept),
     * replacing a link to an old address.
     */
    public synchronized void keep(WorkerInfo worker) {
        if (closed) return;
        WarmLink existing = links.get(worker.getWorkerId());
        if (existing != null && existing.address().equals(worker.getAddress())) return;
        if (existing != null) close(links.remove(worker.getWorkerId()));
        if (keeping && links.size() < most) links.put(worker.getWorkerId(), WarmLink.open(runtime, config, worker.getAddress(), ListenerSwitch.idle()));
    }

    /** The worker's registration is gone. */
    public synchronized void drop(String workerId) {
        close(links.remove(workerId));
    }

    @Override
    public synchronized Optional<WarmLink> take(WorkerInfo worker) {
        WarmLink link = links.remove(worker.getWorkerId());
        if (link == null) return Optional.empty();
        if (link.address().equals(worker.getAddress())) return Optional.of(link);
        close(link);
        return Optional.empty();
    }

    /** This node leads: the term takes the links it needs; none is dialled until {@link #keepAgain}. */
    public synchronized void stopKeeping() {
        keeping = false;
    }

    /** This node follows again: links to every worker in {@code registered}, none to another. */
    public synchronized void keepAgain(List<WorkerInfo> registered) {
        if (closed) return;
        keeping = true;
        Set<String> ids = new HashSet<>();
        for (WorkerInfo w : registered) ids.add(w.getWorkerId());
        links.entrySet().removeIf(kept -> {
            if (ids.contains(kept.getKey())) return false;
            close(kept.getValue());
            return true;
        });
        registered.forEach(this::keep);
    }

    /** Workers a link is kept to now (tests, diagnostics). */
    public synchronized Set<String> kept() {
        return Set.copyOf(links.keySet());
    }

    @Override
    public synchronized void close() {
        closed = true;
        links.values().forEach(WarmWorkerLinks::close);
        links.clear();
    }

    private static void close(WarmLink link) {
        if (link != null) link.client().closeWithoutWaiting();
    }
}
