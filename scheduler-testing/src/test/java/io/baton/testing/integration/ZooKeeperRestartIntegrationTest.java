package io.baton.testing.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.baton.client.BatonClient;
import io.baton.client.ClientConfig;
import io.baton.client.JobSpecs;
import io.baton.proto.v1.ConcurrencyPolicy;
import io.baton.proto.v1.MisfirePolicy;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.server.SchedulerNode;
import io.baton.worker.handlers.DemoHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Layer 2: the ZooKeeper server restarts (same port, same data) a few times while a leader creates and
 * commits runs of every-second cron jobs; each outage is shorter than the session, so every session
 * survives. The leader keeps its term (same node, same epoch: multis that met the connection loss are
 * settled, not answered with a new term) and every second of the schedule has exactly one run.
 */
class ZooKeeperRestartIntegrationTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final int JOBS = 8;
    private static final int RESTARTS = 3;

    private InProcessCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = new InProcessCluster();
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    void theLeaderKeepsItsTermAcrossZooKeeperRestartsAndEveryFireHasOneRun() throws Exception {
        SchedulerNode scheduler = cluster.startScheduler("s1");
        cluster.startWorker("w1", 16, DemoHandlers.all());
        cluster.startWorker("w2", 16, DemoHandlers.all());
        await().atMost(DEADLINE).until(() -> scheduler.isLeader() && scheduler.readyWorkers().size() == 2);
        long epoch = scheduler.leaderEpoch().orElseThrow();
        try (BatonClient client = BatonClient.connect(ClientConfig.zookeeper(cluster.connectString()).withRequestTimeout(Duration.ofSeconds(10)))) {
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                String name = "every-second-" + i;
                jobs.add(name);
                client.submit(JobSpecs.cron(name, "demo.echo", 4, "* * * * * ?", "UTC")
                        .setMisfirePolicy(MisfirePolicy.MISFIRE_POLICY_FIRE_ALL_MISSED).setMaxMissedFires(100)
                        .setConcurrencyPolicy(ConcurrencyPolicy.CONCURRENCY_POLICY_ALLOW).build());
            }
            await().atMost(DEADLINE).ignoreExceptions().until(() -> succeeded(client, jobs.get(0)).size() >= 2);

            for (int i = 0; i < RESTARTS; i++) {
                int before = succeeded(client, jobs.get(0)).size();
                restartJustAfterAFire();
                await().atMost(DEADLINE).ignoreExceptions().until(() -> succeeded(client, jobs.get(0)).size() >= before + 2);
            }

            assertThat(scheduler.isLeader()).isTrue();
            assertThat(scheduler.leaderEpoch()).as("same term: no renewal, no failover").contains(epoch);
            for (String job : jobs) {
                List<RunRecord> runs = client.listRuns(job);
                TreeSet<Long> fires = new TreeSet<>();
                for (RunRecord r : runs) assertThat(fires.add(r.getFireTimeMillis())).as("one run per fire of " + job).isTrue();
                // every whole second from the first stored fire to the last has its run
                assertThat(fires.last() - fires.first()).isEqualTo(1000L * (fires.size() - 1));
                assertThat(fires.size()).isGreaterThanOrEqualTo(2 * RESTARTS);
            }
        }
    }

    /**
     * Restarts ZooKeeper a few milliseconds after a whole second, when the leader's run-creation multi and
     * the group commits of the shards that follow are in flight: the fault this test is about.
     */
    private void restartJustAfterAFire() throws Exception {
        long delay = 1000 - System.currentTimeMillis() % 1000 + 3;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.schedule(() -> {
                cluster.restartZooKeeper();
                return null;
            }, delay, TimeUnit.MILLISECONDS).get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            timer.shutdownNow();
        }
    }

    private static Set<String> succeeded(BatonClient client, String job) {
        Set<String> out = new TreeSet<>();
        for (RunRecord r : client.listRuns(job)) if (r.getState() == RunState.RUN_STATE_SUCCEEDED) out.add(r.getRunId());
        return out;
    }
}
