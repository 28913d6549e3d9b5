package io.baton.worker;

import static org.awaitility.Awaitility.await;

import io.baton.common.rpc.MessageListener;
import io.baton.common.rpc.RpcClient;
import io.baton.common.rpc.RpcConfig;
import io.baton.common.rpc.RpcConnection;
import io.baton.common.rpc.RpcRuntime;
import io.baton.proto.v1.AssignShard;
import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.LeaderHello;
import io.baton.proto.v1.ReportAck;
import io.baton.proto.v1.ShardReport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in leader for tests: dials a worker, greets it with an epoch, assigns shards, collects reports. */
final class TestLeader implements MessageListener, AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(5);

    final long epoch;
    final List<ShardReport> reports = new CopyOnWriteArrayList<>();
    final List<Envelope> rejections = new CopyOnWriteArrayList<>();
    final AtomicInteger disconnects = new AtomicInteger();
    private final RpcClient client;

    TestLeader(RpcRuntime runtime, String address, long epoch) {
        this.epoch = epoch;
        int colon = address.lastIndexOf(':');
        this.client = new RpcClient(runtime, RpcConfig.defaults(), address.substring(0, colon),
                Integer.parseInt(address.substring(colon + 1)), this);
        client.start();
    }

    /** Waits for a connection, sends LeaderHello and returns the worker's answer. */
    Envelope hello() throws Exception {
        await().atMost(WAIT).until(client::isConnected);
        Envelope hello = Envelope.newBuilder().setEpoch(epoch)
                .setLeaderHello(LeaderHello.newBuilder().setLeaderId("leader-" + epoch)).build();
        return connection().request(hello, WAIT).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    void assign(AttemptRef ref, String handler, String parameter) {
        connection().send(Envelope.newBuilder().setEpoch(epoch).setAssignShard(AssignShard.newBuilder()
                .setRef(ref).setJobName("job-a").setHandler(handler).setShardCount(4).setShardParameter(parameter)).build());
    }

    void ack(AttemptRef... refs) {
        connection().send(Envelope.newBuilder().setEpoch(epoch)
                .setReportAck(ReportAck.newBuilder().addAllRefs(List.of(refs))).build());
    }

    List<ShardReport> awaitReports(int count) {
        await().atMost(WAIT).until(() -> reports.size() >= count);
        return reports;
    }

    private RpcConnection connection() {
        return client.connection().orElseThrow(() -> new IllegalStateException("not connected"));
    }

    @Override
    public void onMessage(RpcConnection connection, Envelope envelope) {
        if (envelope.hasShardReport()) reports.add(envelope.getShardReport());
        if (envelope.hasRejected()) rejections.add(envelope);
    }

    @Override
    public void onDisconnected(RpcConnection connection, String reason) {
        disconnects.incrementAndGet();
    }

    @Override
    public void close() {
        client.close();
    }
}
