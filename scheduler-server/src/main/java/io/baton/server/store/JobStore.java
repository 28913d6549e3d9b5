package io.baton.server.store;

import com.google.protobuf.InvalidProtocolBufferException;
import io.baton.common.zk.ZkPaths;
import io.baton.proto.v1.JobRecord;
import io.baton.server.election.LeaderTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;

/**
 * Job records under {@link ZkPaths#JOBS}, one node per job. Writes are fenced by the writer's
 * {@link LeaderTerm}. Synchronous: jobs change rarely. Shared by the coordinator and the admin layer;
 * thread-safe. ZooKeeper failures surface as {@link IllegalStateException} (with the cause), a refused
 * write as {@link FencedException}.
 */
public final class JobStore {
    private static final int PUT_ATTEMPTS = 3;

    private final CuratorFramework client;

    public JobStore(CuratorFramework client) {
        this.client = client;
    }

    /** Creates or replaces the job record, in one multi with the epoch check of {@code term}. */
    public void put(JobRecord record, LeaderTerm term) {
        String path = ZkPaths.job(record.getSpec().getName());
        byte[] data = record.toByteArray();
        try {
            ensureParent(org.apache.curator.utils.ZKPaths.getPathAndNode(path).getPath());
            for (int attempt = 1; ; attempt++) {
                boolean exists = client.checkExists().forPath(path) != null;
                List<CuratorOp> ops = List.of(
                        client.transactionOp().check().withVersion(term.epochVersion()).forPath(ZkPaths.EPOCH),
                        exists ? client.transactionOp().setData().forPath(path, data)
                               : client.transactionOp().create().forPath(path, data));
                try {
                    client.transaction().forOperations(ops);
                    return;
                } catch (KeeperException e) {
                    MultiFailure failure = MultiFailure.of(e.code().intValue(), errors(e.getResults()));
                    if (failure.index() == 0) throw new FencedException(term);
                    // Created or deleted between our exists check and the multi: decide again.
                    boolean raced = failure.isAt(1, KeeperException.Code.NODEEXISTS) || failure.isAt(1, KeeperException.Code.NONODE);
                    if (!raced || attempt >= PUT_ATTEMPTS) throw e;
                }
            }
        } catch (FencedException e) {
            throw e;
        } catch (Exception e) {
            throw failed("storing job " + record.getSpec().getName(), e);
        }
    }

    public Optional<JobRecord> get(String name) {
        try {
            return Optional.of(JobRecord.parseFrom(client.getData().forPath(ZkPaths.job(name))));
        } catch (KeeperException.NoNodeException absent) {
            return Optional.empty();
        } catch (Exception e) {
            throw failed("reading job " + name, e);
        }
    }

    public boolean exists(String name) {
        try {
            return client.checkExists().forPath(ZkPaths.job(name)) != null;
        } catch (Exception e) {
            throw failed("checking job " + name, e);
        }
    }

    /** Every stored job, in name order. */
    public List<JobRecord> loadAll() {
        try {
            List<JobRecord> out = new ArrayList<>();
            for (byte[] data : ChildReader.readAll(client, ZkPaths.buckets(ZkPaths.JOBS))) out.add(JobRecord.parseFrom(data));
            return out;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a stored job record is unreadable", e);
        } catch (Exception e) {
            throw failed("loading jobs", e);
        }
    }

    private void ensureParent(String bucket) throws Exception {
        if (client.checkExists().forPath(bucket) != null) return;
        try {
            client.create().creatingParentsIfNeeded().forPath(bucket);
        } catch (KeeperException.NodeExistsException createdConcurrently) {
            // fine
        }
    }

    static List<Integer> errors(List<OpResult> results) {
        if (results == null) return List.of();
        return results.stream().map(r -> r instanceof OpResult.ErrorResult e ? e.getErr() : 0).toList();
    }

    private static IllegalStateException failed(String what, Exception cause) {
        if (cause instanceof InterruptedException) Thread.currentThread().interrupt();
        return new IllegalStateException(what + " failed: " + cause, cause);
    }
}
