package io.baton.examples;

import io.baton.client.BatonClient;
import io.baton.client.BatonException;
import io.baton.client.ClientConfig;
import io.baton.client.JobSpecs;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Submits a sharded job to a Baton cluster and waits for its run: the smallest complete SDK program.
 *
 * <pre>
 *   deploy/dev-cluster.sh                      # a local cluster; prints its ZooKeeper address
 *   BATON_ZK=127.0.0.1:2181 java -cp ... io.baton.examples.SubmitShardedJob [job-name] [shards]
 * </pre>
 * The job uses the built-in {@code demo.echo} handler, which answers each shard with its parameter; each of
 * the shards gets its own parameter ("part-0", "part-1", ...). Exit code 0 when the run succeeded.
 */
public final class SubmitShardedJob {
    private SubmitShardedJob() {}

    public static void main(String[] args) {
        String zk = System.getenv().getOrDefault("BATON_ZK", "127.0.0.1:2181");
        String name = args.length > 0 ? args[0] : "example-" + System.currentTimeMillis();
        int shards = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        try (BatonClient client = BatonClient.connect(ClientConfig.zookeeper(zk))) {
            RunRecord run = run(client, name, shards, Duration.ofMinutes(2));
            for (ShardRecord s : run.getShardsList()) {
                System.out.printf("shard %2d  %-18s on %-8s  %s%n", s.getIndex(), s.getState(), s.getWorkerId(), s.getMessage());
            }
            System.out.println("run " + run.getRunId() + ": " + run.getState());
            System.exit(run.getState() == RunState.RUN_STATE_SUCCEEDED ? 0 : 1);
        } catch (BatonException e) {
            System.err.println("example failed: " + e.code() + ": " + e.getMessage());
            System.exit(2);
        }
    }

    /** Submits a run-now job of {@code shards} shards with one parameter each and waits for its run to finish. */
    public static RunRecord run(BatonClient client, String jobName, int shards, Duration timeout) {
        List<String> parameters = new ArrayList<>();
        for (int i = 0; i < shards; i++) parameters.add("part-" + i);
        JobSpec spec = JobSpecs.runNow(jobName, "demo.echo", shards)
                .addAllShardParameters(parameters)
                .setRetry(JobSpecs.retry(3))
                .setAttemptTimeoutMillis(30_000)
                .build();
        RunRecord started = client.submit(spec).orElseThrow();
        return client.awaitRun(started.getRunId(), timeout);
    }
}
