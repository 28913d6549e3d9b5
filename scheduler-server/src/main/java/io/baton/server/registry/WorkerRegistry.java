package io.baton.server.registry;

import io.baton.common.zk.ZkPaths;
import io.baton.proto.v1.WorkerInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers registered under {@link ZkPaths#WORKERS} (each an ephemeral node holding {@link WorkerInfo}),
 * followed with a {@link CuratorCache}. Every scheduler node runs one (owned by {@code SchedulerNode});
 * the leader feeds its events to the coordinator. Events for workers already registered at start arrive
 * as joins. Listener calls come on Curator's thread; see {@link WorkerRegistryListener}.
 */
public final class WorkerRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerRegistry.class);

    private enum Lifecycle { LATENT, STARTED, CLOSED }

    private final CuratorCache cache;
    private final WorkerRegistryListener listener;
    private final CountDownLatch initialized = new CountDownLatch(1);
    private final AtomicReference<Lifecycle> lifecycle = new AtomicReference<>(Lifecycle.LATENT);

    public WorkerRegistry(CuratorFramework client, WorkerRegistryListener listener) {
        this.cache = CuratorCache.build(client, ZkPaths.WORKERS);
        this.listener = listener;
    }

    public void start() {
        if (!lifecycle.compareAndSet(Lifecycle.LATENT, Lifecycle.STARTED)) {
            throw new IllegalStateException("worker registry already started or closed");
        }
        cache.listenable().addListener(new CuratorCacheListener() {
            @Override public void event(Type type, ChildData oldData, ChildData data) { onEvent(type, oldData, data); }
            @Override public void initialized() { initialized.countDown(); }
        });
        cache.start();
    }

    /** Waits until the registrations present at start have been read; false on timeout. */
    public boolean awaitInitialized(Duration timeout) throws InterruptedException {
        return initialized.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The workers registered now, as this node's cache sees them; never blocks. */
    public List<WorkerInfo> workers() {
        return cache.stream()
                .filter(node -> RegisteredNodes.isChildOf(ZkPaths.WORKERS, node))
                .map(this::info)
                .flatMap(Optional::stream)
                .toList();
    }

    private void onEvent(CuratorCacheListener.Type type, ChildData oldData, ChildData data) {
        if (lifecycle.get() != Lifecycle.STARTED) return;
        try {
            switch (type) {
                case NODE_CREATED -> { if (RegisteredNodes.isChildOf(ZkPaths.WORKERS, data)) info(data).ifPresent(listener::onWorkerJoined); }
                case NODE_CHANGED -> { if (RegisteredNodes.isChildOf(ZkPaths.WORKERS, data)) info(data).ifPresent(listener::onWorkerUpdated); }
                case NODE_DELETED -> { if (RegisteredNodes.isChildOf(ZkPaths.WORKERS, oldData)) listener.onWorkerLeft(RegisteredNodes.name(oldData)); }
            }
        } catch (RuntimeException e) {
            log.error("worker registry listener failed on {} of {}", type, data != null ? data.getPath() : oldData.getPath(), e);
        }
    }

    /** The node's WorkerInfo; its node name is the worker id, and a node naming another worker is ignored. */
    private Optional<WorkerInfo> info(ChildData node) {
        String id = RegisteredNodes.name(node);
        return RegisteredNodes.parse(node, WorkerInfo.parser()).filter(info -> {
            if (info.getWorkerId().equals(id)) return true;
            log.warn("ignoring worker node {} that names worker '{}'", node.getPath(), info.getWorkerId());
            return false;
        });
    }

    @Override
    public void close() {
        if (lifecycle.getAndSet(Lifecycle.CLOSED) == Lifecycle.STARTED) cache.close();
    }
}
