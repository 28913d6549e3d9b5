package io.baton.common.zk;

/**
 * Every ZooKeeper path Baton uses, relative to the Curator namespace (default {@code baton}).
 * No other class spells a path. The layout is documented in docs/ARCHITECTURE.md.
 *
 * <pre>
 * /election          LeaderLatch participants (ephemeral sequential, owned by Curator)
 * /epoch             persistent; 8-byte big-endian leader epoch; bumped with a version-checked write
 * /leader            ephemeral; LeaderInfo of the current leader
 * /schedulers/{id}   ephemeral; SchedulerInfo of each scheduler node
 * /workers/{id}      ephemeral; WorkerInfo of each worker
 * /jobs/{name}       persistent; JobRecord
 * /runs/{runId}      persistent; RunRecord of an ACTIVE run (running or queued), with all its shards;
 *                    written in group commits; a new leader loads only these
 * /history/{job}/{runId}  persistent; RunRecord of a finished run (succeeded, failed, cancelled); kept
 *                    bounded per job by pruning
 * </pre>
 */
public final class ZkPaths {
    public static final String ELECTION = "/election";
    public static final String EPOCH = "/epoch";
    public static final String LEADER = "/leader";
    public static final String SCHEDULERS = "/schedulers";
    public static final String WORKERS = "/workers";
    public static final String JOBS = "/jobs";
    public static final String RUNS = "/runs";
    public static final String HISTORY = "/history";

    private ZkPaths() {}

    public static String scheduler(String nodeId) { return SCHEDULERS + "/" + nodeId; }
    public static String worker(String workerId) { return WORKERS + "/" + workerId; }
    public static String job(String name) { return JOBS + "/" + name; }
    public static String run(String runId) { return RUNS + "/" + runId; }
    public static String history(String jobName) { return HISTORY + "/" + jobName; }
    public static String historyRun(String jobName, String runId) { return history(jobName) + "/" + runId; }
}
