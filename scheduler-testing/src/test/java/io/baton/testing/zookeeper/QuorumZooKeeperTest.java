package io.baton.testing.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.baton.testing.zookeeper.ServerModeProbe.Mode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryUntilElapsed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A peer's configuration, and three real peers in this JVM forming a quorum that survives losing its leader. */
class QuorumZooKeeperTest {
    @TempDir
    Path dir;

    @Test
    void configurationNamesEveryServerAndTakesTheClientPortFromItsOwnEntry() {
        EnsembleLayout layout = EnsembleLayout.parse("127.0.0.1:2001:3001:4001,127.0.0.1:2002:3002:4002,127.0.0.1:2003:3003:4003");

        Properties p = QuorumZooKeeper.peerProperties(new QuorumZooKeeper.Settings(layout, 2, dir, 500));

        assertThat(p.getProperty("clientPort")).isEqualTo("2002");
        assertThat(p.getProperty("clientPortAddress")).isEqualTo("127.0.0.1");
        assertThat(p.getProperty("server.1")).isEqualTo("127.0.0.1:3001:4001");
        assertThat(p.getProperty("server.3")).isEqualTo("127.0.0.1:3003:4003");
        assertThat(p.getProperty("tickTime")).isEqualTo("500");
        assertThat(p.getProperty("syncLimit")).isEqualTo("4");
        assertThat(p.getProperty("dataDir")).isEqualTo(dir.toAbsolutePath().toString());
        assertThat(QuorumZooKeeper.jvmSwitches()).containsEntry("zookeeper.admin.enableServer", "false")
                .containsEntry("zookeeper.4lw.commands.whitelist", "");
    }

    @Test
    void threePeersServeWriteMyIdAndElectANewLeaderWhenTheirLeaderCloses() throws Exception {
        EnsembleLayout layout = EnsembleLayout.allocate(3, EnsembleLayout::loopbackFreePort);
        List<QuorumZooKeeper> peers = new ArrayList<>();
        try (CuratorFramework client = CuratorFrameworkFactory.builder().connectString(layout.connectString())
                .sessionTimeoutMs(4000).connectionTimeoutMs(1000).retryPolicy(new RetryUntilElapsed(20_000, 100)).build()) {
            for (int id = 1; id <= 3; id++) {
                peers.add(new QuorumZooKeeper(new QuorumZooKeeper.Settings(layout, id, dir.resolve("zk" + id), 500))
                        .start(Duration.ofSeconds(30)));
            }
            client.start();
            assertThat(client.blockUntilConnected(20, TimeUnit.SECONDS)).isTrue();
            client.create().forPath("/before", "x".getBytes(StandardCharsets.UTF_8));

            int leader = awaitLeader(layout, peers);
            assertThat(peers.get(leader - 1).peerState()).contains("leading");
            peers.get(leader - 1).close();
            int next = awaitLeader(layout, peers);
            client.create().forPath("/after");

            assertThat(next).isNotEqualTo(leader);
            assertThat(client.getData().forPath("/before")).asString(StandardCharsets.UTF_8).isEqualTo("x");
            assertThat(Files.readString(dir.resolve("zk2").resolve("myid")).strip()).isEqualTo("2");
        } finally {
            peers.forEach(QuorumZooKeeper::close);
        }
    }

    /** The id of the only live peer that answers {@code srvr} with "leader", next to two live followers at most. */
    private static int awaitLeader(EnsembleLayout layout, List<QuorumZooKeeper> peers) {
        return await("a leader").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            for (EnsembleLayout.Member m : layout.members()) {
                boolean alive = peers.get(m.serverId() - 1).peerState().isPresent();
                if (alive && ServerModeProbe.ask(m.host(), m.clientPort(), Duration.ofSeconds(1)).orElse(null) == Mode.LEADER) {
                    return m.serverId();
                }
            }
            return 0;
        }, id -> id > 0);
    }
}
