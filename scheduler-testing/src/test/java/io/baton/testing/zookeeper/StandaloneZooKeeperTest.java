package io.baton.testing.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real ZooKeeper server on a free port, used through Curator; short sessions are granted. */
class StandaloneZooKeeperTest {
    @TempDir
    Path dir;

    @Test
    void propertiesAllowShortSessionsAndKeepDataInTheGivenDirectory() {
        var p = StandaloneZooKeeper.serverProperties(StandaloneZooKeeper.Settings.loopback(dir));

        assertThat(p.getProperty("tickTime")).isEqualTo("500");
        assertThat(p.getProperty("dataDir")).isEqualTo(dir.toAbsolutePath().toString());
    }

    @Test
    void servesOnAFreePortGrantsAThreeSecondSessionAndClosesIdempotently() throws Exception {
        StandaloneZooKeeper server = new StandaloneZooKeeper(StandaloneZooKeeper.Settings.loopback(dir))
                .start(Duration.ofSeconds(30));
        try (CuratorFramework client = CuratorFrameworkFactory.builder().connectString(server.connectString())
                .sessionTimeoutMs(3000).connectionTimeoutMs(3000).retryPolicy(new RetryOneTime(100)).build()) {
            client.start();
            assertThat(client.blockUntilConnected(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            client.create().forPath("/probe", "x".getBytes(StandardCharsets.UTF_8));

            assertThat(new String(client.getData().forPath("/probe"), StandardCharsets.UTF_8)).isEqualTo("x");
            assertThat(client.getZookeeperClient().getZooKeeper().getSessionTimeout()).isEqualTo(3000);
            assertThat(server.port()).isPositive();
        } finally {
            server.close();
            server.close();
        }
        assertThat(dir.resolve("version-2")).isDirectory();
    }
}
