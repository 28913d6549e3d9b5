package io.baton.testing.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Port allocation and the two renderings of an ensemble, with a scripted port source. */
class EnsembleLayoutTest {
    private static PrimitiveIterator.OfInt ports(int... values) {
        return IntStream.of(values).iterator();
    }

    @Test
    void allocatesClientQuorumAndElectionPortPerServerInOrderOfIds() {
        var source = ports(2001, 3001, 4001, 2002, 3002, 4002, 2003, 3003, 4003);

        EnsembleLayout layout = EnsembleLayout.allocate(3, source::nextInt);

        assertThat(layout.members()).extracting(EnsembleLayout.Member::serverId).containsExactly(1, 2, 3);
        assertThat(layout.member(2)).isEqualTo(new EnsembleLayout.Member(2, "127.0.0.1", 2002, 3002, 4002));
        assertThat(layout.ensembleString())
                .isEqualTo("127.0.0.1:2001:3001:4001,127.0.0.1:2002:3002:4002,127.0.0.1:2003:3003:4003");
        assertThat(layout.connectString()).isEqualTo("127.0.0.1:2001,127.0.0.1:2002,127.0.0.1:2003");
    }

    @Test
    void drawsAgainWhenTheSourceRepeatsAPort() {
        var source = ports(2001, 2001, 3001, 3001, 2001, 4001);

        EnsembleLayout layout = EnsembleLayout.allocate(1, source::nextInt);

        assertThat(layout.member(1)).isEqualTo(new EnsembleLayout.Member(1, "127.0.0.1", 2001, 3001, 4001));
    }

    @Test
    void givesUpOnASourceThatOnlyRepeats() {
        assertThatThrownBy(() -> EnsembleLayout.allocate(2, () -> 5000)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no new free port");
    }

    @Test
    void parsesWhatItRenders() {
        EnsembleLayout layout = EnsembleLayout.allocate(3, ports(IntStream.rangeClosed(40001, 40009).toArray())::nextInt);

        assertThat(EnsembleLayout.parse(layout.ensembleString())).isEqualTo(layout);
    }

    @Test
    void rejectsMalformedEnsembles() {
        assertThatThrownBy(() -> EnsembleLayout.parse("127.0.0.1:1:2")).hasMessageContaining("host:client:quorum:election");
        assertThatThrownBy(() -> EnsembleLayout.parse("127.0.0.1:1:x:3")).hasMessageContaining("bad port");
        assertThatThrownBy(() -> EnsembleLayout.parse("127.0.0.1:1:2:3,127.0.0.1:4:5:1")).hasMessageContaining("port used twice");
        assertThatThrownBy(() -> new EnsembleLayout(List.of())).hasMessageContaining("at least one");
        assertThatThrownBy(() -> EnsembleLayout.parse("127.0.0.1:1:2:3").member(2)).hasMessageContaining("no server 2");
    }

    @Test
    void realFreePortsAreNineDistinctLoopbackPortsNobodyListensOn() throws Exception {
        EnsembleLayout layout = EnsembleLayout.allocate(3, EnsembleLayout::loopbackFreePort);

        Set<Integer> all = new HashSet<>();
        for (EnsembleLayout.Member m : layout.members()) {
            all.addAll(List.of(m.clientPort(), m.quorumPort(), m.electionPort()));
        }
        assertThat(all).hasSize(9);
        for (int port : all) {
            try (var socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
