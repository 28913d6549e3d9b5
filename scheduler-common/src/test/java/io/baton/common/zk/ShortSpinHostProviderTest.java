package io.baton.common.zk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.zookeeper.client.HostProvider;
import org.junit.jupiter.api.Test;

/** The host provider passes ZooKeeper's spin delay on capped, and everything else unchanged. */
class ShortSpinHostProviderTest {
    @Test
    void capsTheSpinDelayAndDelegatesTheRest() {
        RecordingProvider servers = new RecordingProvider();
        ShortSpinHostProvider provider = new ShortSpinHostProvider(servers);

        InetSocketAddress first = provider.next(1000);
        provider.next(20);
        provider.onConnected();
        boolean changed = provider.updateServerList(List.of(servers.address), servers.address);

        assertThat(servers.spins).containsExactly(ShortSpinHostProvider.MAX_SPIN_MILLIS, 20L);
        assertThat(first).isEqualTo(servers.address);
        assertThat(servers.connected).isTrue();
        assertThat(changed).isTrue();
        assertThat(provider.size()).isEqualTo(1);
    }

    @Test
    void zooKeeperClientsBuiltByBatonConnect() throws Exception {
        // the factory's client must still parse multi-server connect strings and reach a real server
        try (var server = new org.apache.curator.test.TestingServer(true);
             var client = ZkClients.create(ZkClients.ZkSettings.of("127.0.0.1:1," + server.getConnectString()))) {
            client.start();
            assertThat(client.blockUntilConnected(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            client.create().forPath("/short-spin");
            assertThat(client.checkExists().forPath("/short-spin")).isNotNull();
        }
    }

    private static final class RecordingProvider implements HostProvider {
        final InetSocketAddress address = InetSocketAddress.createUnresolved("127.0.0.1", 2181);
        final List<Long> spins = new ArrayList<>();
        boolean connected;

        @Override public int size() { return 1; }

        @Override public InetSocketAddress next(long spinDelay) {
            spins.add(spinDelay);
            return address;
        }

        @Override public void onConnected() { connected = true; }

        @Override public boolean updateServerList(Collection<InetSocketAddress> serverAddresses, InetSocketAddress currentHost) {
            return true;
        }
    }
}
