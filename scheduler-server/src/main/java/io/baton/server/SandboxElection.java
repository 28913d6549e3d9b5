package io.baton.server;

import io.baton.common.zk.ZkPaths;
import io.baton.server.coordinator.Coordinator;
import io.baton.server.election.HandedTerm;
import io.baton.server.election.LeaderElection;
import io.baton.server.election.LeaderTerm;
import io.baton.server.election.LeadershipListener;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.helpers.NOPLogger;

/**
 * The election half of a follower's rehearsal ({@link SandboxTerm}): two candidates of this node's own contend in
 * its sandbox with the cluster's {@link LeaderElection} code; the first wins (bumping the sandbox's epoch and
 * announcing itself there), then resigns and hands its term to the second the way a leader stepping down hands
 * it to its successor (the word passed in memory here; its RPC is rehearsed apart). A successor whose JVM had never
 * won nor taken a term loaded ~55 classes (the latch's and the election's lambdas, the announcement's message and
 * transaction classes, the term's greeting) on the way to its first term, 30–40 ms of a graceful hand-over here.
 * Logs nothing. Not thread-safe: the rehearsal thread's; one instance per play.
 */
final class SandboxElection implements AutoCloseable {
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(2);

    private final CuratorFramework sandbox;
    private final Candidate first;
    private final Candidate second;
    private final LeaderElection firstElection;
    private final LeaderElection secondElection;

    /** The term the second candidate took, and the store it read while taking it (null: none to read yet). */
    record Handed(LeaderTerm term, CompletableFuture<Coordinator.Stored> preload) {}

    /** {@code load}: reads the sandbox's store, as a new term does (see {@link SchedulerNode#onTermAhead}). */
    SandboxElection(CuratorFramework sandbox, String nodeId, Supplier<CompletableFuture<Coordinator.Stored>> load) {
        this.sandbox = sandbox;
        this.first = new Candidate(load);
        this.second = new Candidate(load);
        this.firstElection = new LeaderElection(sandbox, nodeId + "-rehearsal-a", "127.0.0.1:0", first, NOPLogger.NOP_LOGGER);
        this.secondElection = new LeaderElection(sandbox, nodeId + "-rehearsal-b", "127.0.0.1:0", second, NOPLogger.NOP_LOGGER);
        first.successor = secondElection;
    }

    /** The first candidate's term, won with the second one in line behind it. */
    LeaderTerm win() throws Exception {
        clearStaleCandidates();
        firstElection.start();
        LeaderTerm term = first.gained.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        secondElection.start();
        awaitCandidates(2); // the hand-over needs someone to hand to
        return term;
    }

    /** The first candidate resigns; returns the term the second took on its word. */
    Handed handOver() throws Exception {
        firstElection.resign();
        LeaderTerm term = second.gained.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return new Handed(term, second.preload);
    }

    /**
     * Leaves the sandbox's election: the first candidate (not leading any more, or never the second's predecessor)
     * first, so the second, leading, finds no one to hand to and simply leaves.
     */
    @Override
    public void close() {
        firstElection.close();
        secondElection.close();
    }

    /**
     * Latch nodes of an earlier process of this node (killed: its ephemeral nodes stay until its session expires)
     * would win ahead of ours; they are deleted, as nobody else contends in this sandbox.
     */
    private void clearStaleCandidates() throws Exception {
        long session = sandbox.getZookeeperClient().getZooKeeper().getSessionId();
        List<String> children;
        try {
            children = sandbox.getChildren().forPath(ZkPaths.ELECTION);
        } catch (KeeperException.NoNodeException none) {
            return;
        }
        for (String child : children) {
            String path = ZkPaths.ELECTION + "/" + child;
            Stat stat = sandbox.checkExists().forPath(path);
            if (stat == null || stat.getEphemeralOwner() == session) continue;
            try {
                sandbox.delete().withVersion(stat.getVersion()).forPath(path);
            } catch (KeeperException.NoNodeException gone) {
                // expired meanwhile
            }
        }
    }

    private void awaitCandidates(int count) throws Exception {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (sandbox.getChildren().forPath(ZkPaths.ELECTION).size() < count) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the rehearsal's second candidate did not join in " + STEP_TIMEOUT);
            LockSupport.parkNanos(POLL.toNanos());
            if (Thread.interrupted()) throw new InterruptedException();
        }
    }

    /** One candidate's listener: its term, the store it read on the way, and whom it hands its term to. */
    private final class Candidate implements LeadershipListener {
        final CompletableFuture<LeaderTerm> gained = new CompletableFuture<>();
        final Supplier<CompletableFuture<Coordinator.Stored>> load;
        volatile CompletableFuture<Coordinator.Stored> preload;
        volatile LeaderElection successor;
        /** The store as it was read before handing on (election thread only); what the successor is told. */
        private Stat pinned;

        Candidate(Supplier<CompletableFuture<Coordinator.Stored>> load) {
            this.load = load;
        }

        @Override
        public void onTermAhead(OptionalInt storeVersion, long storeZxid) {
            preload = storeVersion.isPresent() ? load.get() : null;
        }

        /** The store's version, pinned by the hand-over (nothing is written meanwhile: the term played has ended). */
        @Override
        public OptionalInt beforeHandOver(LeaderTerm term) {
            try {
                pinned = sandbox.checkExists().forPath(ZkPaths.STORE_SEQUENCE);
            } catch (Exception e) {
                pinned = null;
            }
            return pinned == null ? OptionalInt.empty() : OptionalInt.of(pinned.getVersion());
        }

        @Override
        public void handedOver(LeaderTerm term, Optional<HandedTerm> to) {
            LeaderElection next = successor;
            if (to.isEmpty() || next == null) return;
            // the hand-over applied only with the store still at the pinned version: that is what the successor reads
            next.takeHandedTerm(to.get(), pinned == null ? OptionalInt.empty() : OptionalInt.of(pinned.getVersion()),
                    pinned == null ? 0 : pinned.getMzxid());
        }

        @Override
        public void onLeadershipGained(LeaderTerm term) {
            gained.complete(term);
        }

        @Override
        public void onLeadershipEnded(LeaderTerm term, String reason) { }

        @Override
        public void onLeadershipSuspended(LeaderTerm term, String reason) { }

        @Override
        public void onLeadershipResumed(LeaderTerm term) { }
    }
}
