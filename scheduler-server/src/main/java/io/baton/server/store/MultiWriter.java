package io.baton.server.store;

import io.baton.common.zk.ZkPaths;
import io.baton.server.election.LeaderTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooDefs;

/**
 * The writing machinery of {@link RunStore}: its one thread, fenced multis sent in the background with the
 * check of {@code /epoch} as their first op, the futures of writes in flight (failed on close), sizes of ops
 * and the write counters. Callbacks of multis run on the same thread, so the store's thread-confined state
 * needs no locks. Multis from one session reach ZooKeeper in the order sent.
 */
final class MultiWriter implements AutoCloseable {
    /** Code to run on the store's thread. */
    interface Task {
        void run() throws Exception;
    }

    /** Turns a multi that failed for another reason than fencing into the outcome of {@code done}. */
    interface FailureHandler {
        void handle(MultiFailure failure, CompletableFuture<Void> done) throws Exception;
    }

    private final CuratorFramework client;
    private final ExecutorService thread;
    /** Given to Curator for callbacks: once closed, late callbacks are dropped (their futures already failed). */
    private final Executor callbacks;
    private final PendingWrites pending = new PendingWrites();
    private final String pathPrefix;
    private final LongAdder multis = new LongAdder();
    private final LongAdder opsWritten = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder failedMultis = new LongAdder();

    MultiWriter(CuratorFramework client, String threadName) {
        this.client = client;
        this.pathPrefix = client.getNamespace() == null || client.getNamespace().isEmpty() ? "" : "/" + client.getNamespace();
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        this.callbacks = task -> {
            try {
                thread.execute(task);
            } catch (RejectedExecutionException storeClosed) {
                // close() already failed every pending future
            }
        };
    }

    /** A future for a new write, tracked until it completes; already failed if closed. */
    CompletableFuture<Void> open() {
        return pending.open();
    }

    /** Runs {@code body} on the store's thread, failing {@code done} if it throws or the store is closed. */
    void onThread(CompletableFuture<?> done, Task body) {
        try {
            thread.execute(() -> {
                try {
                    body.run();
                } catch (Exception e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(PendingWrites.closedError());
        }
    }

    /**
     * Sends {@code check(/epoch) + ops} as one multi in the background. On commit, counts {@code records},
     * runs {@code onCommit} and completes {@code done}; when the check failed, fails {@code done} with
     * {@link FencedException}; otherwise hands the failure to {@code onFailure}. All on the store's thread.
     *
     * <p>Sent on ZooKeeper's own handle, not through Curator, so a multi that meets a connection loss fails
     * instead of being retried by itself later: retries with random backoff could store the multis of a
     * term out of order (an older run record over a newer one, a later fire decision after an earlier one
     * failed). What one session sent and ZooKeeper stored is always a prefix of what was sent; the term
     * whose write failed ends, and the next one starts from that prefix.
     */
    void send(List<StoreOp> ops, LeaderTerm term, int records, Runnable onCommit, CompletableFuture<Void> done,
              FailureHandler onFailure) throws Exception {
        List<Op> zkOps = new ArrayList<>(1 + ops.size());
        zkOps.add(Op.check(pathPrefix + ZkPaths.EPOCH, term.epochVersion()));
        for (StoreOp op : ops) zkOps.add(toZooKeeper(op));
        long bytes = checkSize() + size(ops);
        client.getZookeeperClient().getZooKeeper().multi(zkOps, (rc, path, ctx, results) -> callbacks.execute(() -> {
            if (rc == KeeperException.Code.OK.intValue()) {
                multis.increment();
                opsWritten.add(records);
                bytesWritten.add(bytes);
                onCommit.run();
                done.complete(null);
                return;
            }
            failedMultis.increment();
            MultiFailure failure = MultiFailure.of(rc, errors(results));
            try {
                if (failure.index() == 0) done.completeExceptionally(new FencedException(term));
                else onFailure.handle(failure, done);
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        }), null);
    }

    /** As {@link #send(List, LeaderTerm, int, Runnable, CompletableFuture, FailureHandler)}, nothing to run on commit. */
    void send(List<StoreOp> ops, LeaderTerm term, int records, CompletableFuture<Void> done, FailureHandler onFailure)
            throws Exception {
        send(ops, term, records, () -> { }, done, onFailure);
    }

    /** The exception for a failure of the multi of {@code ops} (sent by {@link #send}: op 0 is the check). */
    static KeeperException error(MultiFailure failure, List<StoreOp> ops) {
        int op = failure.index() - 1;
        return failure.toException(op >= 0 && op < ops.size() ? ops.get(op).path() : null);
    }

    /** Estimated wire size of one op. */
    long size(StoreOp op) {
        return MultiBudget.opSize(pathPrefix + op.path(), op.data().length);
    }

    long size(List<StoreOp> ops) {
        long sum = 0;
        for (StoreOp op : ops) sum += size(op);
        return sum;
    }

    /** Estimated wire size of the epoch check every multi starts with. */
    long checkSize() {
        return MultiBudget.opSize(pathPrefix + ZkPaths.EPOCH, 0);
    }

    long multis() { return multis.sum(); }

    long opsWritten() { return opsWritten.sum(); }

    long bytesWritten() { return bytesWritten.sum(); }

    long failedMultis() { return failedMultis.sum(); }

    /** Stops the thread and fails writes still in flight. Idempotent. */
    @Override
    public void close() {
        if (pending.close()) thread.shutdownNow();
    }

    private Op toZooKeeper(StoreOp op) {
        String path = pathPrefix + op.path();
        return switch (op.kind()) {
            case CREATE -> Op.create(path, op.data(), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            case SET_DATA -> Op.setData(path, op.data(), -1);
            case DELETE -> Op.delete(path, -1);
        };
    }

    private static List<Integer> errors(List<OpResult> results) {
        if (results == null) return List.of();
        return results.stream().map(r -> r instanceof OpResult.ErrorResult e ? e.getErr() : KeeperException.Code.OK.intValue()).toList();
    }
}
