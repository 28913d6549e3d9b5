package io.baton.bench.macro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A smoke run of the scale scenario (a few hundred jobs) on a real cluster of separate JVMs, so its harness
 * cannot rot: the jobs are stored, ZooKeeper holds a node each and no watch for any, the heap and CPU
 * probes read the leader, and the successor of the killed leader loads every job and dispatches again.
 * Not a measurement.
 */
class ScaleSmokeTest {
    @Test
    void theSuccessorOfAKilledLeaderLoadsEveryJobAndNoWatchIsSetPerJob(@TempDir Path runs) {
        ScaleSettings smoke = ScaleSettings.smoke();

        ScaleFigures figures = ScaleScenario.run(smoke, runs.resolve("scale"));

        assertThat(figures.jobs()).isEqualTo(smoke.jobs() + smoke.busyJobs());
        assertThat(figures.submit().jobs()).isEqualTo(smoke.jobs());
        assertThat(figures.submit().perSecond()).isPositive();
        // one node per job (a bucket node may be new too); watches do not grow with the jobs
        assertThat(figures.zooKeeper().nodesLoaded() - figures.zooKeeper().nodesBaseline()).isGreaterThanOrEqualTo(smoke.jobs());
        assertThat(figures.zooKeeper().watchesBaseline()).isPositive();
        assertThat(figures.zooKeeper().watchesAdded()).isLessThanOrEqualTo(ScaleFigures.ZooKeeperTree.WATCH_NOISE);
        assertThat(figures.leaderHeap().baselineBytes()).isPositive();
        assertThat(figures.leaderHeap().loadedBytes()).isPositive();
        assertThat(figures.newLeaderHeapBytes()).isPositive();
        assertThat(figures.cpu().processLoadedNanos()).isPositive();
        assertThat(figures.cpu().loopLoadedNanos()).isPositive().isLessThanOrEqualTo(figures.cpu().processLoadedNanos());
        ScaleFigures.Recovery recovery = figures.recovery();
        assertThat(recovery.jobsLoaded()).isEqualTo(figures.jobs());
        // the killed leader's session must expire before another node is elected
        assertThat(recovery.electedMillis()).isPositive();
        assertThat(recovery.termStartedMillis()).isGreaterThanOrEqualTo(recovery.electedMillis());
        assertThat(recovery.firstStartMillis()).isGreaterThanOrEqualTo(recovery.termStartedMillis());
    }
}
