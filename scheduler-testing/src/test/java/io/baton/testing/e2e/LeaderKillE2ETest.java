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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Layer 3: ZooKeeper, 3 scheduler nodes and 3 workers as separate JVMs; the leader is killed with
 * SIGKILL while a sharded run is half done. Another node must lead with a higher epoch and finish the
 * run, accepting each shard's success exactly once; the journals must show no attempt that succeeded twice.
 */
class LeaderKillE2ETest extends ProcessClusterTest {
    private static final Logger log = LoggerFactory.getLogger(LeaderKillE2ETest.class);
    private static final int SHARDS = 18;
    private static final String SHARD_MILLIS = "1500";

    @Test
    void leaderKilledMidRunIsReplacedWithAHigherEpochAndTheRunCompletesWithEachSuccessAcceptedOnce() {
        BatonClient client = cluster.client();
        LeaderInfo oldLeader = awaitLeader(client);
        RunRecord run = client.submit(JobSpecs.runNow("kill-leader", "demo.sleep", SHARDS).setJobParameter(SHARD_MILLIS).build())
                .orElseThrow();
        String runId = run.getRunId();
        // mid-run: the first wave has succeeded and the second is running
        await("second wave running").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> client.getRun(runId), r -> RunChecks.count(r, ShardState.SHARD_STATE_SUCCEEDED) >= CAPACITY * 3
                        && RunChecks.count(r, ShardState.SHARD_STATE_RUNNING) > 0);

        long killedAt = System.currentTimeMillis();
        assertThat(cluster.scheduler(oldLeader.getNodeId()).kill9()).isEqualTo(ManagedProcess.SIGKILL_EXIT);

        LeaderInfo elected = await("a new leader in ZooKeeper").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> cluster.probe().leader(), l -> l.isPresent() && !l.get().getNodeId().equals(oldLeader.getNodeId()))
                .orElseThrow();
        log.info("MEASURE leader kill -> new leader {} (epoch {}) in ZooKeeper: {} ms (session timeout 3000 ms)",
                elected.getNodeId(), elected.getEpoch(), System.currentTimeMillis() - killedAt);
        LeaderInfo newLeader = await("a new leader").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions().until(() -> client.clusterStatus().getLeader(),
                        l -> !l.getNodeId().isEmpty() && !l.getNodeId().equals(oldLeader.getNodeId()));
        log.info("MEASURE leader kill -> new leader {} (epoch {} -> {}) visible to the SDK: {} ms (session timeout 3000 ms)",
                newLeader.getNodeId(), oldLeader.getEpoch(), newLeader.getEpoch(), System.currentTimeMillis() - killedAt);
        assertThat(newLeader.getEpoch()).isGreaterThan(oldLeader.getEpoch());

        RunRecord done = awaitFinished(client, runId, Duration.ofSeconds(60));
        log.info("MEASURE leader kill -> run finished: {} ms; run took {} ms", System.currentTimeMillis() - killedAt,
                done.getFinishedMillis() - done.getCreatedMillis());

        assertEveryShardSucceededExactlyOnce(done, SHARDS);
        assertThat(client.clusterStatus().getLeader().getEpoch()).isGreaterThan(oldLeader.getEpoch());
        JournalAudit audit = RunChecks.audit(cluster, runId);
        log.info("executions by worker: {} ({} executions for {} shards)", audit.executionsByWorker(), audit.entries().size(), SHARDS);
        assertThat(audit.duplicateSuccessfulAttempts()).isEmpty();
        assertThat(audit.shardsNeverExecuted(SHARDS)).isEmpty();
    }
}
