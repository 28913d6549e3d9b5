package io.baton.testing.e2e;

import io.baton.testing.ClusterProcesses;
import io.baton.testing.ClusterSettings;
import io.baton.testing.process.ManagedProcess;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the end-to-end tests: a ZooKeeper process plus schedulers and workers as separate JVMs, started
 * before each test and all stopped (and checked gone) after it, even when the test fails.
 */
abstract class ProcessClusterTest {
    protected ClusterProcesses cluster;

    protected abstract List<String> schedulerIds();

    protected List<String> workerIds() {
        return List.of("w1", "w2", "w3");
    }

    protected abstract int capacity();

    @BeforeEach
    void startCluster() {
        cluster = ClusterProcesses.create(ClusterSettings.sameJvm(RunChecks.runDir(getClass())));
        cluster.startZooKeeper();
        cluster.startNodes(schedulerIds(), workerIds(), capacity());
    }

    @AfterEach
    void stopCluster() {
        List<ManagedProcess> started = cluster.allProcesses();
        cluster.close();
        RunChecks.assertAllExited(started);
    }
}
