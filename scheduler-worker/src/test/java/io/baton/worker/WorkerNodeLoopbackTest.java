package io.baton.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baton.common.rpc.RpcRuntime;
import io.baton.common.zk.ZkClients;
import io.baton.common.zk.ZkClients.ZkSettings;
import io.baton.common.zk.ZkPaths;
import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardReport;
import io.baton.proto.v1.WorkerInfo;
import io.baton.proto.v1.WorkerStatus;
import io.baton.worker.handlers.DemoHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real WorkerNode on loopback, registered in an in-process ZooKeeper, driven by test leaders over Netty. */
class WorkerNodeLoopbackTest {
    private static final Duration WAIT = TestLeader.WAIT;

    private static TestingServer zookeeper;
    private static CuratorFramework client;
    private static RpcRuntime leaderRuntime;

    @TempDir
    Path dir;
    private Path journal;
    private WorkerNode worker;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        zookeeper = new TestingServer(true);
        client = ZkClients.create(new ZkSettings(zookeeper.getConnectString(), "baton-test", null, null));
        client.start();
        leaderRuntime = new RpcRuntime("test-leader", 1);
    }

    @AfterAll
    static void stopZooKeeper() throws Exception {
        leaderRuntime.close();
        client.close();
        zookeeper.close();
    }

    @BeforeEach
    void startWorker() {
        journal = dir.resolve("journal.log");
        worker = new WorkerNode(WorkerConfig.defaults().withWorkerId("w1").withCapacity(2).withJournal(journal),
                client, DemoHandlers.all());
        worker.start();
    }

    @AfterEach
    void closeWorker() {
        worker.close();
    }

    @Test
    void registersItsBoundAddressCapacityAndHandlers() throws Exception {
        WorkerInfo info = WorkerInfo.parseFrom(client.getData().forPath(ZkPaths.worker("w1")));

        assertEquals(worker.address(), info.getAddress());
        assertTrue(info.getAddress().matches("127\\.0\\.0\\.1:[1-9][0-9]*"));
        assertEquals(2, info.getCapacity());
        assertEquals(List.of("demo.echo", "demo.fail", "demo.sleep"), info.getHandlersList());
    }

    @Test
    void leaderGetsStatusThenStartedAndSucceededReportsAndAcksThem() throws Exception {
        try (TestLeader leader = new TestLeader(leaderRuntime, worker.address(), 5)) {
            WorkerStatus status = leader.hello().getWorkerStatus();
            assertEquals("w1", status.getWorkerId());
            assertEquals(2, status.getCapacity());

            // long enough that the STARTED report leaves before the final one (a no-op's may be left out)
            leader.assign(ref(0, 5), "demo.sleep", "300");

            List<ShardReport> reports = leader.awaitReports(2);
            assertEquals(ShardOutcome.SHARD_OUTCOME_STARTED, reports.get(0).getOutcome());
            assertEquals(ShardOutcome.SHARD_OUTCOME_SUCCEEDED, reports.get(1).getOutcome());
            assertEquals(reports.get(0).getStartedMillis(), reports.get(1).getStartedMillis());
            assertEquals("w1", reports.get(1).getWorkerId());

            leader.ack(ref(0, 5));
            await().atMost(WAIT).until(() -> leader.hello().getWorkerStatus().getUnackedReportsCount() == 0);
        }
    }

    @Test
    void staleLeaderIsRejectedCountedAndNotExecuted() throws Exception {
        try (TestLeader current = new TestLeader(leaderRuntime, worker.address(), 5);
             TestLeader stale = new TestLeader(leaderRuntime, worker.address(), 4)) {
            current.hello();

            Envelope answer = stale.hello();
            assertEquals(5, answer.getRejected().getHighestEpoch());
            await().atMost(WAIT).until(() -> worker.staleRejected() == 1);

            stale.assign(ref(0, 4), "demo.echo", "must not run");
            await().atMost(WAIT).until(() -> worker.staleRejected() == 2);

            assertTrue(worker.running().isEmpty());
            assertTrue(stale.reports.isEmpty());
            assertTrue(current.reports.isEmpty());
            assertEquals(List.of(), journalLines());
            assertEquals(2, current.hello().getWorkerStatus().getStaleRejected());
        }
    }

    @Test
    void newerLeaderReplacesTheOldConnectionAndReceivesUnackedReports() throws Exception {
        try (TestLeader first = new TestLeader(leaderRuntime, worker.address(), 5)) {
            first.hello();
            first.assign(ref(0, 5), "demo.echo", "acked");
            first.assign(ref(1, 5), "demo.fail", "fail");
            // two final reports (STARTED ones may be left out when the final report leaves in the same batch)
            await().atMost(WAIT).until(() -> first.awaitReports(0).stream()
                    .filter(r -> r.getOutcome() != ShardOutcome.SHARD_OUTCOME_STARTED).count() == 2);
            first.ack(ref(0, 5));
            // The ack must land before the newer leader's hello, which fences everything of epoch 5.
            await().atMost(WAIT).until(() -> first.hello().getWorkerStatus().getUnackedReportsCount() == 1);

            try (TestLeader second = new TestLeader(leaderRuntime, worker.address(), 6)) {
                List<ShardReport> unacked = second.hello().getWorkerStatus().getUnackedReportsList();

                assertEquals(1, unacked.size());
                ShardReport failed = unacked.get(0);
                assertEquals(ref(1, 5), failed.getRef());
                assertEquals(ShardOutcome.SHARD_OUTCOME_FAILED, failed.getOutcome());
                assertEquals("failed on purpose", failed.getMessage());
                await().atMost(WAIT).until(() -> first.disconnects.get() >= 1);
            }
        }
        assertEquals(4, journalLines().size(), "a start and an end line per execution");
    }

    @Test
    void closeDeregistersAndIsIdempotent() throws Exception {
        worker.close();
        worker.close();

        await().atMost(WAIT).until(() -> client.checkExists().forPath(ZkPaths.worker("w1")) == null);
        assertThrows(IllegalStateException.class, worker::start);
    }

    private List<String> journalLines() throws Exception {
        return Files.exists(journal) ? Files.readAllLines(journal) : List.of();
    }

    private static AttemptRef ref(int shard, long epoch) {
        return AttemptRef.newBuilder().setRunId("run-1").setShardIndex(shard).setAttempt(1).setAssignEpoch(epoch).build();
    }
}
