package io.baton.testing.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.baton.client.BatonClient;
import io.baton.client.BatonException;
import io.baton.client.ClientConfig;
import io.baton.client.JobSpecs;
import io.baton.client.RunListener;
import io.baton.client.RunWatch;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.WorkerState;
import io.baton.server.SchedulerNode;
import io.baton.worker.handlers.DemoHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SDK operations for operators and automation on a real in-process cluster. */
class SdkOperationsIntegrationTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private InProcessCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = new InProcessCluster();
        cluster.startScheduler("s1");
        cluster.startScheduler("s2");
        cluster.startWorker("w1", 4, DemoHandlers.all());
        cluster.startWorker("w2", 4, DemoHandlers.all());
        await().atMost(DEADLINE).until(() -> cluster.leader().map(l -> l.readyWorkers().size() == 2).orElse(false));
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    private BatonClient client() {
        return BatonClient.connect(ClientConfig.zookeeper(cluster.zkSettings()));
    }

    @Test
    void applyCreatesUpdatesOrLeavesAJobAndListFiltersByPrefix() {
        try (BatonClient client = client()) {
            JobSpec spec = JobSpecs.cron("nightly-export", "demo.echo", 2, "0 0 2 * * ?", "Europe/Berlin").build();
            assertThat(client.apply(spec).getVersion()).isEqualTo(1);
            assertThat(client.apply(spec).getVersion()).as("unchanged").isEqualTo(1);
            JobRecord updated = client.apply(spec.toBuilder().setJobParameter("v2").build());
            assertThat(updated.getVersion()).isEqualTo(2);
            assertThat(updated.getSpec().getJobParameter()).isEqualTo("v2");
            client.apply(JobSpecs.cron("nightly-import", "demo.echo", 1, "0 0 3 * * ?", "").build());
            client.apply(JobSpecs.cron("hourly", "demo.echo", 1, "0 0 * * * ?", "").build());

            assertThat(client.listJobs("nightly-")).extracting(j -> j.getSpec().getName())
                    .containsExactly("nightly-export", "nightly-import");
            assertThat(client.listJobs("")).hasSize(3);
        }
    }

    @Test
    void aRetriedTriggerWithTheSameIdempotencyKeyStartsOneRunEvenAcrossALeaderChange() throws Exception {
        try (BatonClient client = client()) {
            client.submit(JobSpecs.cron("billing", "demo.sleep", 1, "0 0 0 1 1 ? 2099", "").setJobParameter("50").build());
            RunRecord first = client.trigger("billing", Optional.empty(), Optional.of("invoice-2026-11"));
            RunRecord again = client.trigger("billing", Optional.empty(), Optional.of("invoice-2026-11"));
            assertThat(again.getRunId()).isEqualTo(first.getRunId());

            SchedulerNode leader = cluster.leader().orElseThrow();
            leader.close();
            await().atMost(DEADLINE).until(() -> cluster.leader().filter(l -> l != leader).isPresent());
            RunRecord afterFailover = client.trigger("billing", Optional.empty(), Optional.of("invoice-2026-11"));

            assertThat(afterFailover.getRunId()).isEqualTo(first.getRunId());
            assertThat(client.listRuns("billing")).hasSize(1);
            assertThat(client.trigger("billing", Optional.empty(), Optional.of("invoice-2026-12")).getRunId())
                    .isNotEqualTo(first.getRunId());
            assertThatThrownBy(() -> client.trigger("billing", Optional.empty(), Optional.of("bad key!")))
                    .isInstanceOfSatisfying(BatonException.class, e -> {
                        assertThat(e.code()).isEqualTo(BatonException.Code.INVALID);
                        assertThat(e.getMessage()).contains("idempotency_key");
                    });
        }
    }

    @Test
    void aWatchReportsProgressUntilTheRunFinishes() throws Exception {
        try (BatonClient client = client()) {
            RunRecord run = client.submit(JobSpecs.runNow("watched", "demo.sleep", 4).setJobParameter("300").build()).orElseThrow();
            List<RunRecord> seen = new CopyOnWriteArrayList<>();
            AtomicReference<RunRecord> finished = new AtomicReference<>();
            try (RunWatch watch = client.watchRun(run.getRunId(), Duration.ofMillis(50), new RunListener() {
                @Override public void onChange(RunRecord previous, RunRecord current) { seen.add(current); }
                @Override public void onFinished(RunRecord r) { finished.set(r); }
            })) {
                assertThat(watch.await(DEADLINE)).isTrue();
            }
            assertThat(finished.get().getState()).isEqualTo(RunState.RUN_STATE_SUCCEEDED);
            assertThat(seen.size()).as("saw the run change while it ran").isGreaterThanOrEqualTo(2);
            assertThat(seen.get(seen.size() - 1)).isEqualTo(finished.get());
        }
    }

    @Test
    void aCordonedWorkerGetsNoShardsAndADrainedOneEndsEmpty() {
        try (BatonClient client = client()) {
            client.cordon("w1", true);
            RunRecord run = client.submit(JobSpecs.runNow("placed", "demo.echo", 6).build()).orElseThrow();
            RunRecord done = client.awaitRun(run.getRunId(), DEADLINE);
            assertThat(done.getShardsList()).allSatisfy(s -> assertThat(s.getWorkerId()).isEqualTo("w2"));
            assertThat(client.clusterStatus().getWorkerStatesList()).filteredOn(WorkerState::getCordoned)
                    .extracting(WorkerState::getWorkerId).containsExactly("w1");

            client.cordon("w1", false);
            RunRecord slow = client.submit(JobSpecs.runNow("slow", "demo.sleep", 8).setJobParameter("400").build()).orElseThrow();
            await().atMost(DEADLINE).until(() -> client.getRun(slow.getRunId()).getShardsList().stream()
                    .anyMatch(s -> s.getWorkerId().equals("w1") && s.getState() == io.baton.proto.v1.ShardState.SHARD_STATE_RUNNING));

            assertThat(client.drain("w1", DEADLINE)).isTrue();

            assertThat(client.clusterStatus().getWorkerStatesList()).filteredOn(w -> w.getWorkerId().equals("w1"))
                    .singleElement().satisfies(w -> {
                        assertThat(w.getRunning()).isZero();
                        assertThat(w.getCordoned()).isTrue();
                    });
            assertThat(client.awaitRun(slow.getRunId(), DEADLINE).getState()).isEqualTo(RunState.RUN_STATE_SUCCEEDED);
        }
    }

    @Test
    void aCordonOutlivesALeaderChange() {
        try (BatonClient client = client()) {
            client.cordon("w2", true);
            SchedulerNode leader = cluster.leader().orElseThrow();
            leader.close();
            await().atMost(DEADLINE).until(() -> cluster.leader().filter(l -> l != leader).isPresent());
            RunRecord run = client.submit(JobSpecs.runNow("after", "demo.echo", 4).build()).orElseThrow();
            assertThat(client.awaitRun(run.getRunId(), DEADLINE).getShardsList())
                    .allSatisfy(s -> assertThat(s.getWorkerId()).isEqualTo("w1"));
        }
    }

    @Test
    void theLeaderResignsOnRequestAndAnotherNodeLeads() {
        try (BatonClient client = client()) {
            SchedulerNode before = cluster.leader().orElseThrow();
            long epoch = before.leaderEpoch().orElseThrow();
            client.resignLeader();
            await().atMost(DEADLINE).until(() -> cluster.leader().filter(l -> l != before).isPresent());
            assertThat(cluster.leader().orElseThrow().leaderEpoch().orElseThrow()).isGreaterThan(epoch);
            RunRecord run = client.submit(JobSpecs.runNow("after-resign", "demo.echo", 2).build()).orElseThrow();
            assertThat(client.awaitRun(run.getRunId(), DEADLINE).getState()).isEqualTo(RunState.RUN_STATE_SUCCEEDED);
        }
    }

    @Test
    void cancellingAFinishedRunIsAConflictAndAnUnknownOneIsNotFound() {
        try (BatonClient client = client()) {
            RunRecord run = client.submit(JobSpecs.runNow("quick", "demo.echo", 1).build()).orElseThrow();
            client.awaitRun(run.getRunId(), DEADLINE);
            assertThatThrownBy(() -> client.cancelRun(run.getRunId())).isInstanceOfSatisfying(BatonException.class,
                    e -> assertThat(e.code()).isEqualTo(BatonException.Code.CONFLICT));
            assertThatThrownBy(() -> client.cancelRun("quick@1-api")).isInstanceOfSatisfying(BatonException.class,
                    e -> assertThat(e.code()).isEqualTo(BatonException.Code.NOT_FOUND));
        }
    }
}
