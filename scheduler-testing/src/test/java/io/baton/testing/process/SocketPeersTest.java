package io.baton.testing.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SocketPeersTest {
    @Test
    void parsesEstablishedConnectionsOfTheGivenInodes() {
        List<String> table = List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 0100007F:9C40 0100007F:0801 01 00000000:00000000 00:00000000 00000000     0        0 111 1 0 20 4 30 10 -1",
                "   1: 0100007F:9C41 0100007F:0802 01 00000000:00000000 00:00000000 00000000     0        0 222 1 0 20 4 30 10 -1",
                "   2: 0100007F:0803 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0 100 0 0 10 0");

        assertThat(SocketPeers.remotePorts(table, Set.of(111L))).containsExactly(0x0801);
    }

    @Test
    void findsThisProcessesOwnLoopbackConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            assertThat(SocketPeers.remotePorts(ProcessHandle.current().pid())).contains(server.getLocalPort());
        }
    }
}
