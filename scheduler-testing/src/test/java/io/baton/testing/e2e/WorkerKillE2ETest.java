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
import io.baton.testing.journal.JournalEntry;
import io.baton.testing.process.ManagedProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Layer 3: ZooKeeper, 3 scheduler nodes and 3 workers as separate JVMs; a worker running shards is
 * killed with SIGKILL mid-run. Its shards must move to the other workers with a higher attempt, and
 * every shard's success must be accepted exactly once.
 */
class WorkerKillE2ETest extends ProcessClusterTest {
    private static final Logger log = LoggerFactory.getLogger(WorkerKillE2ETest.class);
    private static final int SHARDS = 18;
    private static final String SHARD_MILLIS = "1500";

    @Test
    void workerKilledMidRunHasItsShardsCompletedElsewhereAndEveryShardSucceedsOnce() {
        BatonClient client = cluster.client();
        RunRecord run = client.submit(JobSpecs.runNow("kill-worker", "demo.sleep", SHARDS).setJobParameter(SHARD_MILLIS).build())
                .orElseThrow();
        String runId = run.getRunId();
        // the first wave is running: every worker holds shards mid-execution
        RunRecord wave = await("first wave running").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> client.getRun(runId), r -> RunChecks.count(r, ShardState.SHARD_STATE_RUNNING) >= CAPACITY * 3 - 1);
        String victim = RunChecks.busiestWorker(wave).orElseThrow();
        Map<Integer, ShardRecord> interrupted = RunChecks.runningOn(wave, victim);

        long killedAt = System.currentTimeMillis();
        assertThat(cluster.worker(victim).kill9()).isEqualTo(ManagedProcess.SIGKILL_EXIT);
        // a shard that reached its end before the kill may legitimately stay the victim's
        Set<Integer> finishedByVictim = JournalEntry.readAll(List.of(cluster.journal(victim))).stream()
                .filter(e -> e.run().equals(runId) && e.succeeded()).map(JournalEntry::shard).collect(Collectors.toSet());
        interrupted.keySet().removeAll(finishedByVictim);
        assertThat(interrupted).as("shards interrupted on %s", victim).isNotEmpty();

        await("the leader noticed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(() -> client.getRun(runId), r -> RunChecks.runningOn(r, victim).isEmpty());
        log.info("MEASURE worker kill -> its interrupted shards taken off it: {} ms", System.currentTimeMillis() - killedAt);
        await("an interrupted shard running elsewhere").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> client.getRun(runId), r -> interrupted.keySet().stream().anyMatch(i -> movedAway(r.getShards(i), victim)));
        long detectedAt = System.currentTimeMillis();
        log.info("MEASURE worker kill -> first interrupted shard running elsewhere: {} ms (the other workers' slots were full)",
                detectedAt - killedAt);

        RunRecord done = awaitFinished(client, runId, Duration.ofSeconds(60));
        log.info("MEASURE worker kill -> run finished: {} ms; run took {} ms", System.currentTimeMillis() - killedAt,
                done.getFinishedMillis() - done.getCreatedMillis());

        assertEveryShardSucceededExactlyOnce(done, SHARDS);
        for (ShardRecord before : interrupted.values()) {
            ShardRecord after = done.getShards(before.getIndex());
            assertThat(after.getWorkerId()).as("worker of interrupted shard %d", after.getIndex()).isNotEqualTo(victim);
            assertThat(after.getAttempt()).as("attempt of interrupted shard %d", after.getIndex()).isGreaterThan(before.getAttempt());
        }
        JournalAudit audit = RunChecks.audit(cluster, runId);
        log.info("executions by worker: {} ({} executions for {} shards; victim {} interrupted {})",
                audit.executionsByWorker(), audit.entries().size(), SHARDS, victim, interrupted.keySet());
        assertThat(audit.shardsNeverExecuted(SHARDS)).isEmpty();
        assertThat(audit.violations(SHARDS)).isEmpty();
    }

    private static boolean movedAway(ShardRecord shard, String victim) {
        return !shard.getWorkerId().equals(victim) && !shard.getWorkerId().isEmpty()
                && (shard.getState() == ShardState.SHARD_STATE_RUNNING || shard.getState() == ShardState.SHARD_STATE_SUCCEEDED);
    }
}
