package io.baton.server.dispatch;

import io.baton.proto.v1.ShardReport;
import io.baton.proto.v1.WorkerStatus;

/**
 * What {@link WorkerLinks} tells its owner. Called on Netty threads: implementations only enqueue.
 */
public interface WorkerLinkListener {
    /** The worker answered our hello. */
    void onWorkerReady(String workerId, WorkerStatus status);

    /** The connection to a ready worker closed (heartbeat timeout, peer gone, local close). */
    void onWorkerGone(String workerId, String reason);

    void onReport(String workerId, ShardReport report);

    /** The worker takes no new assignments (draining or shutting down); its running shards stay its own. */
    void onWorkerDraining(String workerId, String reason);

    /** A worker answered that it has seen a higher epoch than ours: this leader is stale. */
    void onStaleEpoch(String workerId, long highestEpoch);
}
