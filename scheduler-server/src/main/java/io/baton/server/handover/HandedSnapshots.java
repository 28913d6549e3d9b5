package io.baton.server.handover;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.StoreSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A follower's keeping of the store snapshot a stepping-down leader sent it last (see {@code StoreSnapshot} in
 * the protocol): the newest by store zxid is kept, and a node taking a term uses it only when the
 * {@code /store-sequence} mzxid it read with the epoch is the snapshot's, which makes the snapshot exactly what
 * is stored. A node taking a term may also wait for that snapshot ({@link #awaiting}), as it may still be on its
 * way. Thread-safe.
 */
public final class HandedSnapshots {
    /** The stored jobs and active runs a snapshot holds, parsed. */
    public record Records(String fromNode, long fromEpoch, List<JobRecord> jobs, List<RunRecord> runs) {}

    private record Waiter(long storeZxid, CompletableFuture<Records> records) {}

    private StoreSnapshot last;
    private final List<Waiter> waiters = new ArrayList<>();

    /** Keeps {@code snapshot} unless one of a later store is kept already; answers whoever waits for its store. */
    public void received(StoreSnapshot snapshot) {
        List<Waiter> answered = new ArrayList<>();
        synchronized (this) {
            if (last != null && snapshot.getStoreZxid() < last.getStoreZxid()) return;
            last = snapshot;
            waiters.removeIf(w -> w.storeZxid() == snapshot.getStoreZxid() && answered.add(w));
        }
        if (answered.isEmpty()) return;
        Optional<Records> records = parse(snapshot);
        for (Waiter w : answered) {
            if (records.isPresent()) w.records().complete(records.get());
            else w.records().completeExceptionally(new IllegalArgumentException("a record of the snapshot does not parse"));
        }
    }

    /**
     * The kept snapshot's records when it names the store at {@code storeZxid} (the mzxid of
     * {@code /store-sequence} read with the epoch); empty otherwise, or when a record does not parse (the caller
     * reads the store instead).
     */
    public Optional<Records> matching(long storeZxid) {
        StoreSnapshot s;
        synchronized (this) {
            s = last;
        }
        return s == null || storeZxid == 0 || s.getStoreZxid() != storeZxid ? Optional.empty() : parse(s);
    }

    /**
     * The records of the snapshot naming the store at {@code storeZxid}: at once when it is here, else when it
     * arrives. Never completes if none does: the caller cancels it (which forgets the wait) once it has what it
     * needs otherwise. Fails if the snapshot's records do not parse.
     */
    public CompletableFuture<Records> awaiting(long storeZxid) {
        Optional<Records> here = matching(storeZxid);
        if (here.isPresent()) return CompletableFuture.completedFuture(here.get());
        CompletableFuture<Records> out = new CompletableFuture<>();
        if (storeZxid == 0) return out;
        Waiter w = new Waiter(storeZxid, out);
        synchronized (this) {
            if (last != null && last.getStoreZxid() == storeZxid) {
                // arrived between the look above and now
                return matching(storeZxid).map(CompletableFuture::completedFuture).orElse(out);
            }
            waiters.add(w);
        }
        out.whenComplete((r, e) -> {
            synchronized (this) {
                waiters.remove(w);
            }
        });
        return out;
    }

    /** Drops the kept snapshot (a term started from the store it named, or this node closes). */
    public synchronized void clear() {
        last = null;
    }

    /** Snapshots waited for now (for tests: a cancelled wait is forgotten). */
    synchronized int waiting() {
        return waiters.size();
    }

    private static Optional<Records> parse(StoreSnapshot s) {
        try {
            List<JobRecord> jobs = new ArrayList<>(s.getJobsCount());
            for (ByteString b : s.getJobsList()) jobs.add(JobRecord.parseFrom(b));
            List<RunRecord> runs = new ArrayList<>(s.getRunsCount());
            for (ByteString b : s.getRunsList()) runs.add(RunRecord.parseFrom(b));
            return Optional.of(new Records(s.getFromNode(), s.getFromEpoch(), jobs, runs));
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        }
    }
}
