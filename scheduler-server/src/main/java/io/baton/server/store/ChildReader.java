package io.baton.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;

/**
 * Reads the data of every child of a node with pipelined background reads: a new leader loads all stored
 * runs at once, and one synchronous round trip per run would make that take seconds. Used by the stores.
 */
final class ChildReader {
    private static final int MAX_IN_FLIGHT = 512;
    private static final long TIMEOUT_SECONDS = 60;

    private ChildReader() {}

    /** Data of each child of {@code parent} in name order; children deleted meanwhile are skipped. */
    static List<byte[]> readAll(CuratorFramework client, String parent) throws Exception {
        List<String> names;
        try {
            names = new ArrayList<>(client.getChildren().forPath(parent));
        } catch (KeeperException.NoNodeException absent) {
            return List.of();
        }
        names.sort(null);
        Map<String, byte[]> found = new ConcurrentHashMap<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(names.size());
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        for (String name : names) {
            if (failure.get() != null) break;
            inFlight.acquire();
            String path = ZKPaths.makePath(parent, name);
            client.getData().inBackground((c, event) -> {
                int rc = event.getResultCode();
                if (rc == KeeperException.Code.OK.intValue()) found.put(name, event.getData());
                else if (rc != KeeperException.Code.NONODE.intValue()) failure.compareAndSet(null, KeeperException.create(KeeperException.Code.get(rc), path));
                inFlight.release();
                done.countDown();
            }).forPath(path);
        }
        if (failure.get() == null && !done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("reading the children of " + parent + " took over " + TIMEOUT_SECONDS + " s");
        }
        if (failure.get() != null) throw failure.get();
        List<byte[]> out = new ArrayList<>(found.size());
        for (String name : names) {
            byte[] data = found.get(name);
            if (data != null) out.add(data);
        }
        return out;
    }
}
