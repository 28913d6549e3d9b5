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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Concurrency and misfire policies on a real in-process cluster, including a leader outage mid-schedule. */
class SchedulingPoliciesIntegrationTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private InProcessCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = new InProcessCluster();
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    private BatonClient client() {
        return BatonClient.connect(ClientConfig.zookeeper(cluster.zkSettings()));
    }

    private static long count(List<RunRecord> runs, RunState state) {
        return runs.stream().filter(r -> r.getState() == state).count();
    }

    @Test
    void skipQueueAndAllowWhileEarlierRunsAreStillGoing() throws Exception {
        cluster.startScheduler("s1");
        CountDownLatch gate = new CountDownLatch(1);
        Set<String> started = GateHandler.newLog();
        AtomicInteger finished = new AtomicInteger();
        cluster.startWorker("w1", 16, Map.of(GateHandler.NAME, new GateHandler("w1", gate, started, finished)));
        try (BatonClient client = client()) {
            client.submit(JobSpecs.fixedRate("skip", GateHandler.NAME, 1, 200).build());
            client.submit(JobSpecs.fixedRate("queue", GateHandler.NAME, 1, 200)
                    .setConcurrencyPolicy(ConcurrencyPolicy.CONCURRENCY_POLICY_QUEUE).setMaxQueuedRuns(2).build());
            client.submit(JobSpecs.fixedRate("allow", GateHandler.NAME, 1, 200)
                    .setConcurrencyPolicy(ConcurrencyPolicy.CONCURRENCY_POLICY_ALLOW).build());

            await().atMost(DEADLINE).until(() -> count(client.listRuns("allow"), RunState.RUN_STATE_RUNNING) >= 3
                    && client.getJob("skip").getSkippedFires() >= 2 && client.getJob("queue").getSkippedFires() >= 1);

            assertThat(client.listRuns("skip")).as("SKIP: one run, later fires skipped").hasSize(1);
            List<RunRecord> queue = client.listRuns("queue");
            assertThat(count(queue, RunState.RUN_STATE_RUNNING)).isEqualTo(1);
            assertThat(count(queue, RunState.RUN_STATE_QUEUED)).as("QUEUE holds at most 2").isEqualTo(2);

            for (String job : List.of("skip", "queue", "allow")) client.pause(job);
            gate.countDown();
            await().atMost(DEADLINE).until(() -> client.listRuns("queue").stream()
                    .allMatch(r -> r.getState() == RunState.RUN_STATE_SUCCEEDED));
            List<RunRecord> ran = client.listRuns("queue").stream()
                    .sorted(Comparator.comparingLong(RunRecord::getFireTimeMillis)).toList();
            assertThat(ran).hasSizeGreaterThanOrEqualTo(3);
            for (int i = 1; i < ran.size(); i++) {
                assertThat(ran.get(i).getShards(0).getStartedMillis())
                        .as("queued runs run one after another")
                        .isGreaterThanOrEqualTo(ran.get(i - 1).getShards(0).getFinishedMillis());
            }
        }
    }

    /**
     * One leader runs three 1-second fixed-rate jobs, one per misfire policy; it stops, no leader exists for
     * several periods, then a new one takes over. Fires missed in between: FIRE_ONCE_NOW makes exactly one
     * run, FIRE_ALL_MISSED one per missed fire, SKIP none; all three then keep their schedule.
     */
    @Test
    void misfirePoliciesDecideTheFiresMissedDuringALeaderOutage() throws Exception {
        // fires decided when due: a fire decided ahead of the outage would run late as decided, not meet the
        // misfire policy, and blur the count (CoordinatorFireLeadTest covers that case)
        SchedulerNode first = cluster.startScheduler("s1", Duration.ZERO);
        cluster.startWorker("w1", 8, DemoHandlers.all());
        long period = 1_000;
        Map<String, MisfirePolicy> jobs = Map.of("once", MisfirePolicy.MISFIRE_POLICY_FIRE_ONCE_NOW,
                "all", MisfirePolicy.MISFIRE_POLICY_FIRE_ALL_MISSED, "skip", MisfirePolicy.MISFIRE_POLICY_SKIP);
        try (BatonClient client = client()) {
            jobs.forEach((name, policy) -> client.submit(JobSpecs.fixedRate(name, "demo.echo", 1, period)
                    .setMisfirePolicy(policy).setMaxMissedFires(20)
                    .setConcurrencyPolicy(ConcurrencyPolicy.CONCURRENCY_POLICY_ALLOW).build()));
            // a run the client can see is durable: the first leader decided at least one fire of each job
            await().atMost(DEADLINE).until(() -> jobs.keySet().stream().allMatch(j -> client.listRuns(j).size() >= 1));

            first.close();
            long stopped = System.currentTimeMillis();
            // the outage: no leader for more than three periods
            await().pollDelay(Duration.ofMillis(3_500)).atMost(DEADLINE).until(() -> System.currentTimeMillis() - stopped >= 3_500);
            long restarted = System.currentTimeMillis();
            cluster.startScheduler("s2", Duration.ZERO);
            await().atMost(DEADLINE).until(() -> jobs.keySet().stream().allMatch(j ->
                    client.listRuns(j).stream().anyMatch(r -> r.getFireTimeMillis() > restarted + period)));

            for (String name : jobs.keySet()) {
                List<RunRecord> runs = client.listRuns(name);
                long lastBefore = runs.stream().mapToLong(RunRecord::getFireTimeMillis).filter(t -> t <= stopped).max().orElseThrow();
                List<Long> missedRuns = runs.stream().map(RunRecord::getFireTimeMillis)
                        .filter(t -> t > lastBefore && t <= restarted).sorted().toList();
                long missedFires = (restarted - lastBefore) / period;
                System.out.printf("MEASURE misfire %s: %d fires missed, %d runs for them%n", name, missedFires, missedRuns.size());
                assertThat(missedFires).isGreaterThanOrEqualTo(3);
                switch (jobs.get(name)) {
                    case MISFIRE_POLICY_FIRE_ONCE_NOW -> assertThat(missedRuns).containsExactly(lastBefore + period);
                    case MISFIRE_POLICY_FIRE_ALL_MISSED -> {
                        assertThat(missedRuns).hasSize((int) missedFires);
                        for (int i = 0; i < missedRuns.size(); i++) {
                            assertThat(missedRuns.get(i)).isEqualTo(lastBefore + (i + 1) * period);
                        }
                    }
                    default -> assertThat(missedRuns).isEmpty();
                }
                assertThat(runs).extracting(RunRecord::getRunId).doesNotHaveDuplicates();
            }
        }
    }
}
