package io.baton.worker.rpc;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baton.proto.v1.AssignShard;
import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.CancelShard;
import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.LeaderHello;
import io.baton.proto.v1.ReportAck;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardReport;
import io.baton.worker.execution.ExecutionJournal;
import io.baton.worker.execution.ShardExecutor;
import io.baton.worker.handlers.DemoHandlers;
import io.baton.worker.session.LeaderSession;
import io.baton.worker.session.WorkerIdentity;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The listener, session loop, session and executor together, with in-memory connections. */
class SessionLoopTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private ShardExecutor executor;
    private SessionLoop loop;
    private WorkerRpcListener listener;

    @BeforeEach
    void start() {
        executor = new ShardExecutor("w1", 2, DemoHandlers.all(), ExecutionJournal.disabled(), Clock.systemUTC());
        executor.start();
        LeaderSession<io.baton.common.rpc.RpcConnection> session =
                new LeaderSession<>(new WorkerIdentity("w1", 2, List.copyOf(executor.handlerNames())));
        loop = new SessionLoop(session, executor, "test-session");
        loop.start();
        listener = new WorkerRpcListener(loop);
    }

    @AfterEach
    void stop() {
        executor.close();
        loop.close();
    }

    @Test
    void helloIsAnsweredAndAssignmentReportsStartedThenSucceededToTheLeader() {
        FakeConnection leader = new FakeConnection("leader");
        listener.onMessage(leader, hello(5, 11));
        await().atMost(WAIT).until(() -> leader.replies.size() == 1);
        assertEquals(11, leader.replies.get(0).getCorrelationId());
        assertEquals("w1", leader.replies.get(0).getWorkerStatus().getWorkerId());

        listener.onMessage(leader, assign(5, ref(0), "demo.echo", "hi"));

        await().atMost(WAIT).until(() -> finalReport(leader) != null);
        ShardReport done = finalReport(leader);
        assertEquals(ShardOutcome.SHARD_OUTCOME_SUCCEEDED, done.getOutcome());
        assertEquals("hi", done.getMessage());
        // a STARTED report is left out when the final one leaves in the same batch; if sent, it came first
        assertEquals(done, leader.sent.get(leader.sent.size() - 1).getShardReport());
        assertTrue(leader.sent.size() <= 2);
    }

    @Test
    void staleRequestIsAnsweredWithRejectedAndStaleOneWayIsSilentlyCounted() {
        FakeConnection current = new FakeConnection("current");
        FakeConnection stale = new FakeConnection("stale");
        listener.onMessage(current, hello(5, 1));
        listener.onMessage(stale, hello(4, 2));
        listener.onMessage(stale, assign(4, ref(0), "demo.echo", "x"));

        await().atMost(WAIT).until(() -> loop.staleRejected() == 2);
        assertEquals(1, stale.replies.size());
        assertEquals(5, stale.replies.get(0).getRejected().getHighestEpoch());
        assertTrue(stale.sent.isEmpty());
        assertTrue(current.sent.isEmpty(), "the stale assignment must not run");
        assertTrue(executor.running().isEmpty());
    }

    @Test
    void newerLeaderReplacesTheOldConnectionAndGetsTheUnackedReports() {
        FakeConnection old = new FakeConnection("old");
        listener.onMessage(old, hello(5, 1));
        listener.onMessage(old, assign(5, ref(0), "demo.echo", "a"));
        await().atMost(WAIT).until(() -> finalReport(old) != null);

        FakeConnection fresh = new FakeConnection("fresh");
        listener.onMessage(fresh, hello(6, 2));

        await().atMost(WAIT).until(() -> fresh.replies.size() == 1);
        assertEquals(List.of(finalReport(old)),
                fresh.replies.get(0).getWorkerStatus().getUnackedReportsList());
        assertNotNull(old.closedBecause);
    }

    @Test
    void ackedReportsAreNotRepeatedInTheNextHello() {
        FakeConnection leader = new FakeConnection("leader");
        listener.onMessage(leader, hello(5, 1));
        listener.onMessage(leader, assign(5, ref(0), "demo.echo", "a"));
        await().atMost(WAIT).until(() -> finalReport(leader) != null);

        listener.onMessage(leader, Envelope.newBuilder().setEpoch(5)
                .setReportAck(ReportAck.newBuilder().addRefs(ref(0))).build());
        listener.onMessage(leader, hello(5, 2));

        await().atMost(WAIT).until(() -> leader.replies.size() == 2);
        assertEquals(0, leader.replies.get(1).getWorkerStatus().getUnackedReportsCount());
    }

    @Test
    void cancelStopsARunningShardWhichReportsCancelled() {
        FakeConnection leader = new FakeConnection("leader");
        listener.onMessage(leader, hello(5, 1));
        listener.onMessage(leader, assign(5, ref(0), "demo.sleep", "60000"));
        await().atMost(WAIT).until(() -> leader.sent.size() == 1);

        listener.onMessage(leader, Envelope.newBuilder().setEpoch(5)
                .setCancelShard(CancelShard.newBuilder().setRef(ref(0)).setReason("test")).build());

        await().atMost(WAIT).until(() -> leader.sent.size() == 2);
        assertEquals(ShardOutcome.SHARD_OUTCOME_CANCELLED, leader.sent.get(1).getShardReport().getOutcome());
    }

    @Test
    void reportsWhileNoLeaderIsConnectedWaitForTheNextHello() {
        FakeConnection leader = new FakeConnection("leader");
        listener.onMessage(leader, hello(5, 1));
        listener.onDisconnected(leader, "gone");
        listener.onMessage(new FakeConnection("other"), assign(5, ref(0), "demo.nope", ""));

        FakeConnection back = new FakeConnection("back");
        await().atMost(WAIT).until(() -> {
            listener.onMessage(back, hello(5, 2));
            return back.replies.stream().anyMatch(r -> r.getWorkerStatus().getUnackedReportsCount() == 1);
        });
        assertEquals(ShardOutcome.SHARD_OUTCOME_REFUSED, back.replies.get(back.replies.size() - 1)
                .getWorkerStatus().getUnackedReports(0).getOutcome());
        assertTrue(leader.sent.isEmpty());
    }

    @Test
    void closeIsIdempotentAndDropsLaterEvents() {
        loop.close();
        loop.close();
        FakeConnection leader = new FakeConnection("leader");
        listener.onMessage(leader, hello(5, 1));
        assertTrue(leader.replies.isEmpty());
    }

    static Envelope hello(long epoch, long correlationId) {
        return Envelope.newBuilder().setEpoch(epoch).setCorrelationId(correlationId)
                .setLeaderHello(LeaderHello.newBuilder().setLeaderId("leader-" + epoch)).build();
    }

    static Envelope assign(long epoch, AttemptRef ref, String handler, String parameter) {
        return Envelope.newBuilder().setEpoch(epoch).setAssignShard(AssignShard.newBuilder().setRef(ref)
                .setJobName("job").setHandler(handler).setShardCount(1).setShardParameter(parameter)).build();
    }

    static AttemptRef ref(int shard) {
        return AttemptRef.newBuilder().setRunId("run-1").setShardIndex(shard).setAttempt(1).setAssignEpoch(5).build();
    }

    /** The last report sent on {@code c} that ends an attempt, or null. */
    private static ShardReport finalReport(FakeConnection c) {
        for (int i = c.sent.size() - 1; i >= 0; i--) {
            ShardReport r = c.sent.get(i).getShardReport();
            if (c.sent.get(i).hasShardReport() && r.getOutcome() != ShardOutcome.SHARD_OUTCOME_STARTED) return r;
        }
        return null;
    }
}
