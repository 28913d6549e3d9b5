package io.baton.server.store;

import io.baton.common.zk.ZkPaths;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RunRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a leader's store holds under {@code /jobs} and {@code /runs}, byte for byte, kept from the writes it saw
 * commit: seeded with what the term started from, then every committed multi applied. Exact only while every
 * multi of the term is known to have committed, so any other outcome spoils it until the next seed; and
 * named by the mzxid of {@code /store-sequence} after the last commit, which every multi writing jobs or runs
 * also writes, so that zxid identifies the stored content. A stepping-down leader sends it to its successor
 * (see {@code StoreSnapshot} in the protocol), which then need not read the store.
 *
 * <p>Bounded by {@code maxBytes} of record bytes (a snapshot must fit one RPC frame, and a leader of a large
 * store should not hold its bytes twice): past it, the mirror is off until the next seed. Pure; the store
 * thread's.
 */
public final class StoreMirror {
    private static final String JOB_PREFIX = ZkPaths.JOBS + "/";
    private static final String RUN_PREFIX = ZkPaths.RUNS + "/";

    /**
     * The stored jobs and active runs (record bytes), as they were after the multi that left {@code /store-sequence}
     * with mzxid {@code storeZxid} and version {@code storeVersion}.
     */
    public record Snapshot(long storeZxid, int storeVersion, List<byte[]> jobs, List<byte[]> runs) {}

    private final long maxBytes;
    private final Map<String, byte[]> jobs = new LinkedHashMap<>();
    private final Map<String, byte[]> runs = new LinkedHashMap<>();
    private long bytes;
    private boolean valid;
    /** The mzxid of /store-sequence after the last commit (or at the seed); 0 while unknown. */
    private long storeZxid;
    private int storeVersion;

    StoreMirror(long maxBytes) {
        if (maxBytes < 0) throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        this.maxBytes = maxBytes;
    }

    /**
     * Starts over from what a term starts from: the stored jobs and active runs, read or handed over, as stored at
     * {@code /store-sequence} mzxid {@code storeZxid} and version {@code storeVersion} (0 and any: not known; a
     * snapshot then waits for the first commit).
     */
    void seed(Collection<JobRecord> storedJobs, Collection<RunRecord> storedRuns, long storeZxid, int storeVersion) {
        clear();
        long size = 0;
        for (JobRecord j : storedJobs) size += j.getSerializedSize();
        for (RunRecord r : storedRuns) size += r.getSerializedSize();
        if (size > maxBytes) return; // too large to hand over: not copied at all
        for (JobRecord j : storedJobs) put(jobs, ZkPaths.job(j.getSpec().getName()), j.toByteArray());
        for (RunRecord r : storedRuns) put(runs, ZkPaths.run(r.getRunId()), r.toByteArray());
        this.storeZxid = storeZxid;
        this.storeVersion = storeVersion;
        valid = true;
    }

    /**
     * A multi of {@code ops} committed, leaving {@code /store-sequence} with mzxid {@code sequenceZxid} and
     * version {@code sequenceVersion} (zxid 0: not known, e.g. the node was recreated; a snapshot waits for the
     * next commit that tells).
     */
    void committed(List<StoreOp> ops, long sequenceZxid, int sequenceVersion) {
        if (!valid) return;
        for (StoreOp op : ops) {
            Map<String, byte[]> records = isRecord(op.path(), JOB_PREFIX) ? jobs : isRecord(op.path(), RUN_PREFIX) ? runs : null;
            if (records == null) continue; // history, buckets: not part of what a term starts from
            if (op.kind() == StoreOp.Kind.DELETE) {
                byte[] gone = records.remove(op.path());
                if (gone != null) bytes -= gone.length;
            } else {
                put(records, op.path(), op.data());
            }
        }
        storeZxid = sequenceZxid;
        storeVersion = sequenceVersion;
        if (bytes > maxBytes) clear();
    }

    /** A multi whose outcome is not simply "committed" (refused, in doubt, failed): the mirror may differ from the store. */
    void spoiled() {
        clear();
    }

    /** The stored content, when the mirror knows it exactly and knows which zxid names it. */
    Optional<Snapshot> snapshot() {
        if (!valid || storeZxid == 0) return Optional.empty();
        return Optional.of(new Snapshot(storeZxid, storeVersion, new ArrayList<>(jobs.values()), new ArrayList<>(runs.values())));
    }

    /** Whether {@code path} is a record under {@code prefix}: {@code <prefix><bucket>/<key>}. */
    private static boolean isRecord(String path, String prefix) {
        return path.startsWith(prefix) && path.indexOf('/', prefix.length()) > prefix.length();
    }

    private void put(Map<String, byte[]> records, String path, byte[] data) {
        byte[] old = records.put(path, data);
        bytes += data.length - (old == null ? 0 : old.length);
    }

    private void clear() {
        jobs.clear();
        runs.clear();
        bytes = 0;
        storeZxid = 0;
        valid = false;
    }
}
