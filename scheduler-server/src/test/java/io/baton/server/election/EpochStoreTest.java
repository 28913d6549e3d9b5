package io.baton.server.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.common.zk.ZkPaths;
import io.baton.common.zk.ZooKeeperFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EpochStoreTest {
    @RegisterExtension
    static final ZooKeeperFixture zk = new ZooKeeperFixture();

    private CuratorFramework client;

    @BeforeEach
    void connect() throws Exception {
        client = zk.newClient();
    }

    @Test
    void startsAtZeroAndEachBumpIsANewTermWithTheVersionOfItsWrite() throws Exception {
        EpochStore epochs = new EpochStore(client);
        assertThat(epochs.current()).isZero();

        LeaderTerm first = epochs.bump();
        LeaderTerm second = epochs.bump();

        assertThat(first.epoch()).isEqualTo(1);
        assertThat(second.epoch()).isEqualTo(2);
        assertThat(epochs.current()).isEqualTo(2);
        assertThat(client.checkExists().forPath(ZkPaths.EPOCH).getVersion()).isEqualTo(second.epochVersion());
        assertThat(second.epochVersion()).isGreaterThan(first.epochVersion());
        assertThat(client.getData().forPath(ZkPaths.EPOCH)).hasSize(8);
    }

    @Test
    void aHandOverMovesTheEpochAndDeletesTheLatchNodeOrWritesNothingWhenTheEpochMovedSince() throws Exception {
        EpochStore epochs = new EpochStore(client);
        client.create().creatingParentsIfNeeded().forPath("/election/ours");
        client.create().forPath("/election/next");
        LeaderTerm ours = epochs.bump("/election/ours");

        epochs.handOver(ours, "/election/ours", "/election/next", List.of());

        assertThat(client.checkExists().forPath("/election/ours")).isNull();
        assertThat(epochs.current()).isEqualTo(ours.epoch() + 1);
        // the successor takes it as stored; anyone else, or the successor above it already, bumps past it
        EpochStore.Won taken = epochs.takeOrBump("/election/next", 0, List.of(), (e, read) -> List.of());
        assertThat(taken.handed()).isTrue();
        assertThat(taken.term()).isEqualTo(new LeaderTerm(ours.epoch() + 1, ours.epochVersion() + 1));
        assertThat(client.checkExists().forPath(ZkPaths.EPOCH).getVersion()).isEqualTo(taken.term().epochVersion());
        EpochStore.Won again = epochs.takeOrBump("/election/next", taken.term().epoch(), List.of(), (e, read) -> List.of());
        assertThat(again.handed()).isFalse();
        assertThat(again.term().epoch()).isEqualTo(ours.epoch() + 2);

        // a stale term's hand-over fails whole: its latch node stays, the epoch does not move
        client.create().forPath("/election/stale");
        assertThatThrownBy(() -> epochs.handOver(ours, "/election/stale", "/election/next", List.of()))
                .isInstanceOf(KeeperException.BadVersionException.class);
        assertThat(client.checkExists().forPath("/election/stale")).isNotNull();
        assertThat(epochs.current()).isEqualTo(ours.epoch() + 2);
    }

    @Test
    void aGuardedBumpFailsOnceTheGuardNodeIsGone() throws Exception {
        EpochStore epochs = new EpochStore(client);
        client.create().creatingParentsIfNeeded().forPath("/guard");
        assertThat(epochs.bump("/guard").epoch()).isEqualTo(1);
        client.delete().forPath("/guard");

        assertThatThrownBy(() -> epochs.bump("/guard")).isInstanceOf(KeeperException.NoNodeException.class);
        assertThat(epochs.current()).isEqualTo(1);
    }

    @Test
    void operationsWrittenWithABumpLandInTheSameMultiOrNotAtAll() throws Exception {
        EpochStore epochs = new EpochStore(client);
        client.create().creatingParentsIfNeeded().forPath("/guard");
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();

        LeaderTerm term = epochs.bump("/guard", List.of(), (epoch, alongside) -> {
            reads.incrementAndGet();
            return List.of(client.transactionOp().create().forPath("/announced", Long.toString(epoch).getBytes()));
        });

        assertThat(term.epoch()).isEqualTo(1);
        assertThat(new String(client.getData().forPath("/announced"))).isEqualTo("1");
        assertThat(reads).hasValue(1);

        // its own operation keeps meeting a node that exists: retried a few times, then given up, nothing written
        assertThatThrownBy(() -> epochs.bump("/guard", List.of(), (epoch, alongside) -> {
            reads.incrementAndGet();
            return List.of(client.transactionOp().create().forPath("/announced", Long.toString(epoch).getBytes()));
        })).isInstanceOf(KeeperException.NodeExistsException.class);
        assertThat(reads.get()).as("read again for each attempt").isGreaterThan(2);
        assertThat(epochs.current()).as("the bump went with it").isEqualTo(1);
        assertThat(new String(client.getData().forPath("/announced"))).isEqualTo("1");
    }

    @Test
    void theNodeReadAlongsideTheEpochIsHandedToTheOperationsWithItsCurrentStat() throws Exception {
        EpochStore epochs = new EpochStore(client);
        client.create().creatingParentsIfNeeded().forPath("/guard");
        List<Stat> seen = new ArrayList<>();

        epochs.bump("/guard", List.of("/beside"), (epoch, alongside) -> {
            seen.add(alongside.get(0));
            return List.of(client.transactionOp().create().forPath("/beside", Long.toString(epoch).getBytes()));
        });
        client.setData().forPath("/beside", "changed".getBytes());
        LeaderTerm second = epochs.bump("/guard", List.of("/beside"), (epoch, alongside) -> {
            seen.add(alongside.get(0));
            return List.of(client.transactionOp().delete().withVersion(alongside.get(0).getVersion()).forPath("/beside"),
                    client.transactionOp().create().forPath("/beside", Long.toString(epoch).getBytes()));
        });

        assertThat(seen.get(0)).as("absent at the first bump").isNull();
        assertThat(seen.get(1).getVersion()).as("read with the epoch: the version after the change").isEqualTo(1);
        assertThat(second.epoch()).isEqualTo(2);
        assertThat(new String(client.getData().forPath("/beside"))).isEqualTo("2");
    }

    @Test
    void aNodeReadAlongsideThatChangesBeforeTheWriteFailsThatAttemptAndIsReadAgain() throws Exception {
        EpochStore epochs = new EpochStore(client);
        client.create().creatingParentsIfNeeded().forPath("/guard");
        client.create().creatingParentsIfNeeded().forPath("/sequence");
        List<Integer> versions = new ArrayList<>();

        LeaderTerm term = epochs.bump("/guard", List.of("/sequence"), (epoch, alongside) -> {
            int read = alongside.get(0).getVersion();
            versions.add(read);
            // another writer moves the node on between the first attempt's read and its write
            if (versions.size() == 1) client.setData().forPath("/sequence", "written meanwhile".getBytes());
            return List.of(client.transactionOp().check().withVersion(read).forPath("/sequence"));
        });

        assertThat(versions).containsExactly(0, 1);
        assertThat(term.epoch()).as("one bump, by the second attempt").isEqualTo(1);
    }

    @Test
    void aGuardGoneEndsABumpWithOperationsAtOnce() throws Exception {
        EpochStore epochs = new EpochStore(client);
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();

        assertThatThrownBy(() -> epochs.bump("/no-guard", List.of(), (epoch, alongside) -> {
            reads.incrementAndGet();
            return List.of(client.transactionOp().create().forPath("/announced"));
        })).isInstanceOf(KeeperException.NoNodeException.class);

        assertThat(reads).as("not retried").hasValue(1);
        assertThat(client.checkExists().forPath("/announced")).isNull();
    }

    @Test
    void concurrentBumpsFromSeveralNodesGetDistinctEpochs() throws Exception {
        List<EpochStore> stores = List.of(new EpochStore(client), new EpochStore(zk.newClient()), new EpochStore(zk.newClient()));
        ExecutorService pool = Executors.newFixedThreadPool(stores.size());
        try {
            List<Future<LeaderTerm>> terms = new ArrayList<>();
            for (int i = 0; i < 3; i++) for (EpochStore s : stores) terms.add(pool.submit((Callable<LeaderTerm>) s::bump));
            Set<Long> epochs = ConcurrentHashMap.newKeySet();
            for (Future<LeaderTerm> t : terms) epochs.add(t.get(20, TimeUnit.SECONDS).epoch());

            assertThat(epochs).hasSize(terms.size());
            assertThat(new EpochStore(client).current()).isEqualTo(terms.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
