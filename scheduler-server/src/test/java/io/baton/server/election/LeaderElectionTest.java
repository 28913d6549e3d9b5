package io.baton.server.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.baton.common.zk.ZkPaths;
import io.baton.common.zk.ZooKeeperFixture;
import io.baton.proto.v1.LeaderInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LeaderElectionTest {
    private static final Duration SESSION = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final ZooKeeperFixture zk = new ZooKeeperFixture();

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) closeables.get(i).close();
    }

    @Test
    void threeNodesElectOneLeaderAndFailOverWithAHigherEpoch() throws Exception {
        List<Node> nodes = List.of(node(zk.server(), "a"), node(zk.server(), "b"), node(zk.server(), "c"));
        nodes.forEach(n -> n.election.start());

        await().atMost(WAIT).until(() -> nodes.stream().filter(n -> n.election.isLeader()).count() == 1);
        Node first = nodes.stream().filter(n -> n.election.isLeader()).findFirst().orElseThrow();
        LeaderTerm firstTerm = first.election.currentTerm().orElseThrow();
        assertThat(readLeader(first.client)).isEqualTo(LeaderInfo.newBuilder()
                .setNodeId(first.id).setClientAddress(first.id + ":1").setEpoch(firstTerm.epoch()).build());
        assertThat(new EpochStore(first.client).current()).isEqualTo(firstTerm.epoch());

        first.election.close();

        assertThat(first.listener.events).containsExactly(
                new RecordingListener.Event(true, firstTerm, null), new RecordingListener.Event(false, firstTerm, "closed"));
        await().atMost(WAIT).until(() -> nodes.stream().filter(n -> n != first && n.election.isLeader()).count() == 1);
        Node second = nodes.stream().filter(n -> n != first && n.election.isLeader()).findFirst().orElseThrow();
        LeaderTerm secondTerm = second.election.currentTerm().orElseThrow();
        assertThat(secondTerm.epoch()).isGreaterThan(firstTerm.epoch());
        await().atMost(WAIT).until(() -> readLeader(second.client).getEpoch() == secondTerm.epoch());
        assertThat(readLeader(second.client).getNodeId()).isEqualTo(second.id);
        assertThat(first.listener.ended()).isEqualTo(1);
        nodes.forEach(n -> assertThat(n.listener.gained()).isLessThanOrEqualTo(1));
    }

    @Test
    void resigningHandsLeadershipOnAndTheResignerMayWinALaterTerm() throws Exception {
        Node[] ab = aLeadsAndBWaits();
        Node a = ab[0];
        Node b = ab[1];
        LeaderTerm aTerm = a.election.currentTerm().orElseThrow();

        a.election.resign();

        await().atMost(WAIT).until(b.election::isLeader);
        assertThat(b.election.currentTerm().orElseThrow().epoch()).isGreaterThan(aTerm.epoch());
        // the successor announces itself in /leader
        long bEpoch = b.election.currentTerm().orElseThrow().epoch();
        await().atMost(WAIT).until(() -> readLeader(a.client).getNodeId().equals("b") && readLeader(a.client).getEpoch() == bEpoch);
        assertThat(a.listener.events).containsExactly(
                new RecordingListener.Event(true, aTerm, null), new RecordingListener.Event(false, aTerm, "resigned"));
        assertThat(a.election.isLeader()).isFalse();

        await().atMost(WAIT).until(() -> a.client.getChildren().forPath(ZkPaths.ELECTION).size() == 2);
        b.election.resign();

        await().atMost(WAIT).until(a.election::isLeader);
        assertThat(a.election.currentTerm().orElseThrow().epoch()).isGreaterThan(b.listener.lastGained().epoch());
        assertThat(a.listener.wellOrdered()).isTrue();
        assertThat(b.listener.wellOrdered()).isTrue();
        assertThat(a.listener.threads).containsExactly("baton-election-a");
    }

    @Test
    void aLeaderSteppingDownHandsTheNextEpochToItsSuccessorWhichTakesItWithoutWriting() throws Exception {
        Node[] ab = aLeadsAndBWaits();
        Node a = ab[0];
        Node b = ab[1];
        LeaderTerm aTerm = a.election.currentTerm().orElseThrow();
        String aNode = latchNodeOf(a);
        String bNode = a.client.getChildren().forPath(ZkPaths.ELECTION).stream().map(c -> ZkPaths.ELECTION + "/" + c)
                .filter(p -> !p.equals(aNode)).findFirst().orElseThrow();
        a.client.create().forPath(ZkPaths.STORE_SEQUENCE); // a store exists: its zxid names what is stored
        long storeZxid = a.client.checkExists().forPath(ZkPaths.STORE_SEQUENCE).getMzxid();
        java.util.List<Integer> epochVersionBeforeHandOver = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<Integer> epochVersionHandedOver = new java.util.concurrent.CopyOnWriteArrayList<>();
        a.listener.onHandingOver = epoch -> epochVersionBeforeHandOver.add(epochVersion(a.client));
        a.listener.onHandedOver = to -> epochVersionHandedOver.add(epochVersion(a.client));

        a.election.resign();

        await().atMost(WAIT).until(b.election::isLeader);
        LeaderTerm bTerm = b.election.currentTerm().orElseThrow();
        // one write to /epoch between the terms: a's hand-over, naming b's latch node; b wrote none
        assertThat(bTerm).isEqualTo(new LeaderTerm(aTerm.epoch() + 1, aTerm.epochVersion() + 1));
        assertThat(EpochBytes.handedTo(a.client.getData().forPath(ZkPaths.EPOCH))).contains(bNode);
        assertThat(a.client.checkExists().forPath(ZkPaths.EPOCH).getVersion()).isEqualTo(bTerm.epochVersion());
        // a was told before it handed on (its term's epoch still in place) and after (the next one written); b heard
        // the store's zxid ahead of its term
        assertThat(a.listener.handingOver).containsExactly(aTerm.epoch());
        assertThat(epochVersionBeforeHandOver).containsExactly(aTerm.epochVersion());
        assertThat(a.listener.handedOver).containsExactly(aTerm.epoch());
        assertThat(a.listener.handedTo).containsExactly(java.util.Optional.of(new HandedTerm(bTerm, bNode)));
        assertThat(epochVersionHandedOver).containsExactly(bTerm.epochVersion());
        assertThat(b.listener.aheadZxids).last().isEqualTo(storeZxid);
        // b announces itself in the background
        await().atMost(WAIT).until(() -> readLeader(a.client).getEpoch() == bTerm.epoch() && readLeader(a.client).getNodeId().equals("b"));

        // a term is taken once: renewing it bumps, though /epoch still names b's latch node
        b.election.renew(bTerm);
        await().atMost(WAIT).until(() -> b.election.currentTerm().map(LeaderTerm::epoch).orElse(0L) == bTerm.epoch() + 1);
        LeaderTerm renewed = b.election.currentTerm().orElseThrow();
        assertThat(EpochBytes.handedTo(a.client.getData().forPath(ZkPaths.EPOCH))).isEmpty();

        // closing hands on too: a, queued again, takes the next epoch
        await().atMost(WAIT).until(() -> b.client.getChildren().forPath(ZkPaths.ELECTION).size() == 2);
        b.election.close();
        await().atMost(WAIT).until(a.election::isLeader);
        assertThat(a.election.currentTerm().orElseThrow()).isEqualTo(new LeaderTerm(renewed.epoch() + 1, renewed.epochVersion() + 1));
        await().atMost(WAIT).until(() -> readLeader(a.client).getNodeId().equals("a"));
        assertThat(a.listener.wellOrdered()).isTrue();
        assertThat(b.listener.wellOrdered()).isTrue();
    }

    @Test
    void aSuccessorToldOfTheHandOverTakesTheTermAtOnceAndKeepsItWhenItsLatchAgrees() throws Exception {
        Node[] ab = aLeadsAndBWaits();
        Node a = ab[0];
        Node b = ab[1];
        LeaderTerm aTerm = a.election.currentTerm().orElseThrow();
        // a third node hears the same word; the term is not its own, so it ignores it
        Node c = node(zk.server(), "c");
        c.election.start();
        await().atMost(WAIT).until(() -> a.client.getChildren().forPath(ZkPaths.ELECTION).size() == 3);
        a.listener.onHandedOver = to -> to.ifPresent(handed -> {
            c.election.takeHandedTerm(handed, java.util.OptionalInt.of(7), 99);
            b.election.takeHandedTerm(handed, java.util.OptionalInt.of(7), 99);
        });

        a.election.resign();

        await().atMost(WAIT).until(b.election::isLeader);
        LeaderTerm bTerm = new LeaderTerm(aTerm.epoch() + 1, aTerm.epochVersion() + 1);
        assertThat(b.election.currentTerm()).contains(bTerm);
        await().atMost(WAIT).until(() -> readLeader(b.client).getNodeId().equals("b") && readLeader(b.client).getEpoch() == bTerm.epoch());
        // b took it on a's word or through its latch, whichever came first, and only once: the other way, when it
        // comes, starts or ends nothing (a's latch node went in the hand-over, so b's latch agrees)
        await().during(java.time.Duration.ofMillis(500)).atMost(WAIT).until(() -> b.election.currentTerm().equals(java.util.Optional.of(bTerm)));
        assertThat(b.listener.sequence).hasSize(2).last().isEqualTo("gained " + bTerm.epoch());
        assertThat(b.listener.sequence.get(0)).isIn("ahead 7", "ahead none");
        assertThat(c.election.isLeader()).isFalse();
        assertThat(c.listener.sequence).isEmpty();
        assertThat(new EpochStore(a.client).current()).isEqualTo(bTerm.epoch());

        // a word naming another candidate's latch node is ignored
        LeaderTerm next = new LeaderTerm(bTerm.epoch() + 1, bTerm.epochVersion() + 1);
        c.election.takeHandedTerm(new HandedTerm(next, latchNodeOf(b)), java.util.OptionalInt.empty(), 0);
        await().during(java.time.Duration.ofMillis(300)).atMost(WAIT).until(() -> !c.election.isLeader());
        assertThat(c.listener.sequence).isEmpty();

        // a word of a term already held, or come late, changes nothing: b renews by a bump as usual
        b.election.takeHandedTerm(new HandedTerm(bTerm, latchNodeOf(b)), java.util.OptionalInt.empty(), 0);
        b.election.renew(bTerm);
        await().atMost(WAIT).until(() -> b.election.currentTerm().map(LeaderTerm::epoch).orElse(0L) == bTerm.epoch() + 1);
        assertThat(b.listener.wellOrdered()).isTrue();
    }

    @Test
    void aHandOverPinnedToAStoreThatMovedIsNotMadeAndTheSuccessorBumps() throws Exception {
        Node[] ab = aLeadsAndBWaits();
        Node a = ab[0];
        Node b = ab[1];
        LeaderTerm aTerm = a.election.currentTerm().orElseThrow();
        a.client.create().forPath(ZkPaths.STORE_SEQUENCE);
        a.listener.storePin = java.util.OptionalInt.of(0);
        // a write lands between the snapshot and the hand-over (as a write still in flight would)
        a.listener.onHandingOver = epoch -> {
            try {
                a.client.setData().forPath(ZkPaths.STORE_SEQUENCE, new byte[0]);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };

        a.election.resign();

        await().atMost(WAIT).until(b.election::isLeader);
        assertThat(a.listener.handedTo).containsExactly(java.util.Optional.empty());
        assertThat(EpochBytes.handedTo(a.client.getData().forPath(ZkPaths.EPOCH))).as("b bumped").isEmpty();
        assertThat(b.election.currentTerm().orElseThrow().epoch()).isEqualTo(aTerm.epoch() + 1);
    }

    @Test
    void anEpochHandedToACandidateThatIsGoneIsBumpedPastByTheNextWinner() throws Exception {
        CuratorFramework admin = client(zk.server());
        long stored = new EpochStore(admin).bump().epoch();
        int version = admin.checkExists().forPath(ZkPaths.EPOCH).getVersion();
        admin.setData().withVersion(version).forPath(ZkPaths.EPOCH,
                EpochBytes.encode(stored + 1, ZkPaths.ELECTION + "/_c_0000-gone-latch-0000000042"));
        Node a = node(zk.server(), "a");

        a.election.start();

        await().atMost(WAIT).until(a.election::isLeader);
        assertThat(a.election.currentTerm().orElseThrow()).isEqualTo(new LeaderTerm(stored + 2, version + 2));
        assertThat(EpochBytes.handedTo(admin.getData().forPath(ZkPaths.EPOCH))).isEmpty();
        assertThat(readLeader(admin).getNodeId()).isEqualTo("a");
    }

    @Test
    void replacesTheLeaderNodeOfADeadLeaderWhoseSessionLingers() throws Exception {
        CuratorFramework crashed = client(zk.server());
        crashed.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(ZkPaths.LEADER,
                LeaderInfo.newBuilder().setNodeId("crashed").setEpoch(99).build().toByteArray());
        Node a = node(zk.server(), "a");

        a.election.start();

        await().atMost(WAIT).until(a.election::isLeader);
        assertThat(readLeader(a.client).getNodeId()).isEqualTo("a");
        assertThat(a.client.checkExists().forPath(ZkPaths.LEADER).getEphemeralOwner())
                .isEqualTo(a.client.getZookeeperClient().getZooKeeper().getSessionId());
    }

    @Test
    void closingIsIdempotentAndRemovesTheLeaderNode() throws Exception {
        Node a = node(zk.server(), "a");
        a.election.start();
        await().atMost(WAIT).until(a.election::isLeader);

        a.election.close();
        a.election.close();

        assertThat(a.listener.gained()).isEqualTo(1);
        assertThat(a.listener.ended()).isEqualTo(1);
        assertThat(a.election.isLeader()).isFalse();
        assertThat(a.election.currentTerm()).isEmpty();
        assertThat(a.client.checkExists().forPath(ZkPaths.LEADER)).isNull();
        assertThat(a.client.getChildren().forPath(ZkPaths.ELECTION)).isEmpty();
    }

    @Test
    void aClosingLeaderWhoseLeaderNodeWasRewrittenStillLeavesTheElectionAndRemovesIt() throws Exception {
        Node[] ab = aLeadsAndBWaits();
        Node a = ab[0];
        Node b = ab[1];
        // not the /leader version a created: its one-write leave fails and it falls back to closing, then removing
        a.client.setData().forPath(ZkPaths.LEADER, a.client.getData().forPath(ZkPaths.LEADER));

        a.election.close();

        await().atMost(WAIT).until(b.election::isLeader);
        await().atMost(WAIT).until(() -> readLeader(b.client).getNodeId().equals("b"));
        assertThat(b.client.getChildren().forPath(ZkPaths.ELECTION)).hasSize(1);
        assertThat(a.listener.ended()).isEqualTo(1);
    }

    @Test
    void theTrackerFollowsTheLeaderNode() throws Exception {
        Node a = node(zk.server(), "a");
        Node b = node(zk.server(), "b");
        LeaderTracker tracker = new LeaderTracker(client(zk.server()));
        closeables.add(tracker);
        tracker.start();
        assertThat(tracker.leader()).isEmpty();

        a.election.start();
        await().atMost(WAIT).until(() -> tracker.leader().map(LeaderInfo::getNodeId).orElse("").equals("a"));
        b.election.start();
        a.election.close();

        await().atMost(WAIT).until(() -> tracker.leader().map(LeaderInfo::getNodeId).orElse("").equals("b"));
        assertThat(tracker.leader().orElseThrow().getEpoch()).isEqualTo(b.election.currentTerm().orElseThrow().epoch());
        tracker.close();
        tracker.close();
    }

    @Test
    void leadershipEndsWhenZooKeeperGoesAwayAndReturnsWithAHigherEpoch() throws Exception {
        TestingServer server = zk.newServer();
        List<Node> nodes = List.of(node(server, "a"), node(server, "b"));
        nodes.forEach(n -> n.election.start());
        await().atMost(WAIT).until(() -> nodes.stream().anyMatch(n -> n.election.isLeader()));
        Node leader = nodes.stream().filter(n -> n.election.isLeader()).findFirst().orElseThrow();
        long before = leader.election.currentTerm().orElseThrow().epoch();

        server.stop();

        await().atMost(WAIT).until(() -> leader.listener.ended() == 1);
        assertThat(leader.election.isLeader()).isFalse();
        // SUSPENDED pauses the term; only the lost session ends it
        assertThat(leader.listener.events.get(1).reason()).contains("lost");
        assertThat(leader.listener.pauses).startsWith("suspended " + before);

        server.restart();

        await().atMost(Duration.ofSeconds(30)).until(() -> nodes.stream().anyMatch(n -> n.election.isLeader()));
        Node next = nodes.stream().filter(n -> n.election.isLeader()).findFirst().orElseThrow();
        assertThat(next.election.currentTerm().orElseThrow().epoch()).isGreaterThan(before);
        nodes.forEach(n -> assertThat(n.listener.wellOrdered()).isTrue());
    }

    @Test
    void aLeaderWhoseSessionSurvivesADisconnectionPausesAndKeepsItsTerm() throws Exception {
        TestingServer server = zk.newServer();
        Node a = node(server, "a");
        Node b = node(server, "b");
        a.election.start();
        await().atMost(WAIT).until(a.election::isLeader);
        b.election.start();
        long epoch = a.election.currentTerm().orElseThrow().epoch();

        // a restart shorter than the session timeout: the sessions live on in the server's data
        server.stop();
        await().atMost(WAIT).until(() -> a.listener.pauses.contains("suspended " + epoch));
        server.restart();

        await().atMost(WAIT).until(() -> a.listener.pauses.contains("resumed " + epoch));
        assertThat(a.listener.pauses).containsExactly("suspended " + epoch, "resumed " + epoch);
        assertThat(a.listener.ended()).isZero();
        assertThat(a.election.currentTerm().orElseThrow().epoch()).isEqualTo(epoch);
        assertThat(b.election.isLeader()).isFalse();
        assertThat(readLeader(a.client).getEpoch()).isEqualTo(epoch);
    }

    @Test
    void renewingATermStartsAHigherEpochOnTheSameNode() throws Exception {
        TestingServer server = zk.newServer();
        Node a = node(server, "a");
        Node b = node(server, "b");
        a.election.start();
        await().atMost(WAIT).until(a.election::isLeader);
        b.election.start();
        LeaderTerm first = a.election.currentTerm().orElseThrow();

        a.election.renew(first);

        await().atMost(WAIT).until(() -> a.listener.gained() == 2);
        assertThat(a.listener.events.get(1).reason()).contains("renewing");
        assertThat(a.listener.lastGained().epoch()).isGreaterThan(first.epoch());
        assertThat(a.listener.wellOrdered()).isTrue();
        assertThat(b.election.isLeader()).isFalse();
        assertThat(readLeader(a.client).getEpoch()).isEqualTo(a.listener.lastGained().epoch());

        a.election.renew(first); // a stale request: that term is over
        assertThat(a.election.currentTerm()).contains(a.listener.lastGained());
    }

    @Test
    void aRenewalAskedWhileSuspendedWaitsForTheConnectionInsteadOfResuming() throws Exception {
        TestingServer server = zk.newServer();
        Node a = node(server, "a");
        a.election.start();
        await().atMost(WAIT).until(a.election::isLeader);
        LeaderTerm first = a.election.currentTerm().orElseThrow();

        server.stop();
        await().atMost(WAIT).until(() -> a.listener.pauses.contains("suspended " + first.epoch()));
        a.election.renew(first);
        server.restart();

        await().atMost(WAIT).until(() -> a.listener.gained() == 2);
        assertThat(a.listener.pauses).containsExactly("suspended " + first.epoch());
        assertThat(a.listener.lastGained().epoch()).isGreaterThan(first.epoch());
        assertThat(a.listener.wellOrdered()).isTrue();
    }

    @Test
    void aNodeWhoseSessionExpiredWhileZooKeeperWasDownRejoinsByItself() throws Exception {
        TestingServer server = zk.newServer();
        Node a = node(server, "a");
        Set<ConnectionState> states = ConcurrentHashMap.newKeySet();
        a.client.getConnectionStateListenable().addListener((c, state) -> states.add(state));
        a.election.start();
        await().atMost(WAIT).until(a.election::isLeader);
        long before = a.election.currentTerm().orElseThrow().epoch();

        server.stop();
        await().atMost(WAIT).until(() -> states.contains(ConnectionState.LOST));
        server.restart();

        await().atMost(Duration.ofSeconds(30)).until(a.election::isLeader);
        assertThat(a.election.currentTerm().orElseThrow().epoch()).isGreaterThan(before);
        assertThat(a.listener.ended()).isEqualTo(1);
        assertThat(a.listener.wellOrdered()).isTrue();
        await().atMost(WAIT).until(() -> readLeader(a.client).getEpoch() > before);
    }

    @Test
    void aWinnerHearsTheStoresVersionBeforeItsTermAndTheBumpHoldsOnlyIfTheStoreStayedThere() throws Exception {
        Node a = node(zk.server(), "a");
        a.election.start();
        await().atMost(WAIT).until(a.election::isLeader);
        assertThat(a.listener.sequence).containsExactly("ahead none", "gained 1");

        // the store has been written since (version 2); a late write of an older term lands between the winner's
        // read and its bump, as a deposed leader's in-flight multi could: that bump must not apply, and the next
        // attempt reads the store again
        a.client.create().forPath(ZkPaths.STORE_SEQUENCE);
        a.client.setData().forPath(ZkPaths.STORE_SEQUENCE, new byte[0]);
        a.client.setData().forPath(ZkPaths.STORE_SEQUENCE, new byte[0]);
        a.listener.onAhead = onceWrite(a.client, ZkPaths.STORE_SEQUENCE);
        a.election.resign();

        await().atMost(WAIT).until(() -> a.listener.gained() == 2);
        assertThat(a.listener.sequence).containsExactly("ahead none", "gained 1", "ended 1", "ahead 2", "ahead 3", "gained 2");
        assertThat(new EpochStore(a.client).current()).isEqualTo(2);
        assertThat(a.client.checkExists().forPath(ZkPaths.CORDONS)).as("created by the bump that pinned it").isNotNull();

        // a cordon changed meanwhile (it moves /cordons) fails the attempt just the same
        a.listener.onAhead = onceWrite(a.client, ZkPaths.CORDONS);
        a.election.resign();

        await().atMost(WAIT).until(() -> a.listener.gained() == 3);
        assertThat(a.listener.sequence.subList(6, a.listener.sequence.size())).containsExactly("ended 2", "ahead 3", "ahead 3", "gained 3");
    }

    // ---------------------------------------------------------------- fixtures

    private static int epochVersion(CuratorFramework client) {
        try {
            return client.checkExists().forPath(ZkPaths.EPOCH).getVersion();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A hook for onTermAhead that writes {@code path} the first time it is called (another writer, in between). */
    private static java.util.function.IntConsumer onceWrite(CuratorFramework client, String path) {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        return version -> {
            try {
                if (done.compareAndSet(false, true)) client.setData().forPath(path, new byte[0]);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private record Node(String id, CuratorFramework client, LeaderElection election, RecordingListener listener) {}

    /** Node a leading and node b queued behind it in the latch (else a, stepping down, may rightly win again). */
    private Node[] aLeadsAndBWaits() throws Exception {
        Node a = node(zk.server(), "a");
        Node b = node(zk.server(), "b");
        a.election.start();
        await().atMost(WAIT).until(a.election::isLeader);
        b.election.start();
        await().atMost(WAIT).until(() -> a.client.getChildren().forPath(ZkPaths.ELECTION).size() == 2);
        return new Node[] {a, b};
    }

    private Node node(TestingServer server, String id) throws Exception {
        CuratorFramework client = client(server);
        RecordingListener listener = new RecordingListener();
        LeaderElection election = new LeaderElection(client, id, id + ":1", listener);
        closeables.add(election);
        return new Node(id, client, election, listener);
    }

    private CuratorFramework client(TestingServer server) throws Exception {
        CuratorFramework client = zk.newClient(server, SESSION);
        assertThat(client.getZookeeperClient().getZooKeeper().getSessionTimeout()).isLessThanOrEqualTo((int) SESSION.toMillis());
        return client;
    }

    /** The latch node of the node leading now: the lowest of the election's children. */
    private static String latchNodeOf(Node leader) throws Exception {
        assertThat(leader.election.isLeader()).isTrue();
        return leader.client.getChildren().forPath(ZkPaths.ELECTION).stream()
                .min(java.util.Comparator.comparing((String c) -> c.substring(c.lastIndexOf("latch-"))))
                .map(c -> ZkPaths.ELECTION + "/" + c).orElseThrow();
    }

    /** The announced leader; the default (empty) instance while no /leader node exists. */
    private static LeaderInfo readLeader(CuratorFramework client) throws Exception {
        try {
            return LeaderInfo.parseFrom(client.getData().forPath(ZkPaths.LEADER));
        } catch (org.apache.zookeeper.KeeperException.NoNodeException absent) {
            return LeaderInfo.getDefaultInstance();
        }
    }
}
