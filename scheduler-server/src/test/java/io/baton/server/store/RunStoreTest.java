package io.baton.server.store;

import static io.baton.server.store.StoreRecords.job;
import static io.baton.server.store.StoreRecords.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.common.zk.ZooKeeperFixture;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.server.election.EpochStore;
import io.baton.server.election.LeaderTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RunStoreTest {
    private static final String KB40 = "x".repeat(40 * 1024);
    @RegisterExtension
    static final ZooKeeperFixture zk = new ZooKeeperFixture();

    private RunStore runs;
    private JobStore jobs;
    private LeaderTerm term;

    @BeforeEach
    void connect() throws Exception {
        CuratorFramework client = zk.newClient();
        runs = new RunStore(client);
        jobs = new JobStore(client);
        term = new EpochStore(client).bump();
        jobs.put(job("nightly", 0), term);
    }

    @AfterEach
    void disconnect() {
        runs.close();
    }

    @Test
    void createsRunsAndTheJobsLastFireInOneMulti() throws Exception {
        await(runs.create(List.of(run("r1", "nightly"), run("r2", "nightly")), List.of(job("nightly", 5_000)), term));

        assertThat(runs.get("r1")).contains(run("r1", "nightly"));
        assertThat(runs.get("r2")).contains(run("r2", "nightly"));
        assertThat(jobs.get("nightly").orElseThrow().getLastFireMillis()).isEqualTo(5_000);
        assertThat(runs.multis()).isEqualTo(1);
        assertThat(runs.opsWritten()).isEqualTo(3);
    }

    @Test
    void refusesAnExistingRunIdAndWritesNothingOfThatCreate() throws Exception {
        await(runs.create(List.of(run("r1", "nightly")), List.of(job("nightly", 5_000)), term));
        RunRecord sameFireOtherContent = run("r1", "nightly").toBuilder().setCreatedMillis(99).build();

        CompletableFuture<Void> second = runs.create(List.of(run("r2", "nightly"), sameFireOtherContent),
                List.of(job("nightly", 6_000)), term);

        assertThatThrownBy(() -> await(second)).cause().isInstanceOf(RunAlreadyExistsException.class)
                .extracting(e -> ((RunAlreadyExistsException) e).runId()).isEqualTo("r1");
        assertThat(runs.get("r2")).isEmpty();
        assertThat(runs.get("r1")).contains(run("r1", "nightly"));
        assertThat(jobs.get("nightly").orElseThrow().getLastFireMillis()).isEqualTo(5_000);
        assertThat(runs.failedMultis()).isEqualTo(1);
    }

    @Test
    void repeatingACreateThatAlreadyCommittedSucceeds() throws Exception {
        List<RunRecord> batch = List.of(run("r1", "nightly"), run("r2", "nightly"));
        await(runs.create(batch, List.of(job("nightly", 5_000)), term));

        await(runs.create(batch, List.of(job("nightly", 5_000)), term));

        assertThat(runs.loadAll()).containsExactlyElementsOf(batch);
    }

    @Test
    void aDeposedTermCannotCreateOrWriteRuns() throws Exception {
        await(runs.create(List.of(run("r1", "nightly")), List.of(), term));
        LeaderTerm deposed = term;
        CuratorFramework other = zk.newClient();
        new EpochStore(other).bump();
        LeaderTerm current = new EpochStore(other).bump();
        RunRecord finished = run("r1", "nightly").toBuilder().setState(RunState.RUN_STATE_SUCCEEDED).build();

        assertThatThrownBy(() -> await(runs.create(List.of(run("r2", "nightly")), List.of(job("nightly", 9)), deposed)))
                .cause().isInstanceOf(FencedException.class);
        assertThatThrownBy(() -> await(runs.write(List.of(finished), deposed))).cause().isInstanceOf(FencedException.class);

        assertThat(runs.get("r2")).isEmpty();
        assertThat(runs.get("r1")).contains(run("r1", "nightly"));
        assertThat(jobs.get("nightly").orElseThrow().getLastFireMillis()).isZero();
        await(runs.write(List.of(finished), current));
        assertThat(runs.get("r1")).contains(finished);
    }

    @Test
    void writesMoreThanAMegabyteInChunksThatEachFitOneMulti() throws Exception {
        List<RunRecord> created = new ArrayList<>();
        for (int i = 0; i < 40; i++) created.add(run(String.format("r%02d", i), "nightly"));
        for (int i = 0; i < 40; i += 10) await(runs.create(created.subList(i, i + 10), List.of(), term));
        long multisBefore = runs.multis();
        List<RunRecord> big = created.stream().map(r -> r.toBuilder().setJobParameter(KB40).build()).toList();

        await(runs.write(big, term));

        assertThat(big.stream().mapToLong(RunRecord::getSerializedSize).sum()).isGreaterThan(1024 * 1024);
        assertThat(runs.multis() - multisBefore).isBetween(3L, 5L);
        assertThat(runs.loadAll()).containsExactlyElementsOf(big);
    }

    @Test
    void writingNothingIssuesNoMulti() throws Exception {
        CompletableFuture<Void> nothing = runs.write(List.of(), term);

        assertThat(nothing).isCompleted();
        assertThat(runs.multis()).isZero();
    }

    @Test
    void refusesACreateTooLargeForOneMultiWithoutSendingIt() {
        List<RunRecord> tooMany = new ArrayList<>();
        for (int i = 0; i < 30; i++) tooMany.add(run("big" + i, "nightly", KB40));

        assertThatThrownBy(() -> await(runs.create(tooMany, List.of(), term))).cause().isInstanceOf(IllegalArgumentException.class);
        assertThat(runs.loadAll()).isEmpty();
        assertThat(runs.failedMultis()).isZero();
    }

    @Test
    void writingARunThatWasNeverCreatedFails() {
        assertThatThrownBy(() -> await(runs.write(List.of(run("ghost", "nightly")), term)))
                .cause().isInstanceOf(KeeperException.NoNodeException.class);
    }

    @Test
    void listsTheRunsOfOneJob() throws Exception {
        jobs.put(job("hourly", 0), term);
        await(runs.create(List.of(run("n1", "nightly"), run("h1", "hourly"), run("n2", "nightly")), List.of(), term));

        assertThat(runs.listForJob("nightly")).extracting(RunRecord::getRunId).containsExactly("n1", "n2");
        assertThat(runs.listForJob("hourly")).extracting(RunRecord::getRunId).containsExactly("h1");
        assertThat(runs.get("missing")).isEmpty();
    }

    @Test
    void aClosedStoreRefusesWritesAndClosingTwiceIsHarmless() {
        runs.close();
        runs.close();

        assertThatThrownBy(() -> await(runs.create(List.of(run("r1", "nightly")), List.of(), term)))
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    private static void await(CompletableFuture<Void> f) throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        f.get(15, TimeUnit.SECONDS);
    }
}
