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
