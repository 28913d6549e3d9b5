package io.baton.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.baton.common.zk.ZooKeeperFixture;
import io.baton.server.election.EpochStore;
import io.baton.server.election.LeaderTerm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link MultiWriter} against a real ZooKeeper: multis store in the order sent, a connection loss under
 * pipelined multis is settled without failing them (each stored exactly once), a refused multi stops only
 * itself, and the sequence node survives its version wrapping.
 */
class MultiWriterTest {
    @RegisterExtension
    static final ZooKeeperFixture zk = new ZooKeeperFixture();

    private CuratorFramework client;
    private LeaderTerm term;
    private final List<MultiWriter> writers = new ArrayList<>();

    @BeforeEach
    void connect() throws Exception {
        client = zk.newClient();
        term = new EpochStore(client).bump();
        client.create().creatingParentsIfNeeded().forPath("/mw/p");
    }

    @AfterEach
    void close() {
        writers.forEach(MultiWriter::close);
    }

    @RepeatedTest(3)
    void aConnectionLossUnderPipelinedMultisFailsNoneAndStoresEachOnceInOrder() throws Exception {
        MultiWriter writer = writer(StoreSequence.DEFAULT_WRAP_AT);
        int count = 400;
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < count; i++) done.add(new CompletableFuture<>());
        for (int batch = 0; batch < 2; batch++) {
            int from = batch * count / 2;
            CompletableFuture<Void> sent = new CompletableFuture<>();
            writer.onThread(sent, () -> {
                for (int n = from; n < from + count / 2; n++) {
                    // each multi creates its own node and overwrites the shared one: a lost, doubled or
                    // reordered multi shows as a missing node, a NodeExists failure or another last value
                    List<StoreOp> ops = List.of(StoreOp.create("/mw/p/" + n, bytes(n)), StoreOp.setData("/mw/p", bytes(n)));
                    writer.send(ops, term, 1, done.get(n), (failure, out) -> out.completeExceptionally(MultiWriter.error(failure, ops)));
                }
                // the connection drops with most of them in flight: some stored, the rest not
                client.getZookeeperClient().getZooKeeper().getTestable().closeSocket();
                sent.complete(null);
            });
            sent.get(10, TimeUnit.SECONDS);
        }

        for (CompletableFuture<Void> f : done) f.get(30, TimeUnit.SECONDS);

        assertThat(client.getChildren().forPath("/mw/p")).hasSize(count);
        assertThat(new String(client.getData().forPath("/mw/p"), StandardCharsets.UTF_8)).isEqualTo(Integer.toString(count - 1));
        assertThat(writer.multis()).isEqualTo(count);
        assertThat(writer.settledStored() + writer.settledResent()).as("multis that met a connection loss").isPositive();
    }

    @Test
    void aRefusedMultiFailsAloneAndTheOnesAfterItStillStoreInOrder() throws Exception {
        MultiWriter writer = writer(StoreSequence.DEFAULT_WRAP_AT);
        client.create().forPath("/mw/p/taken");
        List<StoreOp> first = List.of(StoreOp.setData("/mw/p", bytes(1)));
        List<StoreOp> refused = List.of(StoreOp.create("/mw/p/taken", bytes(2)), StoreOp.setData("/mw/p", bytes(2)));
        List<StoreOp> third = List.of(StoreOp.create("/mw/p/third", bytes(3)), StoreOp.setData("/mw/p", bytes(3)));
        CompletableFuture<Void> f1 = new CompletableFuture<>();
        CompletableFuture<Void> f2 = new CompletableFuture<>();
        CompletableFuture<Void> f3 = new CompletableFuture<>();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        writer.onThread(sent, () -> { // all three in flight at once
            writer.send(first, term, 1, f1, (failure, out) -> out.completeExceptionally(MultiWriter.error(failure, first)));
            writer.send(refused, term, 1, f2, (failure, out) -> out.completeExceptionally(MultiWriter.error(failure, refused)));
            writer.send(third, term, 1, f3, (failure, out) -> out.completeExceptionally(MultiWriter.error(failure, third)));
            sent.complete(null);
        });
        sent.get(10, TimeUnit.SECONDS);

        f1.get(10, TimeUnit.SECONDS);
        assertThat(f2).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(Exception.class)
                .havingRootCause().isInstanceOf(KeeperException.NodeExistsException.class);
        f3.get(10, TimeUnit.SECONDS);
        assertThat(new String(client.getData().forPath("/mw/p"), StandardCharsets.UTF_8)).isEqualTo("3");
        assertThat(client.checkExists().forPath("/mw/p/third")).isNotNull();
    }

    @Test
    void theSequenceNodeIsRecreatedWhenItsVersionWrapsAndWritingGoesOn() throws Exception {
        MultiWriter writer = writer(2);
        for (int i = 0; i < 7; i++) {
            List<StoreOp> ops = List.of(StoreOp.setData("/mw/p", bytes(i)));
            send(writer, ops).get(10, TimeUnit.SECONDS);
        }
        assertThat(new String(client.getData().forPath("/mw/p"), StandardCharsets.UTF_8)).isEqualTo("6");
        assertThat(client.checkExists().forPath(io.baton.common.zk.ZkPaths.STORE_SEQUENCE).getVersion()).isBetween(0, 2);
        assertThat(writer.multis()).isEqualTo(7);
    }

    @Test
    void twoWritersTakingTurnsAreBothStored() throws Exception {
        MultiWriter a = writer(StoreSequence.DEFAULT_WRAP_AT);
        MultiWriter b = new MultiWriter(zk.newClient(), "test-writer-b");
        writers.add(b);
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            done.add(send(a, List.of(StoreOp.create("/mw/p/a" + i, bytes(i)))));
            done.add(send(b, List.of(StoreOp.create("/mw/p/b" + i, bytes(i)))));
        }
        for (CompletableFuture<Void> f : done) f.get(30, TimeUnit.SECONDS);
        assertThat(client.getChildren().forPath("/mw/p")).hasSize(40);
    }

    @Test
    void aFencedWriterFailsWithFencedException() throws Exception {
        MultiWriter writer = writer(StoreSequence.DEFAULT_WRAP_AT);
        new EpochStore(zk.newClient()).bump();

        assertThat(send(writer, List.of(StoreOp.setData("/mw/p", bytes(1))))).failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(Exception.class).withCauseInstanceOf(FencedException.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> writer.failedMultis() == 1);
    }

    private MultiWriter writer(int wrapAt) {
        MultiWriter w = new MultiWriter(client, "test-writer", wrapAt);
        writers.add(w);
        return w;
    }

    private CompletableFuture<Void> send(MultiWriter writer, List<StoreOp> ops) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        writer.onThread(f, () -> writer.send(ops, term, 1, f, (failure, out) -> out.completeExceptionally(MultiWriter.error(failure, ops))));
        return f;
    }

    private static byte[] bytes(int n) {
        return Integer.toString(n).getBytes(StandardCharsets.UTF_8);
    }
}
