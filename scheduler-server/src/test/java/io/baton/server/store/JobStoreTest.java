package io.baton.server.store;

import static io.baton.server.store.StoreRecords.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.common.zk.ZooKeeperFixture;
import io.baton.server.election.EpochStore;
import io.baton.server.election.LeaderTerm;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JobStoreTest {
    @RegisterExtension
    static final ZooKeeperFixture zk = new ZooKeeperFixture();

    private CuratorFramework client;
    private JobStore jobs;
    private EpochStore epochs;

    @BeforeEach
    void connect() throws Exception {
        client = zk.newClient();
        jobs = new JobStore(client);
        epochs = new EpochStore(client);
    }

    @Test
    void createsReplacesAndReadsJobs() throws Exception {
        LeaderTerm term = epochs.bump();
        assertThat(jobs.get("a")).isEmpty();
        assertThat(jobs.exists("a")).isFalse();

        jobs.put(job("b", 0), term);
        jobs.put(job("a", 0), term);
        jobs.put(job("a", 42), term);

        assertThat(jobs.get("a")).contains(job("a", 42));
        assertThat(jobs.exists("a")).isTrue();
        assertThat(jobs.loadAll()).containsExactly(job("a", 42), job("b", 0));
    }

    @Test
    void aDeposedTermCannotWrite() throws Exception {
        LeaderTerm deposed = epochs.bump();
        jobs.put(job("a", 1), deposed);
        LeaderTerm current = epochs.bump();

        assertThatThrownBy(() -> jobs.put(job("a", 2), deposed)).isInstanceOf(FencedException.class);
        assertThatThrownBy(() -> jobs.put(job("new", 2), deposed)).isInstanceOf(FencedException.class);

        assertThat(jobs.get("a")).contains(job("a", 1));
        assertThat(jobs.exists("new")).isFalse();
        jobs.put(job("a", 3), current);
        assertThat(jobs.get("a")).contains(job("a", 3));
    }

    @Test
    void loadsNothingBeforeAnyJobIsStored() {
        assertThat(jobs.loadAll()).isEmpty();
    }
}
