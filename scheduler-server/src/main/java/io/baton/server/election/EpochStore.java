package io.baton.server.election;

import io.baton.common.zk.ZkPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.curator.RetryLoop;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.api.transaction.CuratorTransactionResult;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.Stat;

/**
 * Reads and bumps the leader epoch stored in {@code /epoch}. A bump is a version-checked write, so two
 * nodes bumping at once get distinct epochs. Used by {@link LeaderElection} when it wins; stateless and
 * thread-safe. Calls block on ZooKeeper.
 */
public final class EpochStore {
    private static final int MAX_ATTEMPTS = 10;

    private final CuratorFramework client;

    public EpochStore(CuratorFramework client) {
        this.client = client;
    }

    /** Bumps the epoch unconditionally (creating {@code /epoch} at 0 first if absent) and returns the new term. */
    public LeaderTerm bump() throws Exception {
        return bump(null);
    }

    /**
     * Bumps the epoch only while {@code guardPath} exists, checked in the same multi. The election passes its
     * latch participant node: once that node is gone (session expired, latch reset) a late bump from this
     * node cannot depose the real leader. Fails with {@link KeeperException.NoNodeException} in that case.
     */
    public LeaderTerm bump(String guardPath) throws Exception {
        return bump(guardPath, List.of(), (epoch, alongside) -> List.of());
    }

    /**
     * As {@link #bump(String)}, with {@code alsoWith}'s operations in the same multi: the election announces
     * itself in the write that bumps, one fsync instead of two. {@code readAlongside} are nodes those
     * operations depend on: their Stats (null for an absent one) are read in the same request as the epoch and
     * handed to {@code alsoWith}, one round trip instead of several. Both are read again for each attempt; an
     * attempt whose own operations met a concurrent change (a node created, deleted or changed since they
     * were read) is retried like a concurrent bump.
     */
    public LeaderTerm bump(String guardPath, List<String> readAlongside, EpochOps alsoWith) throws Exception {
        return takeOrBump(guardPath, Long.MAX_VALUE, readAlongside, alsoWith).term();
    }

    /**
     * A term won: bumped by the winner, or {@code handed} to it by the leader before it ({@link #handOver}),
     * with the Stats of the nodes read alongside the epoch (null for an absent one).
     */
    public record Won(LeaderTerm term, boolean handed, List<Stat> alongside) {}

    /**
     * As {@link #bump(String, List, EpochOps)}, unless the stored epoch was handed to {@code guardPath} (our
     * latch node) and is above {@code aboveEpoch} (the highest this node ever held, so a term is never taken
     * twice): then that epoch is the term, as stored, and nothing is written ({@code alsoWith} is not called).
     * Safe without a write: the handing leader set the epoch in the multi that deleted its latch node, so every
     * write of its term (each checks the epoch's version) is either in the store already or fails; and a winner
     * after us bumps past it as usual.
     */
    public Won takeOrBump(String guardPath, long aboveEpoch, List<String> readAlongside, EpochOps alsoWith) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Read read = readOrCreate(readAlongside);
            if (guardPath != null && read.epoch() > aboveEpoch && read.handedTo().filter(guardPath::equals).isPresent()) {
                return new Won(new LeaderTerm(read.epoch(), read.epochVersion()), true, read.alongside());
            }
            List<CuratorOp> ops = new ArrayList<>(4);
            if (guardPath != null) ops.add(client.transactionOp().check().forPath(guardPath));
            ops.add(client.transactionOp().setData().withVersion(read.epochVersion())
                    .forPath(ZkPaths.EPOCH, EpochBytes.encode(read.epoch() + 1)));
            int epochOp = ops.size() - 1;
            ops.addAll(alsoWith.forEpoch(read.epoch() + 1, read.alongside()));
            try {
                List<CuratorTransactionResult> results = client.transaction().forOperations(ops);
                Stat written = results.get(epochOp).getResultStat();
                return new Won(new LeaderTerm(read.epoch() + 1, written.getVersion()), false, read.alongside());
            } catch (KeeperException raced) {
                // The guard gone is final. Otherwise someone else bumped, or changed what our own operations
                // expected, between our reads and the write: read again and retry after a short random pause,
                // so bumpers that keep colliding drift apart. Only contending winners ever collide.
                if (guardPath != null && raced.code() == KeeperException.Code.NONODE && failedAt(raced) == 0) throw raced;
                if (!isRace(raced.code()) || attempt >= MAX_ATTEMPTS) throw raced;
                Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 2));
            }
        }
    }

    /**
     * A leader stepping down hands the next epoch to its successor: in one multi, deletes {@code latchNode} (its
     * own latch node: the successor, watching it, wins the latch), sets the epoch to {@code term}'s + 1 naming
     * {@code successorLatchNode} (checked against {@code term}'s version: fails if anyone bumped since), and
     * {@code also}. The successor takes that term without writing ({@link #takeOrBump}), one write sooner; if it
     * never does (gone meanwhile), the next winner bumps past it. Throws (nothing written) when anything changed.
     */
    public void handOver(LeaderTerm term, String latchNode, String successorLatchNode, List<CuratorOp> also) throws Exception {
        List<CuratorOp> ops = new ArrayList<>(2 + also.size());
        ops.add(client.transactionOp().delete().forPath(latchNode));
        ops.add(client.transactionOp().setData().withVersion(term.epochVersion())
                .forPath(ZkPaths.EPOCH, EpochBytes.encode(term.epoch() + 1, successorLatchNode)));
        ops.addAll(also);
        client.transaction().forOperations(ops);
    }

    /** Operations to write with a bump, given the epoch it writes and the Stats read alongside the epoch. */
    @FunctionalInterface
    public interface EpochOps {
        /** {@code alongside}: the Stat of each node read with the epoch, in the order asked, null for an absent one. */
        List<CuratorOp> forEpoch(long newEpoch, List<Stat> alongside) throws Exception;
    }

    /**
     * The stored epoch, its node's version, the latch node it was handed to (if it was), and the Stats of the
     * nodes read alongside (null for an absent one).
     */
    private record Read(long epoch, int epochVersion, Optional<String> handedTo, List<Stat> alongside) {}

    private static boolean isRace(KeeperException.Code code) {
        return code == KeeperException.Code.BADVERSION || code == KeeperException.Code.NODEEXISTS
                || code == KeeperException.Code.NONODE;
    }

    /** The index of the operation that failed a multi, or -1 when unknown. */
    private static int failedAt(KeeperException e) {
        List<org.apache.zookeeper.OpResult> results = e.getResults();
        if (results == null) return -1;
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof org.apache.zookeeper.OpResult.ErrorResult err
                    && err.getErr() != KeeperException.Code.OK.intValue()
                    && err.getErr() != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) return i;
        }
        return -1;
    }

    /** The stored epoch; 0 when no leader ever bumped it. */
    public long current() throws Exception {
        try {
            return EpochBytes.decode(client.getData().forPath(ZkPaths.EPOCH));
        } catch (KeeperException.NoNodeException absent) {
            return 0;
        }
    }

    /** Reads the epoch (creating it at 0 when absent) and the Stats of {@code alongside} in one read-only multi. */
    private Read readOrCreate(List<String> alongside) throws Exception {
        String ns = client.getNamespace();
        List<Op> reads = new ArrayList<>(1 + alongside.size());
        reads.add(Op.getData(ZKPaths.fixForNamespace(ns, ZkPaths.EPOCH)));
        for (String path : alongside) reads.add(Op.getData(ZKPaths.fixForNamespace(ns, path)));
        while (true) {
            List<OpResult> results = RetryLoop.callWithRetry(client.getZookeeperClient(),
                    () -> client.getZookeeperClient().getZooKeeper().multi(reads));
            List<Stat> other = new ArrayList<>(alongside.size());
            for (int i = 0; i < alongside.size(); i++) other.add(statOf(results.get(i + 1), alongside.get(i)));
            if (results.get(0) instanceof OpResult.GetDataResult epoch) {
                return new Read(EpochBytes.decode(epoch.getData()), epoch.getStat().getVersion(),
                        EpochBytes.handedTo(epoch.getData()), other);
            }
            statOf(results.get(0), ZkPaths.EPOCH); // throws unless it is absent
            try {
                client.create().creatingParentsIfNeeded().forPath(ZkPaths.EPOCH, EpochBytes.encode(0));
            } catch (KeeperException.NodeExistsException createdConcurrently) {
                // fine: read what the other node created
            }
        }
    }

    /** The Stat of a read-only multi's getData result; null when the node is absent; throws any other error. */
    private static Stat statOf(OpResult result, String path) throws KeeperException {
        if (result instanceof OpResult.GetDataResult data) return data.getStat();
        int err = ((OpResult.ErrorResult) result).getErr();
        if (err == KeeperException.Code.NONODE.intValue()) return null;
        throw KeeperException.create(KeeperException.Code.get(err), path);
    }
}
