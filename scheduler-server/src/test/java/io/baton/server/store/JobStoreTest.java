package io.baton.server.store;

import static io.baton.server.store.StoreRecords.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.common.zk.ZooKeeperFixture;
import io.baton.server.election.EpochStore;
import io.baton.server.election.LeaderTerm;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Job records as the leader writes them (through the run store's ordered writer) and as every node reads them. */
class JobStoreTest {
    @RegisterExtension
    static final ZooKeeperFixture zk = new ZooKeeperFixture();

    private CuratorFramework client;
    private JobStore jobs;
    private RunStore writes;
    private EpochStore epochs;

    @BeforeEach
    void connect() throws Exception {
        client = zk.newClient();
        jobs = new JobStore(client);
        writes = new RunStore(client);
        epochs = new EpochStore(client);
    }

    @AfterEach
    void close() {
        writes.close();
    }

    @Test
    void createsReplacesAndReadsJobs() throws Exception {
        LeaderTerm term = epochs.bump();
        assertThat(jobs.get("a")).isEmpty();
        assertThat(jobs.exists("a")).isFalse();

        await(writes.createJob(job("b", 0), term));
        await(writes.createJob(job("a", 0), term));
        await(writes.write(List.of(), List.of(job("a", 42)), term));

        assertThat(jobs.get("a")).contains(job("a", 42));
        assertThat(jobs.exists("a")).isTrue();
        assertThat(jobs.loadAll()).containsExactly(job("a", 42), job("b", 0));
    }

    @Test
    void aJobIsCreatedOnceAndASecondCreateOfItsNameChangesNothing() throws Exception {
        LeaderTerm term = epochs.bump();
        await(writes.createJob(job("a", 1), term));

        assertThatThrownBy(() -> await(writes.createJob(job("a", 2), term))).cause().isInstanceOf(JobAlreadyExistsException.class);

        assertThat(jobs.get("a")).contains(job("a", 1));
    }

    @Test
    void aDeposedTermCannotWrite() throws Exception {
        LeaderTerm deposed = epochs.bump();
        await(writes.createJob(job("a", 1), deposed));
        LeaderTerm current = epochs.bump();

        assertThatThrownBy(() -> await(writes.write(List.of(), List.of(job("a", 2)), deposed))).cause().isInstanceOf(FencedException.class);
        assertThatThrownBy(() -> await(writes.createJob(job("new", 2), deposed))).cause().isInstanceOf(FencedException.class);

        assertThat(jobs.get("a")).contains(job("a", 1));
        assertThat(jobs.exists("new")).isFalse();
        await(writes.write(List.of(), List.of(job("a", 3)), current));
        assertThat(jobs.get("a")).contains(job("a", 3));
    }

    @Test
    void loadsNothingBeforeAnyJobIsStored() {
        assertThat(jobs.loadAll()).isEmpty();
    }

    private static void await(CompletableFuture<Void> f) throws Exception {
        f.get(10, TimeUnit.SECONDS);
    }
}
