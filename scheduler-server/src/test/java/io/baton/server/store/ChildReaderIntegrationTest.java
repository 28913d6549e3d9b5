package io.baton.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.common.zk.ZkPaths;
import io.baton.common.zk.ZooKeeperFixture;
import java.util.Arrays;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reads in read-only multis on a real ZooKeeper server: a multi's answer carries dozens of records, so it must
 * stay readable when every one of them is as large as Baton ever writes (with ZooKeeper's default 1 MiB client
 * limit the first such answer would drop the connection), and children listed but deleted before the read are
 * skipped.
 */
class ChildReaderIntegrationTest {
    @RegisterExtension
    static final ZooKeeperFixture zk = new ZooKeeperFixture();

    @Test
    void aFullMultiOfTheLargestRecordsIsReadWithoutLosingTheConnection() throws Exception {
        CuratorFramework client = zk.newClient();
        int nodes = ChildReader.readsPerMulti(io.baton.common.zk.ZkClients.PACKET_LIMIT_BYTES) + 2; // a full multi and a short one
        String bucket = ZkPaths.buckets(ZkPaths.RUNS).get(7);
        for (int i = 0; i < nodes; i++) {
            byte[] data = new byte[(int) MultiBudget.HARD_LIMIT - 1024];
            Arrays.fill(data, (byte) i);
            client.create().creatingParentsIfNeeded().forPath(bucket + String.format("/big-%03d", i), data);
        }
        long sessionBefore = client.getZookeeperClient().getZooKeeper().getSessionId();

        List<byte[]> read = ChildReader.readAll(client, List.of(bucket));

        assertThat(read).hasSize(nodes);
        for (int i = 0; i < nodes; i++) {
            assertThat(read.get(i)).hasSize((int) MultiBudget.HARD_LIMIT - 1024);
            assertThat(read.get(i)[0]).as("record %d in name order", i).isEqualTo((byte) i);
        }
        assertThat(client.getZookeeperClient().isConnected()).isTrue();
        assertThat(client.getZookeeperClient().getZooKeeper().getSessionId()).isEqualTo(sessionBefore);
    }

    @Test
    void manySmallRecordsAcrossBucketsComeBackInNameOrder() throws Exception {
        CuratorFramework client = zk.newClient();
        int records = 1_000;
        for (int i = 0; i < records; i++) {
            String name = String.format("job-%04d", i);
            client.create().creatingParentsIfNeeded().forPath(ZkPaths.job(name), name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        List<byte[]> read = ChildReader.readAll(client, ZkPaths.buckets(ZkPaths.JOBS));

        assertThat(read).hasSize(records);
        for (int i = 0; i < records; i++) {
            assertThat(new String(read.get(i), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(String.format("job-%04d", i));
        }
    }
}
