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
        return readAll(client, List.of(parent));
    }

    /**
     * Data of each child of every one of {@code parents} (bucket nodes; absent ones are skipped), in child
     * name order; children deleted meanwhile are skipped.
     */
    static List<byte[]> readAll(CuratorFramework client, List<String> parents) throws Exception {
        List<String> names = new ArrayList<>();
        for (String parent : parents) {
            try {
                for (String child : client.getChildren().forPath(parent)) names.add(ZKPaths.makePath(parent, child));
            } catch (KeeperException.NoNodeException absent) {
                // an empty bucket that was never created
            }
        }
        names.sort(java.util.Comparator.comparing((String path) -> path.substring(path.lastIndexOf('/') + 1)));
        Map<String, byte[]> found = new ConcurrentHashMap<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(names.size());
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        for (String name : names) {
            if (failure.get() != null) break;
            inFlight.acquire();
            String path = name;
            client.getData().inBackground((c, event) -> {
                int rc = event.getResultCode();
                if (rc == KeeperException.Code.OK.intValue()) found.put(name, event.getData());
                else if (rc != KeeperException.Code.NONODE.intValue()) failure.compareAndSet(null, KeeperException.create(KeeperException.Code.get(rc), path));
                inFlight.release();
                done.countDown();
            }).forPath(path);
        }
        if (failure.get() == null && !done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("reading the children of " + parents.size() + " node(s) under " + parents.get(0) + " took over " + TIMEOUT_SECONDS + " s");
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
