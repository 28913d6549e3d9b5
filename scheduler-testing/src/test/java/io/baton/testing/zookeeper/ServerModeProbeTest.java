package io.baton.testing.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.zookeeper.ServerModeProbe.Mode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reading ZooKeeper's {@code srvr} answers. */
class ServerModeProbeTest {
    private static final String FOLLOWER = """
            Zookeeper version: 3.9.5-..., built on 2025-01-01 00:00 UTC
            Latency min/avg/max: 0/0.0/0
            Received: 12
            Sent: 11
            Connections: 1
            Outstanding: 0
            Zxid: 0x100000004
            Mode: follower
            Node count: 6
            """;

    @Test
    void readsTheModeLine() {
        assertThat(ServerModeProbe.parse(FOLLOWER)).contains(Mode.FOLLOWER);
        assertThat(ServerModeProbe.parse(FOLLOWER.replace("follower", "leader"))).contains(Mode.LEADER);
        assertThat(ServerModeProbe.parse("Mode: standalone\n")).contains(Mode.STANDALONE);
    }

    @Test
    void readsTheLastTransactionId() {
        assertThat(ServerModeProbe.parseZxid(FOLLOWER)).contains(0x100000004L);
        assertThat(ServerModeProbe.parseZxid("Zxid: 0xzz\n")).isEmpty();
        assertThat(ServerModeProbe.parseZxid("Mode: standalone\n")).isEmpty();
    }

    @Test
    void aPeerWithoutQuorumIsNotServing() {
        assertThat(ServerModeProbe.parse("This ZooKeeper instance is not currently serving requests\n")).contains(Mode.NOT_SERVING);
    }

    @Test
    void anythingElseIsNoAnswer() {
        assertThat(ServerModeProbe.parse("")).isEmpty();
        assertThat(ServerModeProbe.parse("Mode: something-new\n")).isEmpty();
    }

    @Test
    void aPortNobodyListensOnGivesNoAnswer() {
        int port = EnsembleLayout.loopbackFreePort();

        assertThat(ServerModeProbe.ask("127.0.0.1", port, Duration.ofMillis(500))).isEmpty();
    }
}
