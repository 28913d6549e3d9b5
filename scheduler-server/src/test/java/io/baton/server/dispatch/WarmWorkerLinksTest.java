package io.baton.server.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.baton.common.rpc.MessageListener;
import io.baton.common.rpc.RpcConfig;
import io.baton.common.rpc.RpcConnection;
import io.baton.common.rpc.RpcRuntime;
import io.baton.common.rpc.RpcServer;
import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.ShardReport;
import io.baton.proto.v1.WorkerInfo;
import io.baton.proto.v1.WorkerStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Layer 2: real Netty on loopback; a fake worker endpoint that answers hellos the way a worker does. */
class WarmWorkerLinksTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final RpcRuntime runtime = new RpcRuntime("warm-links-test", 2);
    private final WarmWorkerLinks warm = new WarmWorkerLinks(runtime, RpcConfig.defaults(), 8);
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : toClose) c.close();
        warm.close();
        runtime.close();
    }

    @Test
    void aTermGreetsItsWorkerOverTheConnectionKeptBeforeItAndClosesItWhenItEnds() throws Exception {
        FakeWorker worker = startWorker("w1");
        warm.keep(worker.info);
        await().atMost(WAIT).until(() -> worker.opened.size() == 1);
        assertThat(worker.hellos).isEmpty(); // kept, not greeted: the worker does not take the follower for its leader

        Ready ready = new Ready();
        WorkerLinks links = new WorkerLinks(runtime, RpcConfig.defaults(), 5, "s1", WAIT, ready, warm);
        links.connect(worker.info);

        await().atMost(WAIT).until(() -> ready.workers.containsKey("w1"));
        assertThat(links.takenOver()).isEqualTo(1);
        assertThat(warm.kept()).isEmpty();
        assertThat(worker.opened).hasSize(1); // no second connection was dialled
        assertThat(worker.hellos).containsExactly(worker.opened.get(0) + " epoch 5");
        assertThat(links.send("w1", Envelope.newBuilder())).isTrue();

        links.close();
        await().atMost(WAIT).until(() -> worker.closed.contains(worker.opened.get(0)));
    }

    @Test
    void aTermDialsAWorkerNoConnectionWasKeptFor() throws Exception {
        FakeWorker worker = startWorker("w1");
        Ready ready = new Ready();
        WorkerLinks links = new WorkerLinks(runtime, RpcConfig.defaults(), 3, "s1", WAIT, ready, warm);
        toClose.add(links);

        links.connect(worker.info);

        await().atMost(WAIT).until(() -> ready.workers.containsKey("w1"));
        assertThat(links.takenOver()).isZero();
        assertThat(worker.hellos).containsExactly(worker.opened.get(0) + " epoch 3");
    }

    @Test
    void whileTheNodeLeadsNoneIsDialledAndWhenItFollowsAgainEachRegisteredWorkerHasOne() throws Exception {
        FakeWorker w1 = startWorker("w1");
        FakeWorker w2 = startWorker("w2");
        warm.keep(w1.info);
        await().atMost(WAIT).until(() -> w1.opened.size() == 1);

        warm.stopKeeping();
        warm.keep(w2.info);
        assertThat(warm.kept()).containsExactly("w1"); // still there for the term to take

        warm.keepAgain(List.of(w2.info)); // w1 left meanwhile
        assertThat(warm.kept()).containsExactly("w2");
        await().atMost(WAIT).until(() -> w2.opened.size() == 1 && w1.closed.size() == 1);
        assertThat(w1.hellos).isEmpty();
        assertThat(w2.hellos).isEmpty();
    }

    @Test
    void aWorkerThatMovedOrLeftLosesItsLink() throws Exception {
        FakeWorker before = startWorker("w1");
        FakeWorker after = startWorker("w1");
        warm.keep(before.info);
        await().atMost(WAIT).until(() -> before.opened.size() == 1);

        warm.keep(after.info); // registered again elsewhere
        await().atMost(WAIT).until(() -> before.closed.size() == 1 && after.opened.size() == 1);
        assertThat(warm.take(before.info)).isEmpty(); // a term that still sees the old address dials it itself...
        assertThat(warm.kept()).isEmpty(); // ...and the link to the new one is closed rather than kept unowned
        await().atMost(WAIT).until(() -> after.closed.size() == 1);

        warm.keep(after.info);
        await().atMost(WAIT).until(() -> after.opened.size() == 2);
        warm.drop("w1");
        await().atMost(WAIT).until(() -> after.closed.size() == 2);
        assertThat(warm.kept()).isEmpty();
    }

    @Test
    void keepsLinksToAtMostSoManyWorkersAndNoneWhenToldNone() throws Exception {
        FakeWorker w1 = startWorker("w1");
        FakeWorker w2 = startWorker("w2");
        try (WarmWorkerLinks one = new WarmWorkerLinks(runtime, RpcConfig.defaults(), 1);
             WarmWorkerLinks none = new WarmWorkerLinks(runtime, RpcConfig.defaults(), 0)) {
            one.keep(w1.info);
            one.keep(w2.info);
            assertThat(one.kept()).containsExactly("w1");
            one.drop("w1");
            one.keepAgain(List.of(w1.info, w2.info)); // the first registered
            assertThat(one.kept()).containsExactly("w1");

            none.keep(w1.info);
            none.keepAgain(List.of(w1.info, w2.info));
            assertThat(none.kept()).isEmpty();
        }
    }

    @Test
    void aClosedPoolKeepsNothing() throws Exception {
        FakeWorker worker = startWorker("w1");
        warm.close();
        warm.keep(worker.info);
        warm.keepAgain(List.of(worker.info));
        assertThat(warm.kept()).isEmpty();
        assertThat(warm.take(worker.info)).isEmpty();
    }

    private FakeWorker startWorker(String id) throws Exception {
        FakeWorker worker = new FakeWorker(id);
        RpcServer server = new RpcServer(runtime, RpcConfig.defaults(), "127.0.0.1", 0, worker);
        toClose.add(server);
        worker.info = WorkerInfo.newBuilder().setWorkerId(id).setAddress("127.0.0.1:" + server.start().getPort()).build();
        return worker;
    }

    /** Records connections (by the dialler's address) and hellos; answers a hello with its status. */
    private static final class FakeWorker implements MessageListener {
        final String id;
        WorkerInfo info;
        final List<String> opened = new CopyOnWriteArrayList<>();
        final List<String> closed = new CopyOnWriteArrayList<>();
        final List<String> hellos = new CopyOnWriteArrayList<>();

        FakeWorker(String id) { this.id = id; }

        @Override
        public void onConnected(RpcConnection connection) { opened.add(connection.remoteAddress()); }

        @Override
        public void onMessage(RpcConnection connection, Envelope envelope) {
            if (!envelope.hasLeaderHello()) return;
            hellos.add(connection.remoteAddress() + " epoch " + envelope.getEpoch());
            connection.reply(envelope, Envelope.newBuilder().setWorkerStatus(WorkerStatus.newBuilder().setWorkerId(id)).build());
        }

        @Override
        public void onDisconnected(RpcConnection connection, String reason) { closed.add(connection.remoteAddress()); }
    }

    private static final class Ready implements WorkerLinkListener {
        final Map<String, WorkerStatus> workers = new ConcurrentHashMap<>();

        @Override public void onWorkerReady(String workerId, WorkerStatus status) { workers.put(workerId, status); }

        @Override public void onWorkerGone(String workerId, String reason) { workers.remove(workerId); }

        @Override public void onReport(String workerId, ShardReport report) { }

        @Override public void onWorkerDraining(String workerId, String reason) { }

        @Override public void onStaleEpoch(String workerId, long highestEpoch) { }
    }
}
