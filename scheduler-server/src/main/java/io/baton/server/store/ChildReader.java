package io.baton.server.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.common.ZKConfig;

/**
 * Reads the data of every child of a set of nodes with read-only multis, listing the parents the same way: a
 * new leader loads all stored jobs and runs (256 buckets each) at once. ZooKeeper spends about 0.1 ms on each
 * request here however small, so one read per record (even pipelined) cost a new leader ~0.1 s per thousand
 * records before its first dispatch; one multi carries the reads of dozens of records. Used by the stores.
 */
final class ChildReader {
    private static final long TIMEOUT_SECONDS = 60;
    /**
     * The most bytes of names one listing multi asks for, at the longest name: buckets are packed into a
     * listing by their child counts (read first, see {@link #listChildren}) up to this, so a small cluster's
     * new leader lists its 256 buckets in one answer and a large store's answers stay far below the client's
     * packet limit however the names fall into buckets. A bucket larger than this alone is listed on its own.
     */
    static final int ONE_LISTING_BYTES = 256 * 1024;
    /** The longest child name (a run id: a 128-character job name, '@', the fire time, a suffix) and its length field. */
    static final int MAX_CHILD_NAME_BYTES = 160;
    /**
     * The most data a node under Baton's paths holds: Baton writes each one in a multi it keeps under 1 MiB
     * ({@link MultiBudget}), and ZooKeeper's default request limit is 1 MiB.
     */
    static final long MAX_NODE_BYTES = 1024 * 1024;
    /** Room in a multi's answer per read besides the data (result header, error code, the node's Stat), rounded up. */
    private static final int READ_OVERHEAD_BYTES = 256;
    /** Room for the answer's own header, rounded up. */
    private static final int ANSWER_OVERHEAD_BYTES = 64 * 1024;
    /** Parents read per step of a sample ({@link #readSample}). */
    static final int SAMPLE_STEP = 32;
    /** Read multis outstanding at once: keeps the server busy and bounds the memory their answers take. */
    static final int MULTIS_IN_FLIGHT = 8;

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
        Map<String, byte[]> found = new ConcurrentHashMap<>();
        readData(client, names, (path, data) -> found.put(path, data == null ? new byte[0] : data), parents.get(0));
        List<byte[]> out = new ArrayList<>(found.size());
        for (String name : names) {
            byte[] data = found.get(name);
            if (data != null) out.add(data);
        }
        return out;
    }

    /** Which of {@code paths} exist now, read in read-only multis (their data is read too: keep it to small nodes). */
    static Set<String> existing(CuratorFramework client, List<String> paths) throws Exception {
        Set<String> out = ConcurrentHashMap.newKeySet();
        if (!paths.isEmpty()) readData(client, paths, (path, data) -> out.add(path), paths.get(0));
        return out;
    }

    /** The data of each of {@code paths} that exists, to {@code accept}, {@link #readsPerMulti} reads per multi. */
    private static void readData(CuratorFramework client, List<String> paths, BiConsumer<String, byte[]> accept, String what)
            throws Exception {
        ZooKeeper zk = client.getZookeeperClient().getZooKeeper();
        readMultis(zk, client.getNamespace(), chunks(paths, readsPerMulti(packetLimit(zk))), Op::getData,
                (path, result) -> accept.accept(path, ((OpResult.GetDataResult) result).getData()), what);
    }

    /**
     * A sample: the data of the children of {@code parents} read {@link #SAMPLE_STEP} parents at a time, in
     * order, until at least {@code atLeast} were read or every parent was: all of a small store, the first
     * buckets of a large one (bucket order is hash order, so they are a fair sample).
     */
    static List<byte[]> readSample(CuratorFramework client, List<String> parents, int atLeast) throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < parents.size() && out.size() < atLeast; i += SAMPLE_STEP) {
            out.addAll(readAll(client, parents.subList(i, Math.min(parents.size(), i + SAMPLE_STEP))));
        }
        return out;
    }

    /**
     * The children of each parent that exists, listed with read-only multis, pipelined (a new leader's first
     * dispatch waits for them). Each parent's child count is read first (its Stat, in read-only multis: a
     * bucket node holds no data), and the parents are packed into listings by those counts
     * ({@link #listingGroups}). Counting children with {@code getAllChildrenNumber} instead cost the server
     * a scan of its whole tree per call (2–8 ms with a few thousand nodes on a 2-core machine, growing with
     * the tree, on all its cores).
     */
    static Map<String, List<String>> listChildren(CuratorFramework client, List<String> parents) throws Exception {
        ZooKeeper zk = client.getZookeeperClient().getZooKeeper();
        String ns = client.getNamespace();
        Map<String, List<String>> out = new ConcurrentHashMap<>();
        Map<String, Integer> sizes = childCounts(zk, ns, parents);
        if (sizes.isEmpty()) return out; // no parent: nothing stored yet
        list(zk, ns, listingGroups(parents, sizes, ONE_LISTING_BYTES), out, parents.get(0));
        return out;
    }

    /** The child count of each of {@code parents} that exists, from their Stats read in read-only multis. */
    private static Map<String, Integer> childCounts(ZooKeeper zk, String ns, List<String> parents) throws Exception {
        Map<String, Integer> out = new ConcurrentHashMap<>();
        readMultis(zk, ns, chunks(parents, readsPerMulti(packetLimit(zk))), Op::getData,
                (parent, result) -> out.put(parent, ((OpResult.GetDataResult) result).getStat().getNumChildren()), parents.get(0));
        return out;
    }

    /**
     * {@code parents} that exist (those in {@code childCounts}), in order, cut into listings of at most
     * {@code budgetBytes} of names at the longest ({@link #MAX_CHILD_NAME_BYTES} each, plus a result's overhead
     * per parent); a parent whose names alone exceed the budget gets a listing of its own. Pure.
     */
    static List<List<String>> listingGroups(List<String> parents, Map<String, Integer> childCounts, long budgetBytes) {
        List<String> present = parents.stream().filter(childCounts::containsKey).toList();
        return MultiBudget.chunk(present, parent -> (long) childCounts.get(parent) * MAX_CHILD_NAME_BYTES + READ_OVERHEAD_BYTES, budgetBytes);
    }

    /**
     * The children of each of {@code parents} that exists (any parents), listed in read-only multis of as many
     * parents as fit one answer when each has at most {@code mostChildrenEach} children at the longest name.
     */
    static Map<String, List<String>> listEach(CuratorFramework client, List<String> parents, int mostChildrenEach) throws Exception {
        ZooKeeper zk = client.getZookeeperClient().getZooKeeper();
        Map<String, List<String>> out = new ConcurrentHashMap<>();
        if (parents.isEmpty()) return out;
        list(zk, client.getNamespace(), chunks(parents, listingsPerMulti(packetLimit(zk), mostChildrenEach)), out, parents.get(0));
        return out;
    }

    /** Lists the children of each parent of {@code chunks} (one multi per chunk) into {@code out}; absent parents are left out. */
    private static void list(ZooKeeper zk, String ns, List<List<String>> chunks, Map<String, List<String>> out, String what)
            throws Exception {
        readMultis(zk, ns, chunks, Op::getChildren,
                (parent, result) -> out.put(parent, ((OpResult.GetChildrenResult) result).getChildren()), what);
    }

    /** Reads data under a list of parents (checked, as this class's reads are). */
    @FunctionalInterface
    interface Reader {
        List<byte[]> read(List<String> parents) throws Exception;
    }

    /** Parents per listing multi when each has at most {@code mostChildrenEach} children: as many as fit; at least one. */
    static int listingsPerMulti(long packetLimit, int mostChildrenEach) {
        long each = (long) mostChildrenEach * MAX_CHILD_NAME_BYTES + READ_OVERHEAD_BYTES;
        return (int) Math.max(1, (packetLimit - ANSWER_OVERHEAD_BYTES) / each);
    }

    /**
     * Reads per read-only multi for a client that accepts answers up to {@code packetLimit} bytes: as many as
     * fit even when every node read holds {@link #MAX_NODE_BYTES}; at least one.
     */
    static int readsPerMulti(long packetLimit) {
        return (int) Math.max(1, (packetLimit - ANSWER_OVERHEAD_BYTES) / (MAX_NODE_BYTES + READ_OVERHEAD_BYTES));
    }

    /** The largest answer {@code zk} accepts (its {@code jute.maxbuffer}; see {@code ZkClients}). */
    private static long packetLimit(ZooKeeper zk) {
        return zk.getClientConfig().getInt(ZKConfig.JUTE_MAXBUFFER, ZKClientConfig.CLIENT_MAX_PACKET_LENGTH_DEFAULT);
    }

    private static List<List<String>> chunks(List<String> paths, int size) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < paths.size(); i += size) out.add(paths.subList(i, Math.min(paths.size(), i + size)));
        return out;
    }

    /**
     * One read-only multi per chunk, at most {@link #MULTIS_IN_FLIGHT} outstanding, of {@code op} on each path
     * (namespaced here); hands each path's result to {@code accept} (on ZooKeeper's event thread). Paths that do
     * not exist are skipped; any other error is thrown, the first one seen.
     */
    private static void readMultis(ZooKeeper zk, String ns, List<List<String>> chunks, Function<String, Op> op,
                                   BiConsumer<String, OpResult> accept, String what) throws Exception {
        AtomicReference<Exception> failure = new AtomicReference<>();
        Semaphore inFlight = new Semaphore(MULTIS_IN_FLIGHT);
        int issued = 0;
        for (List<String> chunk : chunks) {
            if (failure.get() != null) break;
            if (!inFlight.tryAcquire(TIMEOUT_SECONDS, TimeUnit.SECONDS)) throw slow(what, chunks.size());
            issued++;
            zk.multi(chunk.stream().map(p -> op.apply(ZKPaths.fixForNamespace(ns, p))).toList(), (rc, path, ctx, results) -> {
                try {
                    // a read-only multi answers every op; its overall code is the first op's error (NONODE of a
                    // deleted child or an absent bucket, say), so look at each result
                    if (results == null || results.size() != chunk.size()) {
                        failure.compareAndSet(null, KeeperException.create(KeeperException.Code.get(rc), chunk.get(0)));
                        return;
                    }
                    for (int i = 0; i < results.size(); i++) {
                        OpResult r = results.get(i);
                        if (!(r instanceof OpResult.ErrorResult e)) accept.accept(chunk.get(i), r);
                        else if (e.getErr() != KeeperException.Code.NONODE.intValue()) {
                            failure.compareAndSet(null, KeeperException.create(KeeperException.Code.get(e.getErr()), chunk.get(i)));
                        }
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    inFlight.release();
                }
            }, null);
        }
        // every issued multi answers (or fails with the connection) and gives its permit back
        if (!inFlight.tryAcquire(MULTIS_IN_FLIGHT, TIMEOUT_SECONDS, TimeUnit.SECONDS)) throw slow(what, issued);
        inFlight.release(MULTIS_IN_FLIGHT);
        if (failure.get() != null) throw failure.get();
    }

    private static IllegalStateException slow(String what, int multis) {
        return new IllegalStateException("reading " + multis + " multi(s) under " + what + " took over " + TIMEOUT_SECONDS + " s");
    }
}
