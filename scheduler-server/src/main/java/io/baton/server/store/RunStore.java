package io.baton.server.store;

import com.google.protobuf.InvalidProtocolBufferException;
import io.baton.common.zk.RunIds;
import io.baton.common.zk.ZkPaths;
import io.baton.proto.v1.HistoryPolicy;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.server.election.LeaderTerm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * Run records: active runs (running, queued) under {@link ZkPaths#RUNS}, finished runs under
 * {@link ZkPaths#history(String)}, bounded per job by {@link #prune}. Written in group commits: many runs
 * per ZooKeeper multi, each multi fenced by the writer's {@link LeaderTerm} (check of {@code /epoch} first).
 * Writes are asynchronous and never block the caller; their futures complete on this store's own thread,
 * so dependents must only hand work on (the coordinator enqueues). Multis from one store reach ZooKeeper in
 * call order (one session, FIFO), so a later write of a run wins. Reads are synchronous. Owned by
 * {@code SchedulerNode}.
 */
public final class RunStore implements AutoCloseable {
    private static final Comparator<RunRecord> BY_FIRE_TIME =
            Comparator.comparingLong(RunRecord::getFireTimeMillis).thenComparing(RunRecord::getRunId);

    private final CuratorFramework client;
    private final MultiWriter writer;
    private final HistoryDeleter deleter;
    /** Synchronous reads that decide a write (history listings for pruning), kept off the store thread. */
    private final java.util.concurrent.ExecutorService reads = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "baton-run-store-reads");
        t.setDaemon(true);
        return t;
    });
    /** Jobs whose {@code /history/{job}} node is known to exist. Store thread only. */
    private final Set<String> historyParents = new HashSet<>();
    /** Store thread only. */
    private boolean parentsExist;

    /**
     * The most record bytes a leader keeps to hand its successor (see {@link #beginTerm}): the snapshot goes in
     * one RPC frame (4 MiB by default). A store larger than this is read by the successor, as without one.
     */
    public static final long SNAPSHOT_MAX_BYTES = 3L << 20;

    public RunStore(CuratorFramework client) {
        this.client = client;
        this.writer = new MultiWriter(client, "baton-run-store", StoreSequence.DEFAULT_WRAP_AT, SNAPSHOT_MAX_BYTES);
        this.deleter = new HistoryDeleter(client, writer);
    }

    /**
     * Creates {@code runs} and replaces {@code jobs} (to store each job's last fire with its runs) in ONE
     * fenced multi. Fails with {@link FencedException}, with {@link RunAlreadyExistsException} when a run id
     * is taken by an active run (nothing is written), or with {@link IllegalArgumentException} when the
     * multi would exceed ZooKeeper's request limit (nothing is sent). A repeat of a create that already
     * committed (e.g. a retry after connection loss) succeeds: every run exists with exactly the bytes given.
     * History is not looked at: that no run id comes round again after its run finished is kept by the job
     * record written in the same multi (its last fire, its last manual fire), which decisions never go behind.
     */
    public CompletableFuture<Void> create(List<RunRecord> runs, List<JobRecord> jobs, LeaderTerm term) {
        return create(runs, jobs, term, null);
    }

    /**
     * As {@link #create(List, List, LeaderTerm)}, sent at once but stored only if {@code after} (the future of an
     * earlier create of this store, null: none) is: when that one fails, this one writes nothing and fails with
     * {@link EarlierWriteFailedException}. So fire decisions can be pipelined (several creates in flight) and
     * still never be stored past one that was not: a job's last fire never moves over runs that were not stored.
     */
    public CompletableFuture<Void> create(List<RunRecord> runs, List<JobRecord> jobs, LeaderTerm term, CompletableFuture<Void> after) {
        if (runs.isEmpty() && jobs.isEmpty()) return CompletableFuture.completedFuture(null);
        List<StoreOp> ops = new ArrayList<>(runs.size() + jobs.size());
        for (RunRecord run : runs) ops.add(creationOp(run));
        for (JobRecord job : jobs) ops.add(jobOp(job));
        long bytes = writer.checkSize() + writer.size(ops);
        if (bytes > MultiBudget.HARD_LIMIT) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("creating " + runs.size() + " runs takes ~"
                    + bytes + " bytes, over the " + MultiBudget.HARD_LIMIT + "-byte limit of one ZooKeeper multi"));
        }
        CompletableFuture<Void> done = writer.open();
        onThread(done, () -> writer.send(ops, term, runs.size() + jobs.size(), () -> { }, done,
                (failure, future) -> createFailed(failure, ops, runs, future), after));
        return done;
    }

    /** What creating {@code run} adds to a {@link #create} multi, in bytes (an estimate on the large side). */
    public long creationBytes(RunRecord run) {
        return writer.sizeOfBucketed(ZkPaths.RUNS, run.getRunId(), run.getSerializedSize());
    }

    /** What replacing {@code job} adds to a {@link #create} multi, in bytes (an estimate on the large side). */
    public long jobBytes(JobRecord job) {
        return writer.sizeOfBucketed(ZkPaths.JOBS, job.getSpec().getName(), job.getSerializedSize());
    }

    /** The largest {@link #create} multi to aim for: {@link #creationBytes} and {@link #jobBytes} of its records summed. */
    public static long creationTarget() {
        return MultiBudget.CHUNK_TARGET;
    }

    private static StoreOp creationOp(RunRecord run) {
        return StoreOp.create(ZkPaths.run(run.getRunId()), run.toByteArray());
    }

    private static StoreOp jobOp(JobRecord job) {
        return StoreOp.setData(ZkPaths.job(job.getSpec().getName()), job.toByteArray());
    }

    private void createFailed(MultiFailure failure, List<StoreOp> ops, List<RunRecord> runs, CompletableFuture<Void> done)
            throws Exception {
        int op = failure.index() - 1; // op 0 is the epoch check
        if (failure.code() == KeeperException.Code.NODEEXISTS && op >= 0 && op < runs.size()) {
            if (alreadyStored(runs)) done.complete(null);
            else done.completeExceptionally(new RunAlreadyExistsException(runs.get(op).getRunId()));
        } else {
            done.completeExceptionally(MultiWriter.error(failure, ops));
        }
    }

    /**
     * One group commit: replaces {@code jobs} and the active ones of {@code runs} (they must exist under
     * {@code /runs}) and moves the finished ones to {@code /history/{job}} (delete from {@code /runs} and create
     * in history, in the same multi). The caller passes a finished run at most once. Uses as few fenced multis
     * as fit, each about {@link MultiBudget#CHUNK_TARGET} bytes at most and each with its own epoch check.
     * Completes when all chunks committed; fails with {@link FencedException} if any chunk was fenced (earlier
     * chunks may have committed: a group commit is atomic per chunk, not as a whole).
     */
    public CompletableFuture<Void> write(List<RunRecord> runs, List<JobRecord> jobs, LeaderTerm term) {
        if (runs.isEmpty() && jobs.isEmpty()) return CompletableFuture.completedFuture(null);
        List<Change> changes = new ArrayList<>(runs.size() + jobs.size());
        Set<String> finishedJobs = new LinkedHashSet<>();
        for (RunRecord run : runs) {
            if (!isActive(run.getState()) && !isFinished(run.getState())) {
                return CompletableFuture.failedFuture(new IllegalArgumentException(
                        "run " + run.getRunId() + " has no storable state: " + run.getState()));
            }
            byte[] data = run.toByteArray();
            if (isActive(run.getState())) {
                changes.add(new Change("run " + run.getRunId(), List.of(StoreOp.setData(ZkPaths.run(run.getRunId()), data))));
            } else {
                finishedJobs.add(run.getJobName());
                changes.add(new Change("run " + run.getRunId(), List.of(StoreOp.delete(ZkPaths.run(run.getRunId())),
                        StoreOp.create(ZkPaths.historyRun(run.getJobName(), run.getRunId()), data))));
            }
        }
        for (JobRecord job : jobs) {
            String name = job.getSpec().getName();
            changes.add(new Change("job " + name, List.of(StoreOp.setData(ZkPaths.job(name), job.toByteArray()))));
        }
        for (Change c : changes) {
            if (writer.checkSize() + writer.size(c.ops()) > MultiBudget.HARD_LIMIT) {
                return CompletableFuture.failedFuture(new IllegalArgumentException(
                        c.what() + " is too large for ZooKeeper: ~" + writer.size(c.ops()) + " bytes"));
            }
        }
        List<List<Change>> chunks = MultiBudget.chunk(changes, c -> writer.size(c.ops()), MultiBudget.CHUNK_TARGET - writer.checkSize());
        CompletableFuture<Void> done = writer.open();
        // One task sends every chunk, so the chunks reach ZooKeeper in order and unbroken by other writes.
        onThread(done, () -> {
            ensureHistoryParents(finishedJobs);
            List<CompletableFuture<Void>> parts = new ArrayList<>(chunks.size());
            for (List<Change> chunk : chunks) {
                CompletableFuture<Void> part = new CompletableFuture<>();
                parts.add(part);
                List<StoreOp> ops = chunk.stream().flatMap(c -> c.ops().stream()).toList();
                try {
                    writer.send(ops, term, chunk.size(), part, (failure, f) -> f.completeExceptionally(MultiWriter.error(failure, ops)));
                } catch (Exception e) {
                    part.completeExceptionally(e);
                }
            }
            PendingWrites.forward(PendingWrites.allOf(parts), done);
        });
        return done;
    }

    /**
     * Creates a new job's record in a fenced multi, after every write sent before it and before every write
     * sent after it (later run creations set the same node). Fails with {@link JobAlreadyExistsException}
     * when the node exists (nothing written) or {@link FencedException}.
     */
    public CompletableFuture<Void> createJob(JobRecord job, LeaderTerm term) {
        String name = job.getSpec().getName();
        List<StoreOp> ops = List.of(StoreOp.create(ZkPaths.job(name), job.toByteArray()));
        CompletableFuture<Void> done = writer.open();
        onThread(done, () -> writer.send(ops, term, 1, done, (failure, future) -> {
            if (failure.code() == KeeperException.Code.NODEEXISTS && failure.index() == 1) {
                future.completeExceptionally(new JobAlreadyExistsException(name));
            } else {
                future.completeExceptionally(MultiWriter.error(failure, ops));
            }
        }));
        return done;
    }

    /** The run, active or finished. */
    public Optional<RunRecord> get(String runId) {
        Optional<RunRecord> active = read(ZkPaths.run(runId));
        if (active.isPresent()) return active;
        // moved meanwhile? the move is one multi, so it is in history now
        return RunIds.parse(runId).flatMap(id -> read(ZkPaths.historyRun(id.jobName(), runId)));
    }

    /** Every active (running or queued) run, in run id order; a new leader recovers from this. */
    public List<RunRecord> loadActive() {
        return readRecords(ZkPaths.buckets(ZkPaths.RUNS), "loading active runs");
    }

    /** A sample of the active runs, at least {@code atLeast} when there are as many (all of a small store). */
    public List<RunRecord> loadActiveSample(int atLeast) {
        return readRecords(ZkPaths.buckets(ZkPaths.RUNS), "sampling active runs", parents -> ChildReader.readSample(client, parents, atLeast));
    }

    /** Every finished run of {@code jobName} still in history, oldest fire time first (then by run id). */
    public List<RunRecord> history(String jobName) {
        List<RunRecord> out = new ArrayList<>(readRecords(List.of(ZkPaths.history(jobName)), "loading the history of " + jobName));
        out.sort(BY_FIRE_TIME);
        return out;
    }

    /**
     * The finished runs of {@code jobName} that {@code policy} keeps at {@code nowMillis}, oldest first: the
     * history as {@link #history(String)} less the runs the next prune deletes (a history is pruned only once it
     * passes its bound by {@link HistoryRetention#slack}, and those past the bound are no one's business).
     */
    public List<RunRecord> history(String jobName, HistoryPolicy policy, long nowMillis) {
        List<RunRecord> all = history(jobName);
        List<HistoryRetention.Stored> stored = all.stream()
                .map(r -> new HistoryRetention.Stored(r.getRunId(), r.getFireTimeMillis())).toList();
        Set<String> doomed = new HashSet<>();
        for (HistoryRetention.Stored d : HistoryRetention.toDelete(stored, policy, nowMillis)) doomed.add(d.runId());
        return doomed.isEmpty() ? all : all.stream().filter(r -> !doomed.contains(r.getRunId())).toList();
    }

    /**
     * Deletes the finished runs of {@code jobName} that {@code policy} no longer keeps at {@code nowMillis}
     * (see {@link HistoryRetention}), in fenced multis; completes with the number deleted. A run gone already
     * (deleted by someone else meanwhile) neither fails the prune nor counts (see {@link HistoryDeleter}).
     * Fails with {@link FencedException} (some chunks may have committed); with nothing to delete it sends
     * nothing.
     */
    public CompletableFuture<Integer> prune(String jobName, HistoryPolicy policy, long nowMillis, LeaderTerm term) {
        return prune(Map.of(jobName, policy), nowMillis, term).thenApply(Pruned::deleted);
    }

    /** What a prune did: the history nodes it deleted, and how many runs each job's history held after it. */
    public record Pruned(int deleted, Map<String, Integer> left) {
        public Pruned {
            left = Map.copyOf(left);
        }
    }

    /**
     * As {@link #prune(String, HistoryPolicy, long, LeaderTerm)} for several jobs at once, each by its own
     * policy: their histories are listed in shared read multis and the deletes go in shared chunked multis, so a
     * leader whose jobs finish runs a thousand times a second prunes them in a few requests, not thousands.
     * Completes with the number deleted and, per job, the runs its history held as listed less those deleted
     * (more than it holds if someone else deleted some meanwhile, never fewer than it held when listed).
     */
    public CompletableFuture<Pruned> prune(Map<String, HistoryPolicy> jobs, long nowMillis, LeaderTerm term) {
        CompletableFuture<Void> done = writer.open();
        LongAdder deleted = new LongAdder();
        Map<String, Integer> left = new java.util.concurrent.ConcurrentHashMap<>();
        try {
            // the listing is a synchronous read: done off the store thread, which must never wait on ZooKeeper
            // for it (it would hold up every write and callback queued behind it, once per finished run)
            reads.execute(() -> {
                try {
                    HistoryDeleter.Doomed doomed = deleter.toPrune(jobs, nowMillis);
                    left.putAll(doomed.left());
                    onThread(done, () -> PendingWrites.forward(deleter.deleteAll(doomed.paths(), term, deleted), done));
                } catch (Exception e) {
                    done.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            done.completeExceptionally(PendingWrites.closedError());
        }
        return done.thenApply(ok -> new Pruned(deleted.intValue(), left));
    }

    /**
     * Deletes the history of {@code jobName} and then the job itself, in fenced multis: every
     * {@code /history/{job}/*}, then (in the last multi) {@code /history/{job}} and {@code /jobs/{job}}. The
     * caller guarantees no active run of the job is left. Nodes already gone are skipped, so a repeat
     * succeeds. Fails with {@link FencedException} (history may be partly deleted; the job stays).
     */
    public CompletableFuture<Void> deleteJob(String jobName, LeaderTerm term) {
        CompletableFuture<Void> done = writer.open();
        onThread(done, () -> {
            historyParents.remove(jobName); // a later write of this job creates the parent again
            PendingWrites.forward(deleter.deleteJob(jobName, term), done);
        });
        return done;
    }

    /** Multis committed (group commits, run creations, history deletions). */
    public long multis() { return writer.multis(); }

    /** Records written or deleted by committed multis (runs, job records, history nodes; checks and guards excluded). */
    public long opsWritten() { return writer.opsWritten(); }

    /** Estimated request bytes of committed multis. */
    public long bytesWritten() { return writer.bytesWritten(); }

    /** Multis that failed (fenced, run already exists, connection lost). */
    public long failedMultis() { return writer.failedMultis(); }

    /** Multis that met a connection loss and turned out stored when settled (no resend needed). */
    public long settledStored() { return writer.settledStored(); }

    /** Multis sent again after a connection loss or a refused multi before them (see {@link MultiWriter}). */
    public long settledResent() { return writer.settledResent(); }

    /** Stops the store's thread and fails writes still in flight (they may or may not have committed). Idempotent. */
    @Override
    public void close() {
        writer.close();
        reads.shutdownNow();
    }

    // ---------------------------------------------------------------- plumbing

    /** The ops of one record's change; they stay in one multi (a finished run's delete and create). */
    private record Change(String what, List<StoreOp> ops) {}

    static boolean isActive(RunState state) {
        return state == RunState.RUN_STATE_RUNNING || state == RunState.RUN_STATE_QUEUED;
    }

    static boolean isFinished(RunState state) {
        return state == RunState.RUN_STATE_SUCCEEDED || state == RunState.RUN_STATE_FAILED
                || state == RunState.RUN_STATE_CANCELLED;
    }

    /** Whether every run already exists under /runs with exactly these bytes: our own create committed before. */
    private boolean alreadyStored(List<RunRecord> runs) throws Exception {
        for (RunRecord run : runs) {
            try {
                if (!Arrays.equals(client.getData().forPath(ZkPaths.run(run.getRunId())), run.toByteArray())) return false;
            } catch (KeeperException.NoNodeException absent) {
                return false;
            }
        }
        return true;
    }

    /** Runs {@code body} on the store's thread after making sure the top-level parents exist. */
    private void onThread(CompletableFuture<?> done, MultiWriter.Task body) {
        writer.onThread(done, () -> {
            ensureParents();
            body.run();
        });
    }

    private void ensureParents() throws Exception {
        if (parentsExist) return;
        for (String parent : List.of(ZkPaths.RUNS, ZkPaths.JOBS, ZkPaths.HISTORY)) createIfAbsent(parent);
        // every active-run and job bucket, once: a run's or a job's creation multi needs its bucket to exist
        for (String bucket : missingBuckets()) createIfAbsent(bucket);
        parentsExist = true;
    }

    /** The buckets of /runs and /jobs that do not exist (both parents must). */
    private List<String> missingBuckets() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String top : List.of(ZkPaths.RUNS, ZkPaths.JOBS)) {
            Set<String> present = new HashSet<>(client.getChildren().forPath(top));
            for (String bucket : ZkPaths.buckets(top)) {
                if (!present.contains(bucket.substring(bucket.lastIndexOf('/') + 1))) missing.add(bucket);
            }
        }
        return missing;
    }

    /** Creates {@code /history/{job}} of each job not known to have it; the multis that follow need it. */
    private void ensureHistoryParents(Set<String> jobNames) throws Exception {
        List<String> unknown = jobNames.stream().filter(job -> !historyParents.contains(job)).toList();
        if (unknown.isEmpty()) return;
        // one read for all of them; a create (a logged ZooKeeper transaction even when it fails) only for the
        // missing ones: a new term's first writes touch every job once, and a create each was a round trip per job
        Set<String> present = ChildReader.existing(client, unknown.stream().map(ZkPaths::history).toList());
        for (String job : unknown) {
            if (!present.contains(ZkPaths.history(job))) createIfAbsent(ZkPaths.history(job));
            historyParents.add(job);
        }
    }

    /**
     * A term starts from {@code jobs} and {@code runs} (what is stored now, at {@code /store-sequence} mzxid
     * {@code storeZxid} and version {@code storeVersion}; zxid 0: not known): the store keeps a copy of what it
     * stores from here on ({@link StoreMirror}), for {@link #snapshotEnding}. Call before the term's first write.
     */
    public void beginTerm(List<JobRecord> jobs, List<RunRecord> runs, long storeZxid, int storeVersion) {
        writer.onThread(new CompletableFuture<>(), () -> writer.seedMirror(jobs, runs, storeZxid, storeVersion));
    }

    /**
     * For a term that has ended: its writes not sent yet are dropped (they would be fenced once the term is handed
     * on), and once the writes in flight are in, the stored jobs and active runs, exactly as stored then, named by
     * the mzxid (and version) of {@code /store-sequence} after this store's last write (or at the term's start);
     * empty when the store does not know them exactly (a write of the term failed or is in doubt, the store is
     * larger than {@link #SNAPSHOT_MAX_BYTES}, where the term started from not known and nothing written since)
     * or closes first. The caller makes sure no new write is asked for meanwhile.
     */
    public CompletableFuture<Optional<StoreMirror.Snapshot>> snapshotEnding(LeaderTerm term) {
        return writer.snapshotEnding(term);
    }

    /**
     * Forgets which history parents exist: a new term calls it before its first write, since a job deleted by
     * another node's term (its parent with it) and created again would otherwise be believed to have one.
     */
    public void forgetHistoryParents() {
        writer.onThread(new CompletableFuture<>(), historyParents::clear);
    }

    /**
     * Reads whether the fixed parents (/runs, /jobs, /history, and the 256 buckets of /runs and /jobs) all
     * exist, and if so spares the first write of this node's first term from creating them (five failed
     * creates and listings in a row, each a ZooKeeper round trip). Only reads; a follower's rehearsal calls it.
     */
    public void learnParents() {
        try {
            if (client.checkExists().forPath(ZkPaths.HISTORY) == null || !missingBuckets().isEmpty()) return;
            writer.onThread(new CompletableFuture<>(), () -> parentsExist = true);
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            // not known to exist: the first write creates what is missing, as before
        }
    }

    private void createIfAbsent(String path) throws Exception {
        try {
            client.create().creatingParentsIfNeeded().forPath(path);
        } catch (KeeperException.NodeExistsException fine) {
            // already there
        }
    }

    private Optional<RunRecord> read(String path) {
        try {
            return Optional.of(RunRecord.parseFrom(client.getData().forPath(path)));
        } catch (KeeperException.NoNodeException absent) {
            return Optional.empty();
        } catch (Exception e) {
            throw failed("reading " + path, e);
        }
    }

    private List<RunRecord> readRecords(List<String> parents, String what) {
        return readRecords(parents, what, p -> ChildReader.readAll(client, p));
    }

    private List<RunRecord> readRecords(List<String> parents, String what, ChildReader.Reader reader) {
        try {
            List<RunRecord> out = new ArrayList<>();
            for (byte[] data : reader.read(parents)) out.add(RunRecord.parseFrom(data));
            return out;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a stored run record under " + parents.get(0) + (parents.size() > 1 ? " (or its sibling buckets)" : "") + " is unreadable", e);
        } catch (Exception e) {
            throw failed(what, e);
        }
    }

    private static IllegalStateException failed(String what, Exception cause) {
        if (cause instanceof InterruptedException) Thread.currentThread().interrupt();
        return new IllegalStateException(what + " failed: " + cause, cause);
    }
}
