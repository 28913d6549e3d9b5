package io.baton.server.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.BackgroundCallback;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;

/**
 * Reads the data of every child of a set of nodes with pipelined background reads, listing the parents
 * the same way: a new leader loads all stored jobs and runs (256 buckets each) at once, and one
 * synchronous round trip per bucket or per record would delay its first dispatch by a second or more.
 * Used by the stores.
 */
final class ChildReader {
    private static final int MAX_IN_FLIGHT = 512;
    private static final long TIMEOUT_SECONDS = 60;

    /** Issues one background read of {@code path} whose result goes to {@code callback}. */
    private interface BackgroundRead {
        void issue(String path, BackgroundCallback callback) throws Exception;
    }

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
        if (parents.isEmpty()) return List.of();
        Map<String, List<String>> children = pipelined(parents, parents.get(0),
                (path, cb) -> client.getChildren().inBackground(cb).forPath(path), CuratorEvent::getChildren);
        List<String> names = new ArrayList<>();
        children.forEach((parent, kids) -> kids.forEach(child -> names.add(ZKPaths.makePath(parent, child))));
        names.sort(Comparator.comparing((String path) -> path.substring(path.lastIndexOf('/') + 1)));
        Map<String, byte[]> found = pipelined(names, parents.get(0),
                (path, cb) -> client.getData().inBackground(cb).forPath(path), CuratorEvent::getData);
        List<byte[]> out = new ArrayList<>(found.size());
        for (String name : names) {
            byte[] data = found.get(name);
            if (data != null) out.add(data);
        }
        return out;
    }

    /**
     * Runs {@code read} on every path with at most {@link #MAX_IN_FLIGHT} outstanding; returns the result of
     * each path that exists (NONODE is skipped), or throws the first other error.
     */
    private static <T> Map<String, T> pipelined(List<String> paths, String what, BackgroundRead read,
                                                java.util.function.Function<CuratorEvent, T> result) throws Exception {
        Map<String, T> found = new ConcurrentHashMap<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(paths.size());
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        for (String path : paths) {
            if (failure.get() != null) break;
            inFlight.acquire();
            read.issue(path, (c, event) -> {
                int rc = event.getResultCode();
                if (rc == KeeperException.Code.OK.intValue()) found.put(path, result.apply(event));
                else if (rc != KeeperException.Code.NONODE.intValue()) failure.compareAndSet(null, KeeperException.create(KeeperException.Code.get(rc), path));
                inFlight.release();
                done.countDown();
            });
        }
        if (failure.get() == null && !done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("reading " + paths.size() + " node(s) under " + what + " took over " + TIMEOUT_SECONDS + " s");
        }
        if (failure.get() != null) throw failure.get();
        return found;
    }
}
