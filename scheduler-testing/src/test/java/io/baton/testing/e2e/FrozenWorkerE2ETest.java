package io.baton.testing.e2e;

import static io.baton.testing.e2e.RunChecks.assertEveryShardSucceededExactlyOnce;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.baton.client.BatonClient;
import io.baton.client.JobSpecs;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.ShardRecord;
import io.baton.proto.v1.ShardState;
import io.baton.testing.journal.JournalAudit;
import io.baton.testing.process.ManagedProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Layer 3: a worker frozen with SIGSTOP mid-run (its sockets stay open, it just stops answering) must be
 * detected by silence alone; its shards move on. When it is continued it finishes its stale attempts and
 * reports them: those reports must be rejected, so every shard's success is still counted exactly once,
 * and the worker must rejoin the cluster by itself.
 */
class FrozenWorkerE2ETest extends ProcessClusterTest {
    private static final Logger log = LoggerFactory.getLogger(FrozenWorkerE2ETest.class);
    private static final int SHARDS = 12;

    @Override
    protected List<String> schedulerIds() {
        return List.of("s1", "s2");
    }

    @Test
    void frozenWorkerLosesItsShardsAndItsLateReportsAreNotCountedAfterItResumes() {
        BatonClient client = cluster.client();
        String runId = client.submit(JobSpecs.runNow("freeze-worker", "demo.sleep", SHARDS).setJobParameter("2000").build())
                .orElseThrow().getRunId();
        RunRecord wave = await("first wave running").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> client.getRun(runId), r -> RunChecks.count(r, ShardState.SHARD_STATE_RUNNING) >= CAPACITY * 3 - 1);
        String victim = RunChecks.busiestWorker(wave).orElseThrow();
        Map<Integer, ShardRecord> frozen = RunChecks.runningOn(wave, victim);
        ManagedProcess process = cluster.worker(victim);

        long stoppedAt = System.currentTimeMillis();
        process.stop();
        await("leader noticed the silence").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(() -> client.getRun(runId), r -> RunChecks.runningOn(r, victim).isEmpty());
        log.info("MEASURE worker SIGSTOP -> its shards taken off it: {} ms", System.currentTimeMillis() - stoppedAt);
        await("frozen worker's registration expired").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> !cluster.probe().workers().contains(victim));
        log.info("MEASURE worker SIGSTOP -> registration gone from ZooKeeper: {} ms", System.currentTimeMillis() - stoppedAt);

        process.cont();
        await("continued worker registered again").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> cluster.probe().workers().contains(victim));
        RunRecord done = awaitFinished(client, runId, Duration.ofSeconds(60));

        assertEveryShardSucceededExactlyOnce(done, SHARDS);
        for (ShardRecord before : frozen.values()) {
            ShardRecord after = done.getShards(before.getIndex());
            assertThat(after.getAttempt()).as("attempt of frozen shard %d", after.getIndex()).isGreaterThan(before.getAttempt());
            assertThat(after.getWorkerId()).as("worker of frozen shard %d", after.getIndex()).isNotEqualTo(victim);
        }
        JournalAudit audit = RunChecks.audit(cluster, runId);
        log.info("executions by worker: {} ({} executions for {} shards; frozen {} shards {})",
                audit.executionsByWorker(), audit.entries().size(), SHARDS, victim, frozen.keySet());
        assertThat(audit.violations(SHARDS)).isEmpty();
    }
}
