package io.baton.server.store;

import io.baton.common.zk.RunIds;
import io.baton.common.zk.ZkPaths;
import io.baton.proto.v1.HistoryPolicy;
import io.baton.server.election.LeaderTerm;
import io.baton.server.job.JobSpecValidator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * Deletes finished runs from {@code /history/{job}} in fenced, chunked multis: pruning by a job's
 * {@link HistoryPolicy} (the decision is {@link HistoryRetention}'s) and deleting a job with its history.
 * A history node found gone on delete (someone else deleted it meanwhile) is left out and its multi sent
 * again: ZooKeeper applied nothing of it, and each resend is one node shorter, so this ends. Every method
 * but {@link #toPrune} runs on the {@link RunStore}'s thread, which owns this.
 */
final class HistoryDeleter {
    private static final int DELETE_JOB_ATTEMPTS = 3;

    private final CuratorFramework client;
    private final MultiWriter writer;

    HistoryDeleter(CuratorFramework client, MultiWriter writer) {
        this.client = client;
        this.writer = writer;
    }

    /**
     * The most children one job's history listing is sized for: its bound at the largest
     * ({@link JobSpecValidator#MAX_HISTORY_RUNS}) with its slack ({@link HistoryRetention#slack}), and 2.5 times
     * as many runs finished since its last prune.
     */
    static final int MOST_LISTED = 4 * JobSpecValidator.MAX_HISTORY_RUNS;

    /** What a prune deletes, and how many runs each job's history holds after it (as listed, less those deleted). */
    record Doomed(List<String> paths, Map<String, Integer> left) {}

    /**
     * The history nodes each job's policy no longer keeps at {@code nowMillis}, for all of {@code jobs} (their
     * histories listed together, ~100 jobs per read multi; a synchronous read: call it off the store thread).
     * History nodes whose name is not a run id (Baton writes none) are never listed.
     */
    Doomed toPrune(Map<String, HistoryPolicy> jobs, long nowMillis) throws Exception {
        List<String> parents = jobs.keySet().stream().map(ZkPaths::history).toList();
        Map<String, List<String>> listed = ChildReader.listEach(client, parents, MOST_LISTED);
        List<String> out = new ArrayList<>();
        Map<String, Integer> left = new HashMap<>();
        jobs.forEach((jobName, policy) -> {
            List<HistoryRetention.Stored> stored = new ArrayList<>();
            for (String name : listed.getOrDefault(ZkPaths.history(jobName), List.of())) {
                RunIds.parse(name).ifPresent(id -> stored.add(new HistoryRetention.Stored(name, id.fireMillis())));
            }
            List<HistoryRetention.Stored> doomed = HistoryRetention.toDelete(stored, policy, nowMillis);
            for (HistoryRetention.Stored d : doomed) out.add(ZkPaths.historyRun(jobName, d.runId()));
            left.put(jobName, stored.size() - doomed.size());
        });
        return new Doomed(out, left);
    }

    /** Deletes every {@code /history/{job}/*}, then, in the last multi, {@code /history/{job}} and {@code /jobs/{job}}. */
    CompletableFuture<Void> deleteJob(String jobName, LeaderTerm term) throws Exception {
        List<String> paths = children(ZkPaths.history(jobName)).stream()
                .map(name -> ZkPaths.historyRun(jobName, name)).toList();
        CompletableFuture<Void> done = new CompletableFuture<>();
        // completes on the store thread: in a multi's callback, or at once when there was nothing to delete
        deleteAll(paths, term, new LongAdder()).whenComplete((ok, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
                return;
            }
            try {
                deleteParentAndJob(jobName, term, done, 1);
            } catch (Exception e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    /** Deletes {@code paths} in chunked fenced multis, adding the number deleted to {@code deleted}. */
    CompletableFuture<Void> deleteAll(List<String> paths, LeaderTerm term, LongAdder deleted) {
        List<List<String>> chunks = MultiBudget.chunk(paths, p -> writer.size(StoreOp.delete(p)),
                MultiBudget.CHUNK_TARGET - writer.checkSize());
        List<CompletableFuture<Void>> parts = new ArrayList<>(chunks.size());
        for (List<String> chunk : chunks) {
            CompletableFuture<Void> part = new CompletableFuture<>();
            parts.add(part);
            try {
                deleteChunk(chunk, term, part, deleted);
            } catch (Exception e) {
                part.completeExceptionally(e);
            }
        }
        return PendingWrites.allOf(parts);
    }

    private void deleteChunk(List<String> paths, LeaderTerm term, CompletableFuture<Void> done, LongAdder deleted) throws Exception {
        if (paths.isEmpty()) {
            done.complete(null);
            return;
        }
        List<StoreOp> ops = paths.stream().map(StoreOp::delete).toList();
        writer.send(ops, term, ops.size(), () -> deleted.add(ops.size()), done, (failure, f) -> {
            int gone = failure.index() - 1;
            if (failure.code() != KeeperException.Code.NONODE || gone < 0) {
                f.completeExceptionally(MultiWriter.error(failure, ops));
                return;
            }
            List<String> rest = new ArrayList<>(paths);
            rest.remove(gone);
            deleteChunk(rest, term, f, deleted);
        });
    }

    private void deleteParentAndJob(String jobName, LeaderTerm term, CompletableFuture<Void> done, int attempt) throws Exception {
        List<StoreOp> ops = new ArrayList<>(2);
        if (client.checkExists().forPath(ZkPaths.history(jobName)) != null) ops.add(StoreOp.delete(ZkPaths.history(jobName)));
        if (client.checkExists().forPath(ZkPaths.job(jobName)) != null) ops.add(StoreOp.delete(ZkPaths.job(jobName)));
        // sent even when both are gone: the check still tells a deposed leader it is fenced
        writer.send(ops, term, ops.size(), done, (failure, f) -> {
            if (failure.code() == KeeperException.Code.NONODE && attempt < DELETE_JOB_ATTEMPTS) {
                deleteParentAndJob(jobName, term, f, attempt + 1); // deleted meanwhile: look again
            } else {
                f.completeExceptionally(MultiWriter.error(failure, ops));
            }
        });
    }

    private List<String> children(String parent) throws Exception {
        try {
            return client.getChildren().forPath(parent);
        } catch (KeeperException.NoNodeException absent) {
            return List.of();
        }
    }
}
