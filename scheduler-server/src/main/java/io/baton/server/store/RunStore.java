package io.baton.server.store;

import com.google.protobuf.InvalidProtocolBufferException;
import io.baton.common.zk.ZkPaths;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RunRecord;
import io.baton.server.election.LeaderTerm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.zookeeper.KeeperException;

/**
 * Run records under {@link ZkPaths#RUNS}, written in group commits: many runs per ZooKeeper multi, each
 * multi fenced by the writer's {@link LeaderTerm} (check of {@code /epoch} first). Writes are asynchronous
 * and never block the caller; their futures complete on this store's own thread, so dependents must only
 * hand work on (the coordinator enqueues). Multis from one store reach ZooKeeper in call order (one
 * session, FIFO), so a later write of a run wins. Reads are synchronous. Owned by {@code SchedulerNode}.
 */
public final class RunStore implements AutoCloseable {
    /** How a failed multi is turned into the outcome of the caller's future. */
    private interface FailureHandler {
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
    private volatile boolean parentsExist;

    public RunStore(CuratorFramework client) {
        this.client = client;
        this.pathPrefix = client.getNamespace() == null || client.getNamespace().isEmpty() ? "" : "/" + client.getNamespace();
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "baton-run-store");
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

    /**
     * Creates {@code runs} and replaces {@code jobs} (to store each job's last fire with its runs) in ONE
     * fenced multi. Fails with {@link FencedException}, with {@link RunAlreadyExistsException} when a run id
     * is taken (nothing is written), or with {@link IllegalArgumentException} when the multi would exceed
     * ZooKeeper's request limit (nothing is sent). A repeat of a create that already committed (e.g. a retry
     * after connection loss) succeeds: every run exists with exactly the bytes given.
     */
    public CompletableFuture<Void> create(List<RunRecord> runs, List<JobRecord> jobs, LeaderTerm term) {
        if (runs.isEmpty() && jobs.isEmpty()) return CompletableFuture.completedFuture(null);
        List<Entry> created = runs.stream().map(r -> new Entry(ZkPaths.run(r.getRunId()), r.toByteArray())).toList();
        List<Entry> replaced = jobs.stream().map(j -> new Entry(ZkPaths.job(j.getSpec().getName()), j.toByteArray())).toList();
        long bytes = checkSize() + sizeOf(created) + sizeOf(replaced);
        if (bytes > MultiBudget.HARD_LIMIT) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("creating " + runs.size() + " runs takes ~"
                    + bytes + " bytes, over the " + MultiBudget.HARD_LIMIT + "-byte limit of one ZooKeeper multi"));
        }
        CompletableFuture<Void> done = pending.open();
        onThread(done, () -> {
            List<CuratorOp> ops = new ArrayList<>(1 + created.size() + replaced.size());
            ops.add(epochCheck(term));
            for (Entry e : created) ops.add(client.transactionOp().create().forPath(e.path(), e.data()));
            for (Entry e : replaced) ops.add(client.transactionOp().setData().forPath(e.path(), e.data()));
            submit(ops, created.size() + replaced.size(), bytes, done,
                    (failure, future) -> createFailed(failure, ops, runs, created, term, future));
        });
        return done;
    }

    private void createFailed(MultiFailure failure, List<CuratorOp> ops, List<RunRecord> runs, List<Entry> created,
                              LeaderTerm term, CompletableFuture<Void> done) throws Exception {
        int runIndex = failure.index() - 1; // op 0 is the epoch check
        if (failure.index() == 0) {
            done.completeExceptionally(new FencedException(term));
        } else if (failure.code() == KeeperException.Code.NODEEXISTS && runIndex >= 0 && runIndex < created.size()) {
            if (alreadyStored(created)) done.complete(null);
            else done.completeExceptionally(new RunAlreadyExistsException(runs.get(runIndex).getRunId()));
        } else {
            done.completeExceptionally(failure.toException(pathOf(ops, failure)));
        }
    }

    /**
     * Replaces the stored runs (they must exist) in as few fenced multis as fit under ZooKeeper's request
     * limit, each about {@link MultiBudget#CHUNK_TARGET} bytes at most and each with its own epoch check.
     * Completes when all chunks committed; fails with {@link FencedException} if any chunk was fenced (earlier
     * chunks may have committed: a group commit is atomic per chunk, not as a whole).
     */
    public CompletableFuture<Void> write(List<RunRecord> runs, LeaderTerm term) {
        if (runs.isEmpty()) return CompletableFuture.completedFuture(null);
        List<Entry> entries = new ArrayList<>(runs.size());
        for (RunRecord run : runs) {
            Entry e = new Entry(ZkPaths.run(run.getRunId()), run.toByteArray());
            if (checkSize() + e.size(this) > MultiBudget.HARD_LIMIT) {
                return CompletableFuture.failedFuture(new IllegalArgumentException(
                        "run " + run.getRunId() + " is too large for ZooKeeper: " + e.data().length + " bytes"));
            }
            entries.add(e);
        }
        List<List<Entry>> chunks = MultiBudget.chunk(entries, e -> e.size(this), MultiBudget.CHUNK_TARGET - checkSize());
        List<CompletableFuture<Void>> parts = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) parts.add(pending.open());
        CompletableFuture<Void> all = PendingWrites.allOf(parts);
        // One task submits every chunk, so the chunks reach ZooKeeper in order and unbroken by other writes.
        onThread(all, () -> {
            for (int i = 0; i < chunks.size(); i++) {
                try {
                    writeChunk(chunks.get(i), term, parts.get(i));
                } catch (Exception e) {
                    parts.get(i).completeExceptionally(e);
                }
            }
        });
        return all;
    }

    private void writeChunk(List<Entry> chunk, LeaderTerm term, CompletableFuture<Void> done) throws Exception {
        List<CuratorOp> ops = new ArrayList<>(1 + chunk.size());
        ops.add(epochCheck(term));
        long bytes = checkSize();
        for (Entry e : chunk) {
            ops.add(client.transactionOp().setData().forPath(e.path(), e.data()));
            bytes += e.size(this);
        }
        submit(ops, chunk.size(), bytes, done, (failure, future) -> future.completeExceptionally(
                failure.index() == 0 ? new FencedException(term) : failure.toException(pathOf(ops, failure))));
    }

    public Optional<RunRecord> get(String runId) {
        try {
            return Optional.of(RunRecord.parseFrom(client.getData().forPath(ZkPaths.run(runId))));
        } catch (KeeperException.NoNodeException absent) {
            return Optional.empty();
        } catch (Exception e) {
            throw failed("reading run " + runId, e);
        }
    }

    /** Every stored run, in run id order; a new leader recovers from this. */
    public List<RunRecord> loadAll() {
        try {
            List<RunRecord> out = new ArrayList<>();
            for (byte[] data : ChildReader.readAll(client, ZkPaths.RUNS)) out.add(RunRecord.parseFrom(data));
            return out;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a stored run record is unreadable", e);
        } catch (Exception e) {
            throw failed("loading runs", e);
        }
    }

    /** Stored runs of one job. Reads every run: fine while runs are few; an index would replace it. */
    public List<RunRecord> listForJob(String jobName) {
        return loadAll().stream().filter(r -> r.getJobName().equals(jobName)).toList();
    }

    /** Multis committed (group commits plus run creations). */
    public long multis() { return multis.sum(); }

    /** Records written by committed multis (runs created or replaced, job records replaced; checks excluded). */
    public long opsWritten() { return opsWritten.sum(); }

    /** Estimated request bytes of committed multis. */
    public long bytesWritten() { return bytesWritten.sum(); }

    /** Multis that failed (fenced, run already exists, connection lost). */
    public long failedMultis() { return failedMultis.sum(); }

    /** Stops the store's thread and fails writes still in flight (they may or may not have committed). Idempotent. */
    @Override
    public void close() {
        if (pending.close()) thread.shutdownNow();
    }

    // ---------------------------------------------------------------- plumbing

    /** One record to write: its path and bytes. */
    private record Entry(String path, byte[] data) {
        long size(RunStore store) { return store.opSize(path, data.length); }
    }

    private void submit(List<CuratorOp> ops, int records, long bytes, CompletableFuture<Void> done,
                        FailureHandler onFailure) throws Exception {
        client.transaction().inBackground((c, event) -> {
            if (event.getResultCode() == KeeperException.Code.OK.intValue()) {
                multis.increment();
                opsWritten.add(records);
                bytesWritten.add(bytes);
                done.complete(null);
                return;
            }
            failedMultis.increment();
            try {
                onFailure.handle(MultiFailure.of(event.getResultCode(), errors(event.getOpResults())), done);
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        }, callbacks).forOperations(ops);
    }

    /** Whether every run already exists with exactly these bytes: our own create committed before. */
    private boolean alreadyStored(List<Entry> created) throws Exception {
        for (Entry e : created) {
            try {
                if (!Arrays.equals(client.getData().forPath(e.path()), e.data())) return false;
            } catch (KeeperException.NoNodeException absent) {
                return false;
            }
        }
        return true;
    }

    private CuratorOp epochCheck(LeaderTerm term) throws Exception {
        return client.transactionOp().check().withVersion(term.epochVersion()).forPath(ZkPaths.EPOCH);
    }

    private void ensureParents() throws Exception {
        if (parentsExist) return;
        for (String parent : List.of(ZkPaths.RUNS, ZkPaths.JOBS)) {
            try {
                client.create().creatingParentsIfNeeded().forPath(parent);
            } catch (KeeperException.NodeExistsException fine) {
                // already there
            }
        }
        parentsExist = true;
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Runs {@code body} on the store's thread (after making sure the parents exist), failing {@code done} if it throws. */
    private void onThread(CompletableFuture<Void> done, ThrowingRunnable body) {
        try {
            thread.execute(() -> {
                try {
                    ensureParents();
                    body.run();
                } catch (Exception e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(PendingWrites.closedError());
        }
    }

    private long sizeOf(List<Entry> entries) {
        return entries.stream().mapToLong(e -> e.size(this)).sum();
    }

    private long checkSize() {
        return opSize(ZkPaths.EPOCH, 0);
    }

    private long opSize(String path, int dataLength) {
        return MultiBudget.opSize(pathPrefix + path, dataLength);
    }

    private static String pathOf(List<CuratorOp> ops, MultiFailure failure) {
        return failure.index() < 0 ? null : ops.get(failure.index()).getTypeAndPath().getForPath();
    }

    private static List<Integer> errors(List<CuratorTransactionResult> results) {
        return results == null ? List.of() : results.stream().map(CuratorTransactionResult::getError).toList();
    }

    private static IllegalStateException failed(String what, Exception cause) {
        if (cause instanceof InterruptedException) Thread.currentThread().interrupt();
        return new IllegalStateException(what + " failed: " + cause, cause);
    }
}
