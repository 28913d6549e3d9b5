package io.baton.testing.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.baton.client.BatonClient;
import io.baton.client.ClientConfig;
import io.baton.client.JobSpecs;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardRecord;
import io.baton.proto.v1.ShardState;
import io.baton.worker.handlers.DemoHandlers;
import io.baton.worker.api.ShardHandler;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries with backoff, attempt timeouts and run cancellation on a real in-process cluster. */
class RetryTimeoutIntegrationTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private InProcessCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = new InProcessCluster();
        cluster.startScheduler("s1");
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    private BatonClient client() {
        return BatonClient.connect(ClientConfig.zookeeper(cluster.zkSettings()));
    }

    private void workers(int failures, FlakyHandler.Log log) throws Exception {
        for (String id : List.of("w1", "w2")) {
            Map<String, ShardHandler> handlers = new HashMap<>(DemoHandlers.all());
            handlers.put(FlakyHandler.NAME, new FlakyHandler(id, failures, log));
            cluster.startWorker(id, 4, handlers);
        }
        await().atMost(DEADLINE).until(() -> cluster.leader().map(l -> l.readyWorkers().size() == 2).orElse(false));
    }

    @Test
    void aFailingShardIsRetriedWithGrowingBackoffUntilItSucceeds() throws Exception {
        FlakyHandler.Log log = new FlakyHandler.Log();
        workers(2, log);
        try (BatonClient client = client()) {
            RunRecord run = client.submit(JobSpecs.runNow("flaky", FlakyHandler.NAME, 1)
                    .setRetry(JobSpecs.retry(3, 200, 5_000, 2.0, 0)).build()).orElseThrow();

            RunRecord done = client.awaitRun(run.getRunId(), DEADLINE);

            assertThat(done.getState()).isEqualTo(RunState.RUN_STATE_SUCCEEDED);
            ShardRecord shard = done.getShards(0);
            assertThat(shard.getFailedAttempts()).isEqualTo(2);
            assertThat(shard.getAttempt()).isEqualTo(3);
            assertThat(shard.getSuccessCount()).isEqualTo(1);
            List<FlakyHandler.Call> calls = log.history;
            assertThat(calls).hasSize(3);
            long firstGap = calls.get(1).atMillis() - calls.get(0).atMillis();
            long secondGap = calls.get(2).atMillis() - calls.get(1).atMillis();
            System.out.printf("MEASURE retry gaps: %d ms, %d ms (backoff 200, 400)%n", firstGap, secondGap);
            assertThat(firstGap).isGreaterThanOrEqualTo(200);
            assertThat(secondGap).isGreaterThanOrEqualTo(400);
            assertThat(calls).extracting(FlakyHandler.Call::workerId).as("retries move between workers")
                    .contains("w1", "w2");
        }
    }

    @Test
    void aShardThatFailsEveryAttemptFailsTheRun() throws Exception {
        FlakyHandler.Log log = new FlakyHandler.Log();
        workers(Integer.MAX_VALUE, log);
        try (BatonClient client = client()) {
            RunRecord run = client.submit(JobSpecs.runNow("hopeless", FlakyHandler.NAME, 2)
                    .setRetry(JobSpecs.retry(2, 100, 1_000, 2.0, 0.5)).build()).orElseThrow();

            RunRecord done = client.awaitRun(run.getRunId(), DEADLINE);

            assertThat(done.getState()).isEqualTo(RunState.RUN_STATE_FAILED);
            assertThat(done.getShardsList()).allSatisfy(s -> {
                assertThat(s.getState()).isEqualTo(ShardState.SHARD_STATE_FAILED);
                assertThat(s.getFailedAttempts()).isEqualTo(2);
                assertThat(s.getMessage()).startsWith("flaky failure");
            });
            assertThat(log.history).hasSize(4);
        }
    }

    @Test
    void anAttemptRunningPastItsTimeoutIsCancelledOnTheWorkerAndCountsAsAFailure() throws Exception {
        workers(0, new FlakyHandler.Log());
        try (BatonClient client = client()) {
            RunRecord run = client.submit(JobSpecs.runNow("slow", "demo.sleep", 1).setJobParameter("20000")
                    .setAttemptTimeoutMillis(300).setRetry(JobSpecs.retry(2, 100, 1_000, 2.0, 0)).build()).orElseThrow();

            RunRecord done = client.awaitRun(run.getRunId(), DEADLINE);

            assertThat(done.getState()).isEqualTo(RunState.RUN_STATE_FAILED);
            assertThat(done.getShards(0).getFailedAttempts()).isEqualTo(2);
            assertThat(done.getShards(0).getMessage()).contains("timed out");
            long took = done.getFinishedMillis() - done.getCreatedMillis();
            System.out.printf("MEASURE two 300 ms attempts timed out; run took %d ms%n", took);
            assertThat(took).as("two timeouts and a backoff, far below the 20 s sleep").isLessThan(10_000);
        }
    }

    @Test
    void theLeaderTimesOutAnAttemptWhoseHandlerIgnoresCancellationAndNeverAnswers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        // a handler that swallows interrupts: the worker can flag it but never gets a result out of it
        ShardHandler stubborn = ctx -> {
            calls.incrementAndGet();
            while (true) {
                try {
                    if (release.await(10, java.util.concurrent.TimeUnit.SECONDS)) break;
                } catch (InterruptedException ignored) {
                    // keeps going on purpose
                }
            }
            return io.baton.worker.api.ShardResult.succeeded("too late");
        };
        var w1 = cluster.startWorker("w1", 2, Map.of("test.stubborn", stubborn));
        try (BatonClient client = client()) {
            RunRecord run = client.submit(JobSpecs.runNow("stuck", "test.stubborn", 1).setAttemptTimeoutMillis(200).build())
                    .orElseThrow();

            RunRecord done = client.awaitRun(run.getRunId(), DEADLINE);

            assertThat(done.getState()).isEqualTo(RunState.RUN_STATE_FAILED);
            assertThat(done.getShards(0).getMessage()).startsWith("timed out: no result within 200 ms");
            long took = done.getFinishedMillis() - done.getCreatedMillis();
            System.out.printf("MEASURE leader-side timeout (200 ms + 2000 ms grace): run failed after %d ms%n", took);
            assertThat(took).isGreaterThanOrEqualTo(2_200);
            assertThat(w1.running()).as("the handler is still stuck on the worker").hasSize(1);
            release.countDown();
            await().atMost(DEADLINE).until(() -> w1.running().isEmpty());
            assertThat(client.getRun(run.getRunId()).getState()).as("its late report changes nothing").isEqualTo(RunState.RUN_STATE_FAILED);
            assertThat(calls.get()).isEqualTo(1);
        }
    }

    @Test
    void cancellingARunCancelsItsRunningShardsOnTheWorkers() throws Exception {
        Set<String> started = GateHandler.newLog();
        AtomicInteger finished = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        var w1 = cluster.startWorker("w1", 4, Map.of(GateHandler.NAME, new GateHandler("w1", never, started, finished)));
        try (BatonClient client = client()) {
            RunRecord run = client.submit(JobSpecs.runNow("long", GateHandler.NAME, 3).build()).orElseThrow();
            await().atMost(DEADLINE).until(() -> started.size() == 3);

            RunRecord cancelled = client.cancelRun(run.getRunId());

            assertThat(cancelled.getState()).isEqualTo(RunState.RUN_STATE_CANCELLED);
            assertThat(cancelled.getShardsList()).extracting(ShardRecord::getState).containsOnly(ShardState.SHARD_STATE_CANCELLED);
            await().atMost(DEADLINE).until(() -> w1.running().isEmpty());
            assertThat(finished.get()).as("no handler ran to completion").isZero();
            assertThat(client.getRun(run.getRunId()).getState()).isEqualTo(RunState.RUN_STATE_CANCELLED);
        }
    }
}
