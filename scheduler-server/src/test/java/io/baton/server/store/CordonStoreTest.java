package io.baton.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.common.zk.ZkPaths;
import io.baton.common.zk.ZooKeeperFixture;
import io.baton.server.election.EpochStore;
import io.baton.server.election.LeaderTerm;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CordonStoreTest {
    @RegisterExtension
    static final ZooKeeperFixture zk = new ZooKeeperFixture();

    @Test
    void cordonsAreStoredIdempotentlyAndOnlyByTheCurrentTerm() throws Exception {
        CuratorFramework client = zk.newClient();
        CordonStore cordons = new CordonStore(client);
        EpochStore epochs = new EpochStore(client);
        assertThat(cordons.loadAll()).isEmpty();
        LeaderTerm old = epochs.bump();

        cordons.set("w1", true, old);
        cordons.set("w1", true, old);
        cordons.set("w2", true, old);
        cordons.set("w2", false, old);
        cordons.set("w3", false, old);
        assertThat(cordons.loadAll()).containsExactly("w1");
        assertThat(client.checkExists().forPath(ZkPaths.CORDONS).getVersion())
                .as("each change (3 of the 5 calls) moves /cordons, which a winner's bump checks").isEqualTo(3);

        LeaderTerm current = epochs.bump();
        assertThatThrownBy(() -> cordons.set("w2", true, old)).isInstanceOf(FencedException.class);
        assertThatThrownBy(() -> cordons.set("w1", true, old)).as("even a no-op tells a stale term").isInstanceOf(FencedException.class);
        assertThat(cordons.loadAll()).containsExactly("w1");
        cordons.set("w1", false, current);
        assertThat(cordons.loadAll()).isEmpty();
        assertThat(client.checkExists().forPath(ZkPaths.CORDONS).getVersion()).isEqualTo(4);
    }
}
