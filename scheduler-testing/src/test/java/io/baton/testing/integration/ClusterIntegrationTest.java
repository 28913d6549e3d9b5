package io.baton.testing.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.baton.client.BatonClient;
import io.baton.client.ClientConfig;
import io.baton.client.JobSpecs;
import io.baton.common.rpc.MessageListener;
import io.baton.common.rpc.RpcClient;
import io.baton.common.rpc.RpcConfig;
import io.baton.common.rpc.RpcConnection;
import io.baton.common.rpc.RpcRuntime;
import io.baton.proto.v1.AssignShard;
import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.LeaderHello;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardRecord;
import io.baton.proto.v1.ShardState;
import io.baton.server.SchedulerNode;
import io.baton.worker.WorkerNode;
import io.baton.worker.handlers.DemoHandlers;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Layer 2: a real ZooKeeper server and real Netty on loopback, all in this JVM. Leader election with
 * epochs, a sharded run over two workers, a worker lost mid-run, a leader lost mid-run, stale epochs.
 */
class ClusterIntegrationTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private InProcessCluster cluster;

    @BeforeEach
    void startZooKeeper() throws Exception {
        cluster = new InProcessCluster();
    }

    @AfterEach
    void stopAll() throws Exception {
        cluster.close();
    }

    @Test
    void threeNodesElectOneLeaderAndClosingItYieldsANewLeaderWithAHigherEpoch() throws Exception {
        for (String id : new String[] {"s1", "s2", "s3"}) cluster.startScheduler(id);
        await().atMost(DEADLINE).until(() -> leaders() == 1);
        SchedulerNode first = cluster.leader().orElseThrow();
        long firstEpoch = first.leaderEpoch().orElseThrow();

        first.close();

        await().atMost(DEADLINE).until(() -> cluster.leader().filter(l -> l != first).isPresent());
        SchedulerNode second = cluster.leader().orElseThrow();
        assertThat(second.leaderEpoch().orElseThrow()).isGreaterThan(firstEpoch);
        assertThat(leaders()).isEqualTo(1);
    }

    @Test
    void eightShardJobOverTwoWorkersCompletesWithEveryShardSucceededOnce() throws Exception {
        cluster.startScheduler("s1");
        cluster.startScheduler("s2");
        cluster.startWorker("w1", 4, DemoHandlers.all());
        cluster.startWorker("w2", 4, DemoHandlers.all());
        await().atMost(DEADLINE).until(() -> cluster.leader().map(l -> l.readyWorkers().size() == 2).orElse(false));
        try (BatonClient client = client()) {
            RunRecord run = client.submit(JobSpecs.runNow("eight", "demo.echo", 8)
                    .addAllShardParameters(java.util.List.of("a", "b", "c", "d", "e", "f", "g", "h")).build()).orElseThrow();

            RunRecord done = client.awaitRun(run.getRunId(), DEADLINE);

            assertThat(done.getState()).isEqualTo(RunState.RUN_STATE_SUCCEEDED);
            assertThat(done.getShardsList()).hasSize(8).allSatisfy(s -> {
                assertThat(s.getState()).isEqualTo(ShardState.SHARD_STATE_SUCCEEDED);
                assertThat(s.getSuccessCount()).isEqualTo(1);
            });
            assertThat(done.getShards(2).getMessage()).isEqualTo("c");
            assertThat(done.getShardsList()).extracting(ShardRecord::getWorkerId).containsOnly("w1", "w2").contains("w1", "w2");
            // group commit: far fewer run-record writes than shard transitions (8 shards x 3 transitions)
            long multis = (Long) cluster.leader().orElseThrow().metrics().getGauges().get("baton.scheduler.zk.run_multis").getValue();
            System.out.println("8 shards: run multis written by the leader = " + multis);
            assertThat(multis).isPositive().isLessThan(24);
        }
    }

    @Test
    void workerClosedMidRunHasItsShardsCompletedByTheOther() throws Exception {
        cluster.startScheduler("s1");
        Set<String> started = GateHandler.newLog();
        AtomicInteger finished = new AtomicInteger();
        CountDownLatch gate1 = new CountDownLatch(1);
        CountDownLatch gate2 = new CountDownLatch(1);
        WorkerNode w1 = cluster.startWorker("w1", 4, Map.of(GateHandler.NAME, new GateHandler("w1", gate1, started, finished)));
        cluster.startWorker("w2", 4, Map.of(GateHandler.NAME, new GateHandler("w2", gate2, started, finished)));
        try (BatonClient client = client()) {
            RunRecord run = client.submit(JobSpecs.runNow("lose-worker", GateHandler.NAME, 8).build()).orElseThrow();
            await().atMost(DEADLINE).until(() -> started.size() == 8);

            w1.close();
            gate2.countDown();
            RunRecord done = client.awaitRun(run.getRunId(), DEADLINE);

            assertThat(done.getState()).isEqualTo(RunState.RUN_STATE_SUCCEEDED);
            assertThat(done.getShardsList()).allSatisfy(s -> {
                assertThat(s.getWorkerId()).isEqualTo("w2");
                assertThat(s.getSuccessCount()).isEqualTo(1);
            });
            long moved = done.getShardsList().stream().filter(s -> s.getAttempt() == 2).count();
            assertThat(moved).isEqualTo(4);
            assertThat(finished.get()).isEqualTo(8);
        }
    }

    @Test
    void newLeaderAdoptsShardsStillRunningAndCountsEachSuccessOnce() throws Exception {
        cluster.startScheduler("s1");
        cluster.startScheduler("s2");
        Set<String> started = GateHandler.newLog();
        AtomicInteger finished = new AtomicInteger();
        CountDownLatch gate = new CountDownLatch(1);
        cluster.startWorker("w1", 3, Map.of(GateHandler.NAME, new GateHandler("w1", gate, started, finished)));
        cluster.startWorker("w2", 3, Map.of(GateHandler.NAME, new GateHandler("w2", gate, started, finished)));
        try (BatonClient client = client()) {
            await().atMost(DEADLINE).until(() -> cluster.leader().isPresent());
            SchedulerNode oldLeader = cluster.leader().orElseThrow();
            long oldEpoch = oldLeader.leaderEpoch().orElseThrow();
            RunRecord run = client.submit(JobSpecs.runNow("failover", GateHandler.NAME, 6).build()).orElseThrow();
            await().atMost(DEADLINE).until(() -> started.size() == 6);

            oldLeader.close();
            await().atMost(DEADLINE).until(() -> cluster.leader().filter(l -> l != oldLeader).isPresent());
            gate.countDown();
            RunRecord done = client.awaitRun(run.getRunId(), DEADLINE);

            assertThat(cluster.leader().orElseThrow().leaderEpoch().orElseThrow()).isGreaterThan(oldEpoch);
            assertThat(done.getState()).isEqualTo(RunState.RUN_STATE_SUCCEEDED);
            assertThat(done.getShardsList()).allSatisfy(s -> {
                assertThat(s.getSuccessCount()).isEqualTo(1);
                assertThat(s.getAttempt()).isEqualTo(1);
                assertThat(s.getAssignEpoch()).isEqualTo(oldEpoch);
            });
            assertThat(finished.get()).isEqualTo(6);
        }
    }

    @Test
    void aResigningLeaderHandsItsStoreOverAndTheNextLeaderStartsFromItAdoptingTheRunningShards() throws Exception {
        cluster.startScheduler("s1");
        cluster.startScheduler("s2");
        Set<String> started = GateHandler.newLog();
        AtomicInteger finished = new AtomicInteger();
        CountDownLatch gate = new CountDownLatch(1);
        cluster.startWorker("w1", 4, Map.of(GateHandler.NAME, new GateHandler("w1", gate, started, finished)));
        try (BatonClient client = client()) {
            await().atMost(DEADLINE).until(() -> cluster.leader().map(l -> l.readyWorkers().size() == 1).orElse(false));
            SchedulerNode oldLeader = cluster.leader().orElseThrow();
            long oldEpoch = oldLeader.leaderEpoch().orElseThrow();
            RunRecord run = client.submit(JobSpecs.runNow("handed", GateHandler.NAME, 4).build()).orElseThrow();
            await().atMost(DEADLINE).until(() -> started.size() == 4);

            oldLeader.resign();
            await().atMost(DEADLINE).until(() -> cluster.leader().filter(l -> l != oldLeader).isPresent());
            SchedulerNode newLeader = cluster.leader().orElseThrow();
            gate.countDown();
            RunRecord done = client.awaitRun(run.getRunId(), DEADLINE);

            // told of the hand-over with the store (or its latch came first, and the snapshot raced its read of the
            // store): either way the shards are adopted and the job is there
            await().atMost(DEADLINE).until(() -> newLeader.metrics().counter(io.baton.server.handover.HandOvers.HEARD).getCount() == 1);
            assertThat(done.getState()).isEqualTo(RunState.RUN_STATE_SUCCEEDED);
            assertThat(done.getShardsList()).allSatisfy(s -> {
                assertThat(s.getSuccessCount()).isEqualTo(1);
                assertThat(s.getAttempt()).isEqualTo(1);
                assertThat(s.getAssignEpoch()).isEqualTo(oldEpoch);
            });
            assertThat(client.getJob("handed").getSpec().getName()).isEqualTo("handed");
            assertThat(finished.get()).isEqualTo(4);
        }
    }

    @Test
    void aLeaderThatFindsTheStoreAsAnEarlierLeaderHandedItOverStartsFromThatSnapshotWithoutReading() throws Exception {
        for (String id : new String[] {"s1", "s2", "s3"}) cluster.startScheduler(id);
        try (BatonClient client = client()) {
            await().atMost(DEADLINE).until(() -> cluster.leader().isPresent());
            SchedulerNode first = cluster.leader().orElseThrow();
            client.submit(JobSpecs.cron("quiet", "demo.echo", 2, "0 0 0 1 1 ? 2099", "").build());

            first.resign();
            await().atMost(DEADLINE).until(() -> cluster.leader().filter(l -> l != first).isPresent());
            SchedulerNode second = cluster.leader().orElseThrow();
            SchedulerNode third = cluster.schedulers().stream().filter(n -> n != first && n != second).findFirst().orElseThrow();
            await().atMost(DEADLINE).until(() -> third.metrics().counter(io.baton.server.handover.HandOvers.HEARD).getCount() == 1);

            // the second leader stored nothing (a job firing in 2099): the store it hands on is the one the first
            // handed it, and the third starts from that snapshot whichever way it learns of its term
            second.resign();
            await().atMost(DEADLINE).until(() -> cluster.leader().filter(l -> l != second).isPresent());

            assertThat(cluster.leader().orElseThrow()).as("the candidate after the second leader").isSameAs(third);
            assertThat(third.metrics().counter(io.baton.server.handover.HandOvers.FROM_SNAPSHOT).getCount()).isEqualTo(1);
            assertThat(client.getJob("quiet").getSpec().getSchedule().getCron().getExpression()).isEqualTo("0 0 0 1 1 ? 2099");
        }
    }

    @Test
    void workerRejectsAndCountsMessagesFromAStaleEpoch() throws Exception {
        cluster.startScheduler("s1");
        cluster.startScheduler("s2");
        Set<String> started = GateHandler.newLog();
        CountDownLatch open = new CountDownLatch(0);
        WorkerNode worker = cluster.startWorker("w1", 2,
                Map.of(GateHandler.NAME, new GateHandler("w1", open, started, new AtomicInteger())));
        await().atMost(DEADLINE).until(() -> cluster.leader().isPresent());
        SchedulerNode first = cluster.leader().orElseThrow();
        first.close();
        await().atMost(DEADLINE).until(() -> cluster.leader().filter(l -> l != first).isPresent());
        long current = cluster.leader().orElseThrow().leaderEpoch().orElseThrow();
        // the new leader greets the worker with the current epoch
        try (BatonClient client = client()) {
            client.submit(JobSpecs.runNow("probe", GateHandler.NAME, 1).build());
        }
        await().atMost(DEADLINE).until(() -> started.size() == 1);

        try (RpcRuntime runtime = new RpcRuntime("stale-test", 1)) {
            Map<String, Envelope> replies = new HashMap<>();
            CountDownLatch connected = new CountDownLatch(1);
            RpcConnection[] conn = new RpcConnection[1];
            String[] hostPort = worker.address().split(":");
            try (RpcClient stale = new RpcClient(runtime, RpcConfig.defaults(), hostPort[0], Integer.parseInt(hostPort[1]),
                    new MessageListener() {
                        @Override
                        public void onConnected(RpcConnection c) {
                            conn[0] = c;
                            connected.countDown();
                        }

                        @Override
                        public void onMessage(RpcConnection c, Envelope e) { }
                    })) {
                stale.start();
                assertThat(connected.await(5, TimeUnit.SECONDS)).isTrue();
                Envelope reply = conn[0].request(Envelope.newBuilder().setEpoch(current - 1)
                        .setLeaderHello(LeaderHello.newBuilder().setLeaderId("zombie")).build(), Duration.ofSeconds(5))
                        .get(5, TimeUnit.SECONDS);
                replies.put("hello", reply);
                conn[0].send(Envelope.newBuilder().setEpoch(current - 1).setAssignShard(AssignShard.newBuilder()
                        .setRef(AttemptRef.newBuilder().setRunId("zombie@1").setShardIndex(0).setAttempt(1).setAssignEpoch(current - 1))
                        .setJobName("zombie").setHandler(GateHandler.NAME).setShardCount(1)).build());
            }
            assertThat(replies.get("hello").hasRejected()).isTrue();
            assertThat(replies.get("hello").getRejected().getHighestEpoch()).isEqualTo(current);
            await().atMost(DEADLINE).until(() -> worker.staleRejected() >= 2);
            assertThat(started).containsExactly("w1:0");
        }
    }

    private long leaders() {
        return cluster.schedulers().stream().filter(SchedulerNode::isLeader).count();
    }

    private BatonClient client() {
        return BatonClient.connect(ClientConfig.zookeeper(cluster.zkSettings()));
    }
}
