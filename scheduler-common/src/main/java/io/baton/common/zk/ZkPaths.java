package io.baton.common.zk;

/**
 * Every ZooKeeper path Baton uses, relative to the Curator namespace (default {@code baton}).
 * No other class spells a path. The layout is documented in docs/ARCHITECTURE.md.
 *
 * <pre>
 * /election          LeaderLatch participants (ephemeral sequential, owned by Curator)
 * /epoch             persistent; 8-byte big-endian leader epoch; bumped with a version-checked write
 * /store-sequence    persistent; the run store's write sequence: every store multi sets it with a version
 *                    check (multis apply in the order sent) and records which multi it was
 * /leader            ephemeral; LeaderInfo of the current leader
 * /schedulers/{id}   ephemeral; SchedulerInfo of each scheduler node
 * /workers/{id}      ephemeral; WorkerInfo of each worker
 * /jobs/{b}/{name}   persistent; JobRecord
 * /runs/{b}/{runId}  persistent; RunRecord of an ACTIVE run (running or queued), with all its shards;
 *                    written in group commits; a new leader loads only these
 * /cordons/{workerId}  persistent, empty; the worker gets no new shards
 * /history/{b}/{job}/{runId}  persistent; RunRecord of a finished run (succeeded, failed, cancelled);
 *                    kept bounded per job by pruning
 * </pre>
 * {b} is a bucket, two hex digits of a hash of the name ({@link #bucketOf}): a flat parent with 100,000
 * children would need a getChildren answer larger than ZooKeeper's 1 MB packet limit (jute.maxbuffer);
 * 256 buckets keep each answer small.
 */
public final class ZkPaths {
    public static final String ELECTION = "/election";
    public static final String EPOCH = "/epoch";
    /** Written by every run-store multi, version-checked: see {@code io.baton.server.store.StoreSequence}. */
    public static final String STORE_SEQUENCE = "/store-sequence";
    public static final String LEADER = "/leader";
    public static final String SCHEDULERS = "/schedulers";
    public static final String WORKERS = "/workers";
    public static final String JOBS = "/jobs";
    public static final String RUNS = "/runs";
    public static final String HISTORY = "/history";
    /** Cordoned workers: one empty persistent node per worker id, written by the leader (fenced). */
    public static final String CORDONS = "/cordons";

    /** How many buckets spread jobs, runs and histories. Changing it changes every stored path. */
    public static final int BUCKETS = 256;

    /** The bucket names, "00" to "ff", built once: a leader names several paths per fire. */
    private static final java.util.List<String> BUCKET_NAMES = java.util.stream.IntStream.range(0, BUCKETS)
            .mapToObj(b -> String.format("%02x", b)).toList();

    private ZkPaths() {}

    /** The bucket of a job name or run id: the low byte of its CRC-32, as two hex digits. */
    public static String bucketOf(String key) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return BUCKET_NAMES.get((int) (crc.getValue() & (BUCKETS - 1)));
    }

    /** Every bucket node under {@code root} ({@link #JOBS}, {@link #RUNS} or {@link #HISTORY}). */
    public static java.util.List<String> buckets(String root) {
        java.util.List<String> out = new java.util.ArrayList<>(BUCKETS);
        for (String b : BUCKET_NAMES) out.add(root + "/" + b);
        return out;
    }

    public static String scheduler(String nodeId) { return SCHEDULERS + "/" + nodeId; }
    public static String worker(String workerId) { return WORKERS + "/" + workerId; }
    public static String job(String name) { return JOBS + "/" + bucketOf(name) + "/" + name; }
    public static String run(String runId) { return RUNS + "/" + bucketOf(runId) + "/" + runId; }
    public static String history(String jobName) { return HISTORY + "/" + bucketOf(jobName) + "/" + jobName; }
    public static String cordon(String workerId) { return CORDONS + "/" + workerId; }
    public static String historyRun(String jobName, String runId) { return history(jobName) + "/" + runId; }
}
