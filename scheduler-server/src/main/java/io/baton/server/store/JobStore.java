package io.baton.server.store;

import com.google.protobuf.InvalidProtocolBufferException;
import io.baton.common.zk.ZkPaths;
import io.baton.proto.v1.JobRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;

/**
 * Reads the job records under {@link ZkPaths#JOBS}, one node per job (synchronous; thread-safe; shared by the
 * coordinator, the admin layer and a follower's warm-up). The leader writes them through {@link RunStore}'s
 * ordered, fenced writer ({@code createJob}, the group commit, {@code deleteJob}). ZooKeeper failures surface
 * as {@link IllegalStateException} (with the cause).
 */
public final class JobStore {

    private final CuratorFramework client;

    public JobStore(CuratorFramework client) {
        this.client = client;
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
        return load(buckets -> ChildReader.readAll(client, buckets));
    }

    /** A sample of the stored jobs, at least {@code atLeast} when there are as many (all of a small store). */
    public List<JobRecord> loadSample(int atLeast) {
        return load(buckets -> ChildReader.readSample(client, buckets, atLeast));
    }

    private List<JobRecord> load(ChildReader.Reader reader) {
        try {
            List<JobRecord> out = new ArrayList<>();
            for (byte[] data : reader.read(ZkPaths.buckets(ZkPaths.JOBS))) out.add(JobRecord.parseFrom(data));
            return out;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a stored job record is unreadable", e);
        } catch (Exception e) {
            throw failed("loading jobs", e);
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
