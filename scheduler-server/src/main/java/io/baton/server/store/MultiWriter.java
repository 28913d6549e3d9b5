package io.baton.server.store;

import io.baton.common.zk.ZkPaths;
import io.baton.server.election.LeaderTerm;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writing machinery of {@link RunStore}: its one thread, fenced multis sent in the background with the
 * check of {@code /epoch} as their first op and the version-checked write of {@code /store-sequence} as
 * their second ({@link StoreSequence}), the futures of writes in flight (failed on close), sizes of ops and
 * the write counters. Callbacks of multis run on the same thread, so the store's thread-confined state
 * needs no locks.
 *
 * <p>Multis go on ZooKeeper's own handle, not through Curator: Curator retries each failed operation on its
 * own after a random backoff, which could store one term's multis out of order. Order is kept by the
 * sequence node instead: each multi checks the version the one before it leaves, so a multi stores only
 * after every earlier one stored or was refused. A multi that meets a connection loss is <em>in doubt</em>
 * (maybe stored, maybe not). It and everything after it wait; once connected, the writer reads the
 * sequence node, completes those that were stored and sends the others again, in order, with the same
 * term. A leader therefore rides out the loss of the ZooKeeper server it was connected to without a new
 * term. Only when the session is lost do in-doubt writes fail with their connection-loss error. One writer
 * serves a term (one {@code RunStore} per node, one leader per epoch): the settling relies on it.
 */
final class MultiWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MultiWriter.class);
    /** How often a writer with multis in doubt tries to settle them while the connection is not back. */
    private static final long RESOLVE_RETRY_MILLIS = 50;

    /** Code to run on the store's thread. */
    interface Task {
        void run() throws Exception;
    }

    /** Turns a multi that failed for another reason than fencing into the outcome of {@code done}. */
    interface FailureHandler {
        void handle(MultiFailure failure, CompletableFuture<Void> done) throws Exception;
    }

    /**
     * A multi asked for: its ops (without the check and the sequence ops), what to do with its outcome and the
     * write it must follow ({@code after}, null: none): if that one fails, this one is not stored either.
     */
    private record Request(List<StoreOp> ops, LeaderTerm term, int records, long bytes, Runnable onCommit,
                           CompletableFuture<Void> done, FailureHandler onFailure, CompletableFuture<Void> after) {
        /** The write this one follows failed: this one must not be sent (again). */
        boolean orphaned() {
            return after != null && after.isCompletedExceptionally();
        }
    }

    /** A request as sent: its multi number and the sequence version it checked. */
    private record Sent(Request request, long number, int version, int sequenceOps) {}

    private final CuratorFramework client;
    private final ScheduledExecutorService thread;
    /** Given to Curator for callbacks: once closed, late callbacks are dropped (their futures already failed). */
    private final Executor callbacks;
    private final PendingWrites pending = new PendingWrites();
    private final String pathPrefix;
    private final int pathPrefixBytes;
    /** {@code /} + the two hex digits of a bucket + {@code /}. */
    private static final int BUCKET_SEGMENT_BYTES = 4;
    private final String sequencePath;
    private final StoreSequence sequence;
    private final long writerId = new SplittableRandom().nextLong();
    private final ConnectionStateListener connectionListener;
    private final LongAdder multis = new LongAdder();
    private final LongAdder opsWritten = new LongAdder();
    private final LongAdder bytesWritten = new LongAdder();
    private final LongAdder failedMultis = new LongAdder();
    private final LongAdder settledStored = new LongAdder();
    private final LongAdder settledResent = new LongAdder();

    // store thread only
    /** Requests not sent yet, in order: while anything is in doubt or a failure is being settled, all wait here. */
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    /** Sent multis whose outcome must be settled before anything else is sent, by multi number. */
    private final TreeMap<Long, Parked> parked = new TreeMap<>();
    private int outstanding;
    /** No new multi is sent until every outstanding one called back and {@link #settle()} ran. */
    private boolean blocked;
    /** The sequence version the next multi checks; empty when it must be read first. */
    private Optional<Integer> nextVersion = Optional.empty();
    private LeaderTerm lastTerm;
    private long lastNumber;
    private boolean settleScheduled;
    /** The stored jobs and active runs as this writer's commits left them (see {@link StoreMirror}). */
    private final StoreMirror mirror;
    /** Callers waiting for the writer to have nothing in flight or waiting, for a snapshot of the mirror. */
    private final List<CompletableFuture<Optional<StoreMirror.Snapshot>>> idleWaiters = new ArrayList<>();

    /** A sent multi waiting for {@link #settle()}: in doubt (connection loss) or refused by the sequence check. */
    private record Parked(Sent sent, boolean inDoubt) {}

    MultiWriter(CuratorFramework client, String threadName) {
        this(client, threadName, StoreSequence.DEFAULT_WRAP_AT, 0);
    }

    /** @param wrapAt the sequence version at which the node is recreated (small in tests) */
    MultiWriter(CuratorFramework client, String threadName, int wrapAt) {
        this(client, threadName, wrapAt, 0);
    }

    /**
     * @param wrapAt the sequence version at which the node is recreated (small in tests)
     * @param mirrorBytes the most record bytes the writer's {@link StoreMirror} holds (0: it holds none)
     */
    MultiWriter(CuratorFramework client, String threadName, int wrapAt, long mirrorBytes) {
        this.client = client;
        this.mirror = new StoreMirror(mirrorBytes);
        this.pathPrefix = client.getNamespace() == null || client.getNamespace().isEmpty() ? "" : "/" + client.getNamespace();
        this.pathPrefixBytes = MultiBudget.utf8Length(pathPrefix);
        this.sequencePath = pathPrefix + ZkPaths.STORE_SEQUENCE;
        this.sequence = new StoreSequence(wrapAt);
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
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
        this.connectionListener = (c, state) -> {
            if (state == ConnectionState.RECONNECTED || state == ConnectionState.CONNECTED) callbacks.execute(() -> settleIfIdle());
            else if (state == ConnectionState.LOST) callbacks.execute(this::sessionLost);
        };
        client.getConnectionStateListenable().addListener(connectionListener);
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
     * Sends {@code check(/epoch) + sequence + ops} as one multi in the background, after every multi asked
     * for before it. On commit, counts {@code records}, runs {@code onCommit} and completes {@code done};
     * when the epoch check failed, fails {@code done} with {@link FencedException}; otherwise hands the
     * failure to {@code onFailure} (its op index counts the check as op 0, as if there were no sequence
     * ops). A connection loss is not a failure: the multi is settled once connected (see the class comment).
     * Must be called on the store's thread.
     */
    void send(List<StoreOp> ops, LeaderTerm term, int records, Runnable onCommit, CompletableFuture<Void> done,
              FailureHandler onFailure) {
        send(ops, term, records, onCommit, done, onFailure, null);
    }

    /**
     * As {@link #send(List, LeaderTerm, int, Runnable, CompletableFuture, FailureHandler)}, for a write that must
     * not be stored unless {@code after} (the future of a write sent to this writer before it) is: it is sent at
     * once, without waiting for {@code after}'s outcome (multis store in the order sent, so it is refused if
     * {@code after} was); when {@code after} failed, it is not sent (again) but fails with
     * {@link EarlierWriteFailedException}.
     */
    void send(List<StoreOp> ops, LeaderTerm term, int records, Runnable onCommit, CompletableFuture<Void> done,
              FailureHandler onFailure, CompletableFuture<Void> after) {
        waiting.add(new Request(List.copyOf(ops), term, records, checkSize() + size(ops), onCommit, done, onFailure, after));
        drain();
    }

    /** As {@link #send(List, LeaderTerm, int, Runnable, CompletableFuture, FailureHandler)}, nothing to run on commit. */
    void send(List<StoreOp> ops, LeaderTerm term, int records, CompletableFuture<Void> done, FailureHandler onFailure) {
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

    /**
     * As {@link #size(StoreOp)} for a create or setData of {@code dataLength} bytes on a bucketed record
     * {@code root/{b}/name} ({@link ZkPaths#bucketOf}), without building the path or the data: a leader sizes
     * every record it decides before it writes it.
     */
    long sizeOfBucketed(String root, String name, int dataLength) {
        int path = pathPrefixBytes + MultiBudget.utf8Length(root) + BUCKET_SEGMENT_BYTES + MultiBudget.utf8Length(name);
        return MultiBudget.opSizeOfPathBytes(path, dataLength);
    }

    long size(List<StoreOp> ops) {
        long sum = 0;
        for (StoreOp op : ops) sum += size(op);
        return sum;
    }

    /** Estimated wire size of what every multi starts with: the epoch check and the sequence write. */
    long checkSize() {
        return MultiBudget.opSize(pathPrefix + ZkPaths.EPOCH, 0) + sequenceSize();
    }

    private long sequenceSize() {
        return 2L * MultiBudget.opSize(sequencePath, StoreSequence.Mark.BYTES);
    }

    long multis() { return multis.sum(); }

    long opsWritten() { return opsWritten.sum(); }

    long bytesWritten() { return bytesWritten.sum(); }

    long failedMultis() { return failedMultis.sum(); }

    /** Multis in doubt after a connection loss that turned out stored. */
    long settledStored() { return settledStored.sum(); }

    /** Multis sent again because a connection loss or an earlier refused multi kept them from being stored. */
    long settledResent() { return settledResent.sum(); }

    /** Starts the mirror over from what a term starts from; call on the store's thread before the term's first write. */
    void seedMirror(java.util.Collection<io.baton.proto.v1.JobRecord> jobs, java.util.Collection<io.baton.proto.v1.RunRecord> runs,
                    long storeZxid, int storeVersion) {
        mirror.seed(jobs, runs, storeZxid, storeVersion);
    }

    /**
     * For a term that has ended ({@code term}): its writes not sent yet are dropped (failed with
     * {@link FencedException}: once the term is handed on they would be fenced anyway), and once the multis in
     * flight have called back, the stored jobs and active runs as the writer's commits left them, when it knows
     * them exactly (see {@link StoreMirror}). Empty when it does not, or when the writer closes.
     */
    CompletableFuture<Optional<StoreMirror.Snapshot>> snapshotEnding(LeaderTerm term) {
        CompletableFuture<Optional<StoreMirror.Snapshot>> out = new CompletableFuture<>();
        onThread(out, () -> {
            for (java.util.Iterator<Request> it = waiting.iterator(); it.hasNext(); ) {
                Request r = it.next();
                if (!r.term().equals(term)) continue;
                it.remove();
                r.done().completeExceptionally(new FencedException(term));
            }
            idleWaiters.add(out);
            answerIdleWaiters();
        });
        return out;
    }

    private void answerIdleWaiters() {
        if (idleWaiters.isEmpty() || outstanding > 0 || !waiting.isEmpty()) return;
        Optional<StoreMirror.Snapshot> snapshot = blocked || !parked.isEmpty() ? Optional.empty() : mirror.snapshot();
        idleWaiters.forEach(w -> w.complete(snapshot));
        idleWaiters.clear();
    }

    /** Stops the thread and fails writes still in flight. Idempotent. */
    @Override
    public void close() {
        if (!pending.close()) return;
        // on the caller's thread: the store's is stopping; a waiter completed twice keeps its first answer
        List.copyOf(idleWaiters).forEach(w -> w.complete(Optional.empty()));
        client.getConnectionStateListenable().removeListener(connectionListener);
        thread.shutdownNow();
    }

    // ---------------------------------------------------------------- sending and settling (store thread)

    /** Sends waiting requests in order while nothing needs settling. */
    private void drain() {
        while (!blocked && parked.isEmpty() && !waiting.isEmpty()) {
            Request next = waiting.peek();
            if (next.done().isDone()) { // failed meanwhile (store closed)
                waiting.poll();
                continue;
            }
            if (next.orphaned()) {
                waiting.poll();
                next.done().completeExceptionally(new EarlierWriteFailedException());
                continue;
            }
            if (nextVersion.isEmpty() || !next.term().equals(lastTerm)) {
                // the version must be read first: settling reads it (once the multis in flight have called
                // back, retrying while ZooKeeper cannot be read) and drains again
                lastTerm = next.term();
                nextVersion = Optional.empty();
                blocked = true;
                settleIfIdle();
                return;
            }
            waiting.poll();
            dispatch(next);
        }
    }

    private void dispatch(Request r) {
        int version = nextVersion.orElseThrow();
        long number = ++lastNumber;
        byte[] mark = new StoreSequence.Mark(writerId, number).toBytes();
        List<Op> zkOps = new ArrayList<>(3 + r.ops().size());
        zkOps.add(Op.check(pathPrefix + ZkPaths.EPOCH, r.term().epochVersion()));
        if (sequence.recreates(version)) {
            zkOps.add(Op.delete(sequencePath, version));
            zkOps.add(Op.create(sequencePath, mark, ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        } else {
            zkOps.add(Op.setData(sequencePath, mark, version));
        }
        int sequenceOps = zkOps.size() - 1;
        for (StoreOp op : r.ops()) zkOps.add(toZooKeeper(op));
        nextVersion = Optional.of(sequence.next(version));
        Sent sent = new Sent(r, number, version, sequenceOps);
        outstanding++;
        try {
            zooKeeper().multi(zkOps, (rc, path, ctx, results) -> callbacks.execute(() -> completed(sent, rc, results)), null);
        } catch (RuntimeException e) {
            outstanding--;
            nextVersion = Optional.empty();
            r.done().completeExceptionally(e);
        }
    }

    private void completed(Sent sent, int rc, List<OpResult> results) {
        outstanding--;
        Request r = sent.request();
        if (rc == KeeperException.Code.OK.intValue()) {
            Stat sequenceStat = sequenceStat(results, sent.sequenceOps());
            mirror.committed(r.ops(), sequenceStat == null ? 0 : sequenceStat.getMzxid(), sequenceStat == null ? 0 : sequenceStat.getVersion());
            committed(r);
        } else {
            mirror.spoiled();
            failedMultis.increment();
            List<Integer> errors = errors(results);
            MultiFailure whole = MultiFailure.of(rc, errors);
            if (whole.index() < 0 && isInDoubt(whole.code())) {
                park(sent, true);
            } else if (whole.index() < 0 && whole.code() == KeeperException.Code.SESSIONMOVED) {
                park(sent, false); // sent on a connection the session had left: not stored
            } else if (whole.index() >= 1 && whole.index() <= sent.sequenceOps()) {
                park(sent, false); // an earlier multi was not stored (or another writer wrote)
            } else {
                // refused (fencing, an op's own condition) or failed as a whole (e.g. session expired): not
                // stored, so the sequence version was not used; multis sent after it will be refused too
                nextVersion = Optional.empty();
                blocked = true;
                failed(r, whole.index() < 0 ? whole : MultiFailure.of(rc, withoutSequence(errors, sent.sequenceOps())));
            }
        }
        if (!settleIfIdle()) drain();
        answerIdleWaiters();
    }

    /** The Stat the multi left on /store-sequence, from its setData result; null when it recreated the node instead. */
    private static Stat sequenceStat(List<OpResult> results, int sequenceOps) {
        if (sequenceOps != 1 || results == null || results.size() < 2) return null;
        return results.get(1) instanceof OpResult.SetDataResult set ? set.getStat() : null;
    }

    private void committed(Request r) {
        multis.increment();
        opsWritten.add(r.records());
        bytesWritten.add(r.bytes());
        r.onCommit().run();
        r.done().complete(null);
    }

    private void failed(Request r, MultiFailure failure) {
        try {
            if (failure.index() == 0) r.done().completeExceptionally(new FencedException(r.term()));
            else r.onFailure().handle(failure, r.done());
        } catch (Exception e) {
            r.done().completeExceptionally(e);
        }
    }

    private void park(Sent sent, boolean inDoubt) {
        parked.put(sent.number(), new Parked(sent, inDoubt));
        nextVersion = Optional.empty();
        blocked = true;
    }

    /** Settles when nothing is in flight and something waits to be settled; whether it did. */
    private boolean settleIfIdle() {
        if (outstanding > 0 || (!blocked && parked.isEmpty())) return false;
        settle();
        return true;
    }

    /**
     * With nothing in flight: reads the sequence node; completes the parked multis it shows stored; puts the
     * others back in front of the waiting ones, in order, to be sent again with fresh versions. Retried
     * later if ZooKeeper cannot be read now.
     */
    private void settle() {
        settleScheduled = false;
        Stat stat = new Stat();
        Optional<StoreSequence.Mark> mark;
        try {
            mark = readMark(stat);
        } catch (KeeperException e) {
            scheduleSettle();
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        List<Request> again = new ArrayList<>();
        int orphaned = 0;
        for (Parked p : parked.values()) {
            Request r = p.sent().request();
            if (p.inDoubt() && StoreSequence.stored(writerId, p.sent().number(), mark)) {
                settledStored.increment();
                committed(r);
            } else if (r.orphaned()) {
                // not stored, and the write it follows failed (earlier in this loop or before): not sent again
                orphaned++;
                r.done().completeExceptionally(new EarlierWriteFailedException());
            } else {
                again.add(r);
            }
        }
        if (!parked.isEmpty()) log.info("settled {} store multis after a connection loss or a refused write: {} stored, {} to send again, {} dropped after an earlier write failed",
                parked.size(), parked.size() - again.size() - orphaned, again.size(), orphaned);
        parked.clear();
        settledResent.add(again.size());
        for (int i = again.size() - 1; i >= 0; i--) waiting.addFirst(again.get(i));
        nextVersion = Optional.of(stat.getVersion());
        blocked = false;
        drain();
        answerIdleWaiters();
    }

    private void scheduleSettle() {
        if (settleScheduled) return;
        settleScheduled = true;
        try {
            thread.schedule(() -> {
                settleScheduled = false;
                settleIfIdle();
            }, RESOLVE_RETRY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // futures already failed
        }
    }

    /** The session is gone: what is in doubt or waiting belongs to a term that has ended. */
    private void sessionLost() {
        mirror.spoiled();
        KeeperException lost = KeeperException.create(KeeperException.Code.CONNECTIONLOSS);
        for (Parked p : parked.values()) p.sent().request().done().completeExceptionally(lost);
        for (Request r : waiting) r.done().completeExceptionally(lost);
        if (!parked.isEmpty() || !waiting.isEmpty()) {
            log.warn("ZooKeeper session lost: {} store multis in doubt and {} waiting failed", parked.size(), waiting.size());
        }
        parked.clear();
        waiting.clear();
        nextVersion = Optional.empty();
        blocked = outstanding > 0;
    }

    /** Reads the sequence node (creating it when absent) into {@code stat}; its mark if it has one. */
    private Optional<StoreSequence.Mark> readMark(Stat stat) throws KeeperException, InterruptedException {
        ZooKeeper zk = zooKeeper();
        try {
            return StoreSequence.Mark.parse(zk.getData(sequencePath, false, stat));
        } catch (KeeperException.NoNodeException absent) {
            try {
                zk.create(sequencePath, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            } catch (KeeperException.NodeExistsException raced) {
                // created meanwhile
            }
            return StoreSequence.Mark.parse(zk.getData(sequencePath, false, stat));
        }
    }

    private ZooKeeper zooKeeper() {
        try {
            return client.getZookeeperClient().getZooKeeper();
        } catch (Exception e) {
            throw new IllegalStateException("no ZooKeeper handle: " + e, e);
        }
    }

    private static boolean isInDoubt(KeeperException.Code code) {
        return code == KeeperException.Code.CONNECTIONLOSS || code == KeeperException.Code.OPERATIONTIMEOUT;
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

    /** Per-op errors as if the multi were {@code check + ops}: the sequence ops (after the check) left out. */
    private static List<Integer> withoutSequence(List<Integer> errors, int sequenceOps) {
        if (errors.size() <= 1) return errors;
        List<Integer> out = new ArrayList<>(errors.size() - sequenceOps);
        out.add(errors.get(0));
        out.addAll(errors.subList(Math.min(errors.size(), 1 + sequenceOps), errors.size()));
        return out;
    }
}
