package io.baton.testing.e2e;

import static io.baton.testing.e2e.RunChecks.assertEveryShardSucceededExactlyOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.baton.client.BatonClient;
import io.baton.client.JobSpecs;
import io.baton.proto.v1.LeaderInfo;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.ShardState;
import io.baton.testing.journal.JournalAudit;
import io.baton.testing.process.ManagedProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Layer 3, both failures in one run: separate JVMs; a busy worker is killed with SIGKILL, then, while the
 * run is still going, the leader. The run must finish with every shard's success accepted exactly once.
 */
class WorkerThenLeaderKillE2ETest extends ProcessClusterTest {
    private static final int SHARDS = 24;

    @Test
    void runSurvivesAWorkerKillAndThenALeaderKill() {
        BatonClient client = cluster.client();
        LeaderInfo oldLeader = awaitLeader(client);
        String runId = client.submit(JobSpecs.runNow("double-fault", "demo.sleep", SHARDS).setJobParameter("1200").build())
                .orElseThrow().getRunId();

        RunRecord wave = await("first wave running").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> client.getRun(runId), r -> RunChecks.count(r, ShardState.SHARD_STATE_RUNNING) >= CAPACITY * 3 - 1);
        String victim = RunChecks.busiestWorker(wave).orElseThrow();
        assertThat(cluster.worker(victim).kill9()).isEqualTo(ManagedProcess.SIGKILL_EXIT);

        await("progress after the worker kill").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> client.getRun(runId), r -> RunChecks.count(r, ShardState.SHARD_STATE_SUCCEEDED) >= CAPACITY * 3
                        && RunChecks.count(r, ShardState.SHARD_STATE_RUNNING) > 0);
        assertThat(cluster.scheduler(oldLeader.getNodeId()).kill9()).isEqualTo(ManagedProcess.SIGKILL_EXIT);

        LeaderInfo newLeader = await("a new leader").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions().until(() -> client.clusterStatus().getLeader(),
                        l -> !l.getNodeId().isEmpty() && !l.getNodeId().equals(oldLeader.getNodeId()));
        assertThat(newLeader.getEpoch()).isGreaterThan(oldLeader.getEpoch());

        RunRecord done = awaitFinished(client, runId, Duration.ofSeconds(90));

        assertEveryShardSucceededExactlyOnce(done, SHARDS);
        JournalAudit audit = RunChecks.audit(cluster, runId);
        assertThat(audit.shardsNeverExecuted(SHARDS)).isEmpty();
        assertThat(audit.duplicateSuccessfulAttempts()).isEmpty();
        assertThat(audit.violations(SHARDS)).isEmpty();
    }
}
