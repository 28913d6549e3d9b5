package io.baton.server.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooKeeper;

/**
 * Reads the data of every child of a set of nodes with pipelined background reads, listing the parents
 * the same way: a new leader loads all stored jobs and runs (256 buckets each) at once, and one
 * synchronous round trip per bucket or per record would delay its first dispatch by a second or more.
 * Used by the stores.
 */
final class ChildReader {
    private static final int MAX_IN_FLIGHT = 512;
    private static final long TIMEOUT_SECONDS = 60;
    /**
     * Parents listed per read: one. An answer must stay under the client's 1 MiB packet limit (jute.maxbuffer,
     * exceeding it drops the connection); one bucket of a million jobs (256 buckets, names up to 128 characters)
     * lists ~3,900 names, ~0.5 MB at most, where 16 buckets listed together would pass the limit. The reads are
     * all in flight at once, so this costs no round trips.
     */
    static final int LIST_CHUNK = 1;
    /**
     * Every parent in one listing when all the names under their common root (counted first with one
     * getAllChildrenNumber) would fit in this many bytes at the longest: a small cluster's new leader lists its
     * 256 buckets in one answer instead of 256.
     */
    static final int ONE_LISTING_BYTES = 256 * 1024;
    /** The longest child name (a run id: a 128-character job name, '@', the fire time, a suffix) and its length field. */
    static final int MAX_CHILD_NAME_BYTES = 160;

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
        Map<String, List<String>> children = listChildren(client, parents);
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
     * The children of each parent that exists, listed with read-only multis, all in flight at once (a new
     * leader's first dispatch waits for them): one multi for all parents when everything below their root fits
     * one answer ({@link #listingChunk}), else {@link #LIST_CHUNK} parents each.
     */
    static Map<String, List<String>> listChildren(CuratorFramework client, List<String> parents) throws Exception {
        ZooKeeper zk = client.getZookeeperClient().getZooKeeper();
        String ns = client.getNamespace();
        Map<String, List<String>> out = new ConcurrentHashMap<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Optional<Integer> below = parents.size() > 1 ? descendantsOfCommonParent(zk, ns, parents) : Optional.empty();
        if (below.isPresent() && below.get() == 0) return out; // no root, so no parent: nothing stored yet
        int perListing = below.map(n -> listingChunk(parents.size(), n)).orElse(LIST_CHUNK);
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < parents.size(); i += perListing) chunks.add(parents.subList(i, Math.min(parents.size(), i + perListing)));
        CountDownLatch done = new CountDownLatch(chunks.size());
        for (List<String> chunk : chunks) {
            List<Op> ops = chunk.stream().map(p -> Op.getChildren(ZKPaths.fixForNamespace(ns, p))).toList();
            zk.multi(ops, (rc, path, ctx, results) -> {
                // a read-only multi answers every op; its overall code is the first op's error (NONODE of an
                // absent bucket, say), so look at each result
                if (results == null || results.size() != chunk.size()) {
                    failure.compareAndSet(null, KeeperException.create(KeeperException.Code.get(rc), chunk.get(0)));
                } else {
                    for (int i = 0; i < results.size(); i++) {
                        OpResult r = results.get(i);
                        if (r instanceof OpResult.GetChildrenResult list) out.put(chunk.get(i), list.getChildren());
                        else if (r instanceof OpResult.ErrorResult e && e.getErr() != KeeperException.Code.NONODE.intValue()) {
                            failure.compareAndSet(null, KeeperException.create(KeeperException.Code.get(e.getErr()), chunk.get(i)));
                        }
                    }
                }
                done.countDown();
            }, null);
        }
        if (!done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("listing " + parents.size() + " node(s) under " + parents.get(0) + " took over " + TIMEOUT_SECONDS + " s");
        }
        if (failure.get() != null) throw failure.get();
        return out;
    }

    /** Parents per listing: all of them when the {@code descendants} of their root fit one answer, else {@link #LIST_CHUNK}. */
    static int listingChunk(int parents, long descendants) {
        return descendants * MAX_CHILD_NAME_BYTES <= ONE_LISTING_BYTES ? Math.max(1, parents) : LIST_CHUNK;
    }

    /**
     * How many nodes lie below the parents' common parent (0 when it does not exist), or empty when they have
     * no common parent.
     */
    private static Optional<Integer> descendantsOfCommonParent(ZooKeeper zk, String ns, List<String> parents) throws Exception {
        String root = ZKPaths.getPathAndNode(parents.get(0)).getPath();
        for (String p : parents) if (!ZKPaths.getPathAndNode(p).getPath().equals(root)) return Optional.empty();
        try {
            return Optional.of(zk.getAllChildrenNumber(ZKPaths.fixForNamespace(ns, root)));
        } catch (KeeperException.NoNodeException absent) {
            return Optional.of(0);
        }
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
