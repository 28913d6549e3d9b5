package io.baton.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.common.rpc.MessageListener;
import io.baton.common.rpc.RpcConfig;
import io.baton.common.rpc.RpcConnection;
import io.baton.common.rpc.RpcRuntime;
import io.baton.common.rpc.RpcServer;
import io.baton.common.zk.ZkPaths;
import io.baton.proto.v1.ClientResponse;
import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.LeaderInfo;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;

/**
 * Once connected to the leader, the SDK sends requests straight to it: discovering the leader through
 * ZooKeeper on every request would cost several ZooKeeper reads per call (serialized across threads). Shown
 * by stopping ZooKeeper after the first call: the leader, still up, keeps answering.
 */
class StickyLeaderTest {
    /** Answers cluster status with its own node id as the leader's, and everything else as {@code leader} would. */
    private static MessageListener node(String id, boolean leader, String[] leaderAddress) {
        return new MessageListener() {
            @Override
            public void onMessage(RpcConnection connection, Envelope envelope) {
                if (!envelope.hasClientRequest()) return;
                ClientResponse.Builder r = ClientResponse.newBuilder();
                if (envelope.getClientRequest().hasClusterStatus()) {
                    r.setCluster(io.baton.proto.v1.ClusterView.newBuilder().setLeader(LeaderInfo.newBuilder().setNodeId(id)));
                } else if (leader) {
                    r.setJob(JobRecord.newBuilder().setSpec(JobSpec.newBuilder().setName(id)));
                } else {
                    r.setError(io.baton.proto.v1.ErrorCode.ERROR_CODE_NOT_LEADER).setLeaderAddress(leaderAddress[0]);
                }
                connection.reply(envelope, Envelope.newBuilder().setClientResponse(r).build());
            }
        };
    }

    @Test
    void aFollowerThatAnsweredClusterStatusIsNotStuckTo() throws Exception {
        RpcRuntime runtime = new RpcRuntime("fake-nodes", 1);
        String[] leaderAddress = new String[1];
        RpcServer follower = new RpcServer(runtime, RpcConfig.defaults(), "127.0.0.1", 0, node("follower", false, leaderAddress));
        RpcServer leader = new RpcServer(runtime, RpcConfig.defaults(), "127.0.0.1", 0, node("leader", true, leaderAddress));
        TestingServer zk = new TestingServer();
        try (CuratorFramework admin = CuratorFrameworkFactory.builder().connectString(zk.getConnectString())
                .namespace(io.baton.common.zk.ZkClients.ZkSettings.DEFAULT_NAMESPACE).retryPolicy(new RetryOneTime(100)).build()) {
            admin.start();
            String followerAddress = "127.0.0.1:" + follower.start().getPort();
            leaderAddress[0] = "127.0.0.1:" + leader.start().getPort();
            admin.create().creatingParentsIfNeeded().forPath(ZkPaths.scheduler("follower"),
                    io.baton.proto.v1.SchedulerInfo.newBuilder().setNodeId("follower").setClientAddress(followerAddress).build().toByteArray());
            try (BatonClient client = BatonClient.connect(ClientConfig.zookeeper(zk.getConnectString())
                    .withRequestTimeout(Duration.ofSeconds(3)))) {
                // no leader elected yet: the only node known answers
                assertThat(client.clusterStatus().getLeader().getNodeId()).isEqualTo("follower");

                admin.create().forPath(ZkPaths.LEADER, LeaderInfo.newBuilder().setNodeId("leader")
                        .setClientAddress(leaderAddress[0]).build().toByteArray());

                assertThat(client.clusterStatus().getLeader().getNodeId()).as("asked again, the leader first").isEqualTo("leader");
                assertThat(client.getJob("x").getSpec().getName()).isEqualTo("leader");
            }
        } finally {
            zk.close();
            follower.close();
            leader.close();
            runtime.close();
        }
    }

    @Test
    void requestsGoStraightToTheConnectedLeaderWithoutAskingZooKeeper() throws Exception {
        MessageListener leader = new MessageListener() {
            @Override
            public void onMessage(RpcConnection connection, Envelope envelope) {
                if (!envelope.hasClientRequest()) return;
                String name = envelope.getClientRequest().getGetJob().getJobName();
                connection.reply(envelope, Envelope.newBuilder().setClientResponse(ClientResponse.newBuilder()
                        .setJob(JobRecord.newBuilder().setSpec(JobSpec.newBuilder().setName(name)))).build());
            }
        };
        RpcRuntime runtime = new RpcRuntime("fake-leader", 1);
        RpcServer server = new RpcServer(runtime, RpcConfig.defaults(), "127.0.0.1", 0, leader);
        TestingServer zk = new TestingServer();
        try {
            InetSocketAddress address = server.start();
            try (CuratorFramework admin = CuratorFrameworkFactory.builder().connectString(zk.getConnectString())
                    .namespace(io.baton.common.zk.ZkClients.ZkSettings.DEFAULT_NAMESPACE).retryPolicy(new RetryOneTime(100)).build()) {
                admin.start();
                admin.create().creatingParentsIfNeeded().forPath(ZkPaths.LEADER, LeaderInfo.newBuilder().setNodeId("s1")
                        .setClientAddress("127.0.0.1:" + address.getPort()).build().toByteArray());
            }
            try (BatonClient client = BatonClient.connect(ClientConfig.zookeeper(zk.getConnectString())
                    .withRequestTimeout(Duration.ofSeconds(3)))) {
                assertThat(client.getJob("first").getSpec().getName()).isEqualTo("first");

                zk.stop();

                for (int i = 0; i < 20; i++) {
                    assertThat(client.getJob("job-" + i).getSpec().getName()).isEqualTo("job-" + i);
                }
            }
        } finally {
            zk.close();
            server.close();
            runtime.close();
        }
    }
}
