package io.baton.testing.e2e;

import static org.awaitility.Awaitility.await;

import io.baton.client.BatonClient;
import io.baton.proto.v1.LeaderInfo;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.testing.ClusterProcesses;
import io.baton.testing.ClusterSettings;
import io.baton.testing.process.ManagedProcess;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the end-to-end tests: a ZooKeeper process plus schedulers and workers as separate JVMs, started
 * before each test and all stopped (and checked gone) after it, even when the test fails.
 */
abstract class ProcessClusterTest {
    /** Shards each worker runs at once: small, so runs go in visible waves. */
    protected static final int CAPACITY = 2;

    protected ClusterProcesses cluster;

    protected List<String> schedulerIds() {
        return List.of("s1", "s2", "s3");
    }

    protected List<String> workerIds() {
        return List.of("w1", "w2", "w3");
    }

    /** The leader as the SDK sees it, once there is one. */
    protected static LeaderInfo awaitLeader(BatonClient client) {
        return await("a leader").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> client.clusterStatus().getLeader(), l -> !l.getNodeId().isEmpty());
    }

    /** The run once it is no longer RUNNING; reads retried across a failover. */
    protected static RunRecord awaitFinished(BatonClient client, String runId, Duration atMost) {
        return await("run finished").atMost(atMost).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> client.getRun(runId), r -> r.getState() != RunState.RUN_STATE_RUNNING);
    }

    @BeforeEach
    void startCluster() {
        cluster = ClusterProcesses.create(ClusterSettings.sameJvm(RunChecks.runDir(getClass())));
        cluster.startZooKeeper();
        cluster.startNodes(schedulerIds(), workerIds(), CAPACITY);
    }

    @AfterEach
    void stopCluster() {
        List<ManagedProcess> started = cluster.allProcesses();
        cluster.close();
        RunChecks.assertAllExited(started);
    }
}
