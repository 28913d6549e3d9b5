package io.baton.server.store;

import io.baton.common.zk.ZkPaths;
import io.baton.server.election.LeaderTerm;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;

/**
 * Cordoned workers under {@link ZkPaths#CORDONS}: an operator's "no new shards for this worker", kept in
 * ZooKeeper so a new leader honours it. Writes are fenced multis of the leader's term; synchronous (rare).
 * Every change also writes {@link ZkPaths#CORDONS} itself, so its version moves with each change: a node
 * winning the election reads that version with the epoch and checks it in its bump (see
 * {@code LeaderElection}), which lets it read the cordons while the bump is written.
 */
public final class CordonStore {
    private final CuratorFramework client;

    public CordonStore(CuratorFramework client) {
        this.client = client;
    }

    /** Cordons ({@code true}) or uncordons a worker; idempotent. Throws {@link FencedException} for a stale term. */
    public void set(String workerId, boolean cordoned, LeaderTerm term) {
        String path = ZkPaths.cordon(workerId);
        try {
            createIfAbsent(ZkPaths.CORDONS);
            boolean exists = client.checkExists().forPath(path) != null;
            if (exists == cordoned) {
                // nothing to change, but a stale term must still learn it is stale
                client.transaction().forOperations(List.of(epochCheck(term)));
                return;
            }
            CuratorOp change = cordoned ? client.transactionOp().create().forPath(path)
                    : client.transactionOp().delete().forPath(path);
            client.transaction().forOperations(List.of(epochCheck(term), change, client.transactionOp().setData().forPath(ZkPaths.CORDONS)));
        } catch (KeeperException e) {
            MultiFailure failure = MultiFailure.of(e.code().intValue(), JobStore.errors(e.getResults()));
            if (failure.index() == 0) throw new FencedException(term);
            if (failure.isAt(1, KeeperException.Code.NODEEXISTS) || failure.isAt(1, KeeperException.Code.NONODE)) return;
            throw new IllegalStateException("changing the cordon of " + workerId + " failed: " + e, e);
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw new IllegalStateException("changing the cordon of " + workerId + " failed: " + e, e);
        }
    }

    /** Every cordoned worker id. */
    public List<String> loadAll() {
        try {
            return List.copyOf(client.getChildren().forPath(ZkPaths.CORDONS));
        } catch (KeeperException.NoNodeException none) {
            return List.of();
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw new IllegalStateException("loading cordons failed: " + e, e);
        }
    }

    private CuratorOp epochCheck(LeaderTerm term) throws Exception {
        return client.transactionOp().check().withVersion(term.epochVersion()).forPath(ZkPaths.EPOCH);
    }

    private void createIfAbsent(String path) throws Exception {
        try {
            client.create().creatingParentsIfNeeded().forPath(path);
        } catch (KeeperException.NodeExistsException fine) {
            // already there
        }
    }
}
