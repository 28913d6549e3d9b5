package io.baton.testing.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.baton.client.BatonClient;
import io.baton.client.BatonException;
import io.baton.client.ClientConfig;
import io.baton.client.JobSpecs;
import io.baton.proto.v1.ClusterView;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.server.SchedulerNode;
import io.baton.worker.handlers.DemoHandlers;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SDK against a real in-process cluster: redirects, typed errors, cron jobs, cluster status. */
class ClientIntegrationTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private InProcessCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = new InProcessCluster();
        cluster.startScheduler("s1");
        cluster.startScheduler("s2");
        cluster.startWorker("w1", 4, DemoHandlers.all());
        await().atMost(DEADLINE).until(() -> cluster.leader().isPresent());
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    @Test
    void aClientThatOnlyKnowsAFollowerIsRedirectedToTheLeader() {
        SchedulerNode follower = cluster.schedulers().stream().filter(s -> !s.isLeader()).findFirst().orElseThrow();
        try (BatonClient client = BatonClient.connect(ClientConfig.addresses(List.of(follower.address())))) {
            RunRecord run = client.submit(JobSpecs.runNow("redirected", "demo.echo", 3).build()).orElseThrow();
            assertThat(client.awaitRun(run.getRunId(), DEADLINE).getState()).isEqualTo(RunState.RUN_STATE_SUCCEEDED);
        }
    }

    @Test
    void anInvalidSpecIsRefusedNamingTheFieldsAndNothingIsStored() {
        try (BatonClient client = client()) {
            assertThatThrownBy(() -> client.submit(JobSpecs.cron("bad name", "demo.echo", 0, "not a cron", "Mars/Olympus").build()))
                    .isInstanceOfSatisfying(BatonException.class, e -> {
                        assertThat(e.code()).isEqualTo(BatonException.Code.INVALID);
                        assertThat(e.getMessage()).contains("name:", "shard_count:", "schedule.cron.expression:");
                    });
            assertThatThrownBy(() -> client.getJob("bad name"))
                    .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(BatonException.Code.NOT_FOUND));
        }
    }

    @Test
    void ofManyConcurrentSubmitsOfOneNameExactlyOneStoresTheJob() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try (BatonClient client = client()) {
            List<java.util.concurrent.Future<String>> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                outcomes.add(pool.submit(() -> {
                    try {
                        client.submit(JobSpecs.cron("contended", "demo.echo", 1, "0 0 0 1 1 ? 2099", "UTC").build());
                        return "stored";
                    } catch (BatonException e) {
                        return e.code().name();
                    }
                }));
            }
            List<String> results = new java.util.ArrayList<>();
            for (var f : outcomes) results.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS));

            assertThat(results).containsOnlyOnce("stored").containsOnly("stored", "ALREADY_EXISTS");
            assertThat(client.getJob("contended").getVersion()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void submittingAnExistingJobAndTriggeringAnUnknownOneAreTypedErrors() {
        try (BatonClient client = client()) {
            client.submit(JobSpecs.runNow("once", "demo.echo", 1).build());
            assertThatThrownBy(() -> client.submit(JobSpecs.runNow("once", "demo.echo", 1).build()))
                    .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(BatonException.Code.ALREADY_EXISTS));
            assertThatThrownBy(() -> client.trigger("nope"))
                    .isInstanceOfSatisfying(BatonException.class, e -> assertThat(e.code()).isEqualTo(BatonException.Code.NOT_FOUND));
        }
    }

    @Test
    void aCronJobFiresRunsThatComplete() {
        try (BatonClient client = client()) {
            client.submit(JobSpecs.cron("every-second", "demo.echo", 2, "* * * * * ?", "Europe/Berlin").build());
            await().atMost(DEADLINE).until(() -> client.listRuns("every-second").stream()
                    .filter(r -> r.getState() == RunState.RUN_STATE_SUCCEEDED).count() >= 2);
            List<RunRecord> runs = client.listRuns("every-second");
            assertThat(runs).extracting(RunRecord::getFireTimeMillis).doesNotHaveDuplicates()
                    .allSatisfy(t -> assertThat(t % 1000).isZero());
            assertThat(client.getJob("every-second").getLastFireMillis()).isPositive();
        }
    }

    @Test
    void fixedRateAndOneShotJobsFireOnARealCluster() {
        try (BatonClient client = client()) {
            client.submit(JobSpecs.fixedRate("rate", "demo.echo", 1, 500).build());
            client.submit(JobSpecs.oneShot("shot", "demo.echo", 2, System.currentTimeMillis() + 300).build());
            await().atMost(DEADLINE).until(() -> client.listRuns("rate").stream()
                    .filter(r -> r.getState() == RunState.RUN_STATE_SUCCEEDED).count() >= 3);
            await().atMost(DEADLINE).until(() -> client.listRuns("shot").stream()
                    .anyMatch(r -> r.getState() == RunState.RUN_STATE_SUCCEEDED));
            List<RunRecord> rate = client.listRuns("rate");
            long created = client.getJob("rate").getCreatedMillis();
            assertThat(rate).extracting(RunRecord::getFireTimeMillis)
                    .allSatisfy(t -> assertThat((t - created) % 500).isZero()).doesNotHaveDuplicates();
            assertThat(client.listRuns("shot")).hasSize(1);
        }
    }

    @Test
    void aManualTriggerMayOverrideTheJobParameterForThatRunOnly() {
        try (BatonClient client = client()) {
            client.submit(JobSpecs.cron("manual", "demo.sleep", 2, "0 0 0 1 1 ? 2099", "").setJobParameter("5000").build());
            RunRecord quick = client.awaitRun(client.trigger("manual", "10").getRunId(), DEADLINE);
            assertThat(quick.getState()).isEqualTo(RunState.RUN_STATE_SUCCEEDED);
            assertThat(quick.getJobParameter()).isEqualTo("10");
            assertThat(quick.getShardsList()).allSatisfy(s -> assertThat(s.getMessage()).isEqualTo("slept 10 ms"));
            assertThat(client.getJob("manual").getSpec().getJobParameter()).isEqualTo("5000");
        }
    }

    @Test
    void clusterStatusShowsLeaderSchedulersAndWorkers() {
        try (BatonClient client = client()) {
            ClusterView view = client.clusterStatus();
            SchedulerNode leader = cluster.leader().orElseThrow();
            assertThat(view.getLeader().getNodeId()).isEqualTo(leader.nodeId());
            assertThat(view.getLeader().getEpoch()).isEqualTo(leader.leaderEpoch().orElseThrow());
            assertThat(view.getSchedulersList()).hasSize(2);
            assertThat(view.getWorkersList()).singleElement().satisfies(w -> assertThat(w.getWorkerId()).isEqualTo("w1"));
        }
    }

    @Test
    void anUnreachableClusterYieldsUnavailableNamingWhatWasTried() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        ClientConfig config = ClientConfig.addresses(List.of("127.0.0.1:" + deadPort)).withRequestTimeout(Duration.ofSeconds(1));
        try (BatonClient client = BatonClient.connect(config)) {
            assertThatThrownBy(() -> client.getJob("x"))
                    .isInstanceOfSatisfying(BatonException.class, e -> {
                        assertThat(e.code()).isEqualTo(BatonException.Code.UNAVAILABLE);
                        assertThat(e.getMessage()).contains("127.0.0.1:" + deadPort, "1000 ms");
                    });
        }
    }

    @Test
    void anUnreachableZooKeeperYieldsUnavailableWithinTheRequestTimeout() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        ClientConfig config = ClientConfig.zookeeper("127.0.0.1:" + deadPort).withRequestTimeout(Duration.ofSeconds(2));
        try (BatonClient client = BatonClient.connect(config)) {
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                    assertThatThrownBy(client::clusterStatus).isInstanceOfSatisfying(BatonException.class,
                            e -> assertThat(e.code()).isEqualTo(BatonException.Code.UNAVAILABLE)));
        }
    }

    private BatonClient client() {
        return BatonClient.connect(ClientConfig.zookeeper(cluster.zkSettings()));
    }
}
