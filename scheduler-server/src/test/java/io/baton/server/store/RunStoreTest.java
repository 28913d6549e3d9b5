package io.baton.server.store;

import static io.baton.server.store.StoreRecords.ended;
import static io.baton.server.store.StoreRecords.fired;
import static io.baton.server.store.StoreRecords.job;
import static io.baton.server.store.StoreRecords.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.common.zk.ZkPaths;
import io.baton.common.zk.ZooKeeperFixture;
import io.baton.proto.v1.JobRecord;
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

    private CuratorFramework client;
    private RunStore runs;
    private JobStore jobs;
    private LeaderTerm term;

    @BeforeEach
    void connect() throws Exception {
        client = zk.newClient();
        runs = new RunStore(client);
        jobs = new JobStore(client);
        term = new EpochStore(client).bump();
        storeJob(job("nightly", 0));
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
    void aCreateSentAfterAnotherStillInFlightIsStoredAfterIt() throws Exception {
        CompletableFuture<Void> first = runs.create(List.of(run("r1", "nightly")), List.of(job("nightly", 5_000)), term);
        CompletableFuture<Void> second = runs.create(List.of(run("r2", "nightly")), List.of(job("nightly", 6_000)), term, first);

        await(second);

        assertThat(first).isCompleted();
        assertThat(runs.loadActive()).containsExactly(run("r1", "nightly"), run("r2", "nightly"));
        assertThat(jobs.get("nightly").orElseThrow().getLastFireMillis()).isEqualTo(6_000);
        assertThat(runs.multis()).isEqualTo(2);
    }

    @Test
    void aCreateThatFollowsOneThatFailsWritesNothingWhileOthersAreSentAgain() throws Exception {
        await(runs.create(List.of(run("r1", "nightly")), List.of(job("nightly", 5_000)), term));
        RunRecord taken = run("r1", "nightly").toBuilder().setCreatedMillis(99).build();

        // sent back to back: the second and third are in flight when the first is refused
        CompletableFuture<Void> refused = runs.create(List.of(run("r2", "nightly"), taken), List.of(job("nightly", 6_000)), term);
        CompletableFuture<Void> following = runs.create(List.of(run("r3", "nightly")), List.of(job("nightly", 7_000)), term, refused);
        CompletableFuture<Void> unrelated = runs.create(List.of(run("r4", "other")), List.of(), term);

        assertThatThrownBy(() -> await(refused)).cause().isInstanceOf(RunAlreadyExistsException.class);
        assertThatThrownBy(() -> await(following)).cause().isInstanceOf(EarlierWriteFailedException.class);
        await(unrelated);
        assertThat(runs.loadActive()).extracting(RunRecord::getRunId).containsExactlyInAnyOrder("r1", "r4");
        assertThat(jobs.get("nightly").orElseThrow().getLastFireMillis()).isEqualTo(5_000);
    }

    @Test
    void aCreateThatFollowsOneAlreadyFailedIsNotSent() throws Exception {
        await(runs.create(List.of(run("r1", "nightly")), List.of(job("nightly", 5_000)), term));
        CompletableFuture<Void> refused = runs.create(List.of(run("r1", "nightly").toBuilder().setCreatedMillis(99).build()),
                List.of(job("nightly", 6_000)), term);
        assertThatThrownBy(() -> await(refused)).cause().isInstanceOf(RunAlreadyExistsException.class);
        long multisBefore = runs.multis() + runs.failedMultis();

        CompletableFuture<Void> following = runs.create(List.of(run("r3", "nightly")), List.of(job("nightly", 7_000)), term, refused);

        assertThatThrownBy(() -> await(following)).cause().isInstanceOf(EarlierWriteFailedException.class);
        assertThat(runs.multis() + runs.failedMultis()).isEqualTo(multisBefore);
        assertThat(runs.get("r3")).isEmpty();
    }

    @Test
    void aCreateThatFollowsARepeatOfAStoredCreateIsStored() throws Exception {
        List<RunRecord> batch = List.of(run("r1", "nightly"));
        await(runs.create(batch, List.of(job("nightly", 5_000)), term));

        CompletableFuture<Void> repeat = runs.create(batch, List.of(job("nightly", 5_000)), term);
        CompletableFuture<Void> following = runs.create(List.of(run("r2", "nightly")), List.of(job("nightly", 6_000)), term, repeat);

        await(following);
        assertThat(repeat).isCompleted();
        assertThat(runs.loadActive()).containsExactly(run("r1", "nightly"), run("r2", "nightly"));
        assertThat(jobs.get("nightly").orElseThrow().getLastFireMillis()).isEqualTo(6_000);
    }

    @Test
    void repeatingACreateThatAlreadyCommittedSucceeds() throws Exception {
        List<RunRecord> batch = List.of(run("r1", "nightly"), run("r2", "nightly"));
        await(runs.create(batch, List.of(job("nightly", 5_000)), term));

        await(runs.create(batch, List.of(job("nightly", 5_000)), term));

        assertThat(runs.loadActive()).containsExactlyElementsOf(batch);
    }

    @Test
    void aDeposedTermCannotCreateOrWriteRuns() throws Exception {
        RunRecord r1 = fired("nightly", 1_000);
        await(runs.create(List.of(r1), List.of(), term));
        LeaderTerm deposed = term;
        CuratorFramework other = zk.newClient();
        new EpochStore(other).bump();
        LeaderTerm current = new EpochStore(other).bump();
        RunRecord finished = ended(r1, RunState.RUN_STATE_SUCCEEDED);

        assertThatThrownBy(() -> await(runs.create(List.of(run("r2", "nightly")), List.of(job("nightly", 9)), deposed)))
                .cause().isInstanceOf(FencedException.class);
        assertThatThrownBy(() -> await(runs.write(List.of(finished), List.of(job("nightly", 9)), deposed)))
                .cause().isInstanceOf(FencedException.class);

        assertThat(runs.get("r2")).isEmpty();
        assertThat(runs.loadActive()).containsExactly(r1);
        assertThat(runs.history("nightly")).isEmpty();
        assertThat(jobs.get("nightly").orElseThrow().getLastFireMillis()).isZero();
        await(runs.write(List.of(finished), List.of(), current));
        assertThat(runs.get(r1.getRunId())).contains(finished);
    }

    @Test
    void writesMoreThanAMegabyteInChunksThatEachFitOneMulti() throws Exception {
        List<RunRecord> created = new ArrayList<>();
        for (int i = 0; i < 40; i++) created.add(run(String.format("r%02d", i), "nightly"));
        for (int i = 0; i < 40; i += 10) await(runs.create(created.subList(i, i + 10), List.of(), term));
        long multisBefore = runs.multis();
        List<RunRecord> big = created.stream().map(r -> r.toBuilder().setJobParameter(KB40).build()).toList();

        await(runs.write(big, List.of(), term));

        long bytes = big.stream().mapToLong(RunRecord::getSerializedSize).sum();
        assertThat(bytes).isGreaterThan(1024 * 1024);
        assertThat(runs.multis() - multisBefore).isBetween(bytes / MultiBudget.CHUNK_TARGET + 1, (long) big.size());
        assertThat(runs.loadActive()).containsExactlyElementsOf(big);
    }

    @Test
    void theCreationEstimatesAreThoseOfTheOpsWritten() {
        String prefix = client.getNamespace() == null || client.getNamespace().isEmpty() ? "" : "/" + client.getNamespace();
        RunRecord run = fired("nightly", 1_700_000_000_123L);
        JobRecord job = job("nightly", 9);
        assertThat(runs.creationBytes(run)).isEqualTo(MultiBudget.opSize(prefix + ZkPaths.run(run.getRunId()), run.toByteArray().length));
        assertThat(runs.jobBytes(job)).isEqualTo(MultiBudget.opSize(prefix + ZkPaths.job("nightly"), job.toByteArray().length));
    }

    @Test
    void runsWhoseCreationEstimatesFitTheTargetAreCreatedInOneMultiAndMoreThanTheLimitAreRefused() throws Exception {
        List<RunRecord> batch = new ArrayList<>();
        long bytes = runs.jobBytes(job("nightly", 9));
        for (long fire = 1; ; fire++) {
            RunRecord r = fired("nightly", fire);
            if (bytes + runs.creationBytes(r) > RunStore.creationTarget()) break;
            bytes += runs.creationBytes(r);
            batch.add(r);
        }
        List<RunRecord> overLimit = new ArrayList<>();
        long overBytes = 0;
        for (long fire = 1_000_000; overBytes <= MultiBudget.HARD_LIMIT; fire++) {
            RunRecord r = fired("nightly", fire);
            overBytes += runs.creationBytes(r);
            overLimit.add(r);
        }

        await(runs.create(batch, List.of(job("nightly", 9)), term));

        assertThat(runs.multis()).isEqualTo(1);
        assertThat(runs.loadActive()).hasSize(batch.size());
        assertThatThrownBy(() -> await(runs.create(overLimit, List.of(), term))).cause()
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("over the");
    }

    @Test
    void writingNothingIssuesNoMulti() throws Exception {
        CompletableFuture<Void> nothing = runs.write(List.of(), List.of(), term);

        assertThat(nothing).isCompleted();
        assertThat(runs.multis()).isZero();
    }

    @Test
    void refusesACreateTooLargeForOneMultiWithoutSendingIt() {
        List<RunRecord> tooMany = new ArrayList<>();
        for (int i = 0; i < 30; i++) tooMany.add(run("big" + i, "nightly", KB40));

        assertThatThrownBy(() -> await(runs.create(tooMany, List.of(), term))).cause().isInstanceOf(IllegalArgumentException.class);
        assertThat(runs.loadActive()).isEmpty();
        assertThat(runs.failedMultis()).isZero();
    }

    @Test
    void writingARunThatWasNeverCreatedFails() {
        assertThatThrownBy(() -> await(runs.write(List.of(run("ghost", "nightly")), List.of(), term)))
                .cause().isInstanceOf(KeeperException.NoNodeException.class);
    }

    @Test
    void aFinishedRunMovesToHistoryInTheSameMultiAsTheOtherChanges() throws Exception {
        RunRecord done = fired("nightly", 1_000);
        RunRecord still = fired("nightly", 2_000);
        await(runs.create(List.of(done, still), List.of(), term));
        long multisBefore = runs.multis();
        RunRecord succeeded = ended(done, RunState.RUN_STATE_SUCCEEDED);
        RunRecord progressed = still.toBuilder().setJobParameter("progress").build();

        await(runs.write(List.of(succeeded, progressed), List.of(job("nightly", 2_000)), term));

        assertThat(runs.multis() - multisBefore).isEqualTo(1);
        assertThat(runs.loadActive()).containsExactly(progressed);
        assertThat(client.checkExists().forPath(ZkPaths.run(done.getRunId()))).isNull();
        assertThat(runs.history("nightly")).containsExactly(succeeded);
        assertThat(runs.get(done.getRunId())).contains(succeeded);
        assertThat(jobs.get("nightly").orElseThrow().getLastFireMillis()).isEqualTo(2_000);
    }

    @Test
    void everyFinalStateGoesToHistoryAndAQueuedRunStaysActive() throws Exception {
        RunRecord queued = fired("nightly", 1_000).toBuilder().setState(RunState.RUN_STATE_QUEUED).build();
        List<RunRecord> created = List.of(queued, fired("nightly", 2_000), fired("nightly", 3_000), fired("nightly", 4_000));
        await(runs.create(created, List.of(), term));
        List<RunRecord> finished = List.of(ended(created.get(1), RunState.RUN_STATE_SUCCEEDED),
                ended(created.get(2), RunState.RUN_STATE_FAILED), ended(created.get(3), RunState.RUN_STATE_CANCELLED));

        List<RunRecord> changed = new ArrayList<>(finished);
        changed.add(queued.toBuilder().setCreatedMillis(77).build());
        await(runs.write(changed, List.of(), term));

        assertThat(runs.loadActive()).containsExactly(queued.toBuilder().setCreatedMillis(77).build());
        assertThat(runs.history("nightly")).containsExactlyElementsOf(finished);
    }

    @Test
    void aCreationWritesOneNodePerRunAndDoesNotTouchHistory() throws Exception {
        RunRecord r = fired("nightly", 1_000);

        await(runs.create(List.of(r), List.of(job("nightly", 1_000)), term));

        assertThat(runs.get(r.getRunId())).contains(r);
        // no history parent made, no guard node created and deleted: one node per run, one per job
        assertThat(client.checkExists().forPath(ZkPaths.history("nightly"))).isNull();
        assertThat(runs.multis()).isEqualTo(1);
        assertThat(runs.opsWritten()).isEqualTo(2);
    }

    @Test
    void getFindsActiveAndFinishedRuns() throws Exception {
        RunRecord finished = fired("nightly", 1_000);
        finish(finished);
        RunRecord active = fired("nightly", 2_000).toBuilder().setRunId("nightly@2000-api").build();
        await(runs.create(List.of(active), List.of(), term));

        assertThat(runs.get(active.getRunId())).contains(active);
        assertThat(runs.get(finished.getRunId())).contains(ended(finished, RunState.RUN_STATE_SUCCEEDED));
        assertThat(runs.get("nightly@3000")).isEmpty();
        assertThat(runs.get("no-run-id")).isEmpty();
    }

    @Test
    void historyListsOneJobsFinishedRunsOldestFireFirst() throws Exception {
        storeJob(job("hourly", 0));
        RunRecord n3 = fired("nightly", 3_000);
        RunRecord n1 = fired("nightly", 1_000);
        RunRecord h2 = fired("hourly", 2_000);
        RunRecord n2 = fired("nightly", 2_000);
        for (RunRecord r : List.of(n3, n1, h2, n2)) finish(r);
        await(runs.create(List.of(fired("nightly", 4_000)), List.of(), term));

        assertThat(runs.history("nightly")).extracting(RunRecord::getRunId)
                .containsExactly(n1.getRunId(), n2.getRunId(), n3.getRunId());
        assertThat(runs.history("hourly")).extracting(RunRecord::getRunId).containsExactly(h2.getRunId());
        assertThat(runs.history("unknown")).isEmpty();
    }

    @Test
    void movesMoreThanAMegabyteOfFinishedRunsInChunksThatEachFitOneMulti() throws Exception {
        List<RunRecord> created = new ArrayList<>();
        for (int i = 0; i < 40; i++) created.add(fired("nightly", 1_000 + i));
        for (int i = 0; i < 40; i += 10) await(runs.create(created.subList(i, i + 10), List.of(), term));
        long multisBefore = runs.multis();
        List<RunRecord> big = created.stream()
                .map(r -> ended(r, RunState.RUN_STATE_SUCCEEDED).toBuilder().setJobParameter(KB40).build()).toList();

        await(runs.write(big, List.of(), term));

        long bytes = big.stream().mapToLong(RunRecord::getSerializedSize).sum();
        assertThat(runs.multis() - multisBefore).isBetween(bytes / MultiBudget.CHUNK_TARGET + 1, (long) big.size());
        assertThat(runs.loadActive()).isEmpty();
        assertThat(runs.history("nightly")).containsExactlyElementsOf(big);
    }

    @Test
    void refusesToWriteARunWithoutAState() {
        RunRecord stateless = fired("nightly", 1_000).toBuilder().setState(RunState.RUN_STATE_UNSPECIFIED).build();

        assertThatThrownBy(() -> await(runs.write(List.of(stateless), List.of(), term)))
                .cause().isInstanceOf(IllegalArgumentException.class);
        assertThat(runs.failedMultis()).isZero();
    }

    @Test
    void deletingAJobRemovesItsHistoryThenTheJob() throws Exception {
        storeJob(job("hourly", 0));
        finish(fired("nightly", 1_000));
        finish(fired("nightly", 2_000));
        finish(fired("hourly", 1_000));

        await(runs.deleteJob("nightly", term));

        assertThat(jobs.get("nightly")).isEmpty();
        assertThat(runs.history("nightly")).isEmpty();
        assertThat(client.checkExists().forPath(ZkPaths.history("nightly"))).isNull();
        assertThat(runs.history("hourly")).hasSize(1);
        assertThat(jobs.get("hourly")).isPresent();
        await(runs.deleteJob("nightly", term)); // a repeat finds nothing left and succeeds
    }

    @Test
    void aNewTermForgetsHistoryParentsThatAnotherTermMayHaveDeleted() throws Exception {
        finish(fired("nightly", 1_000)); // this store now believes /history/nightly exists
        // another node's term deletes the job (its history parent with it), and the job is created again
        try (RunStore other = new RunStore(client)) {
            await(other.deleteJob("nightly", term));
        }
        storeJob(job("nightly", 0));

        RunRecord second = fired("nightly", 2_000);
        await(runs.create(List.of(second), List.of(), term));
        // believing the stale parent, moving a finished run would fail: that multi needs /history/nightly
        RunRecord ended = ended(second, RunState.RUN_STATE_SUCCEEDED);
        assertThatThrownBy(() -> await(runs.write(List.of(ended), List.of(), term))).hasMessageContaining("NoNode");

        runs.forgetHistoryParents(); // what a new term does first
        await(runs.write(List.of(ended), List.of(), term));

        assertThat(runs.history("nightly")).extracting(RunRecord::getRunId).containsExactly("nightly@2000");
    }

    @Test
    void manyNewJobsHistoryParentsAreFoundWithOneReadAndOnlyTheMissingOnesCreated() throws Exception {
        List<RunRecord> fires = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            storeJob(job("job-" + i, 0));
            if (i % 2 == 0) client.create().creatingParentsIfNeeded().forPath(ZkPaths.history("job-" + i));
            fires.add(fired("job-" + i, 1_000));
        }

        await(runs.create(fires, List.of(), term));
        await(runs.write(fires.stream().map(r -> ended(r, RunState.RUN_STATE_SUCCEEDED)).toList(), List.of(), term));

        for (int i = 0; i < 40; i++) assertThat(runs.history("job-" + i)).extracting(RunRecord::getRunId).containsExactly(fires.get(i).getRunId());
        assertThat(runs.loadActive()).isEmpty();
    }

    @Test
    void deletingAJobWithNothingStoredSucceeds() throws Exception {
        await(runs.deleteJob("never-stored", term));

        assertThat(client.checkExists().forPath(ZkPaths.history("never-stored"))).isNull();
    }

    @Test
    void aJobCreatedAgainAfterDeletionGetsAFreshHistory() throws Exception {
        finish(fired("nightly", 1_000));
        await(runs.deleteJob("nightly", term));
        storeJob(job("nightly", 0));

        finish(fired("nightly", 2_000)); // the store must create /history/nightly again

        assertThat(runs.history("nightly")).extracting(RunRecord::getRunId).containsExactly("nightly@2000");
    }

    @Test
    void aDeposedTermCannotDeleteAJob() throws Exception {
        finish(fired("nightly", 1_000));
        LeaderTerm deposed = term;
        new EpochStore(zk.newClient()).bump();

        assertThatThrownBy(() -> await(runs.deleteJob("nightly", deposed))).cause().isInstanceOf(FencedException.class);

        assertThat(runs.history("nightly")).hasSize(1);
        assertThat(jobs.get("nightly")).isPresent();
    }

    @Test
    void aClosedStoreRefusesWritesAndClosingTwiceIsHarmless() {
        runs.close();
        runs.close();

        assertThatThrownBy(() -> await(runs.create(List.of(run("r1", "nightly")), List.of(), term)))
                .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void aSnapshotOfAnEndedTermIsExactlyWhatIsStoredNamedByTheSequenceZxid() throws Exception {
        runs.beginTerm(jobs.loadAll(), runs.loadActive(), 0, 0);
        await(runs.create(List.of(run("r1", "nightly"), run("r2", "nightly")), List.of(job("nightly", 5_000)), term));
        await(runs.write(List.of(ended(run("r1", "nightly"), RunState.RUN_STATE_SUCCEEDED),
                run("r2", "nightly").toBuilder().setCreatedMillis(7).build()), List.of(), term));
        await(runs.createJob(job("hourly", 0), term));
        await(runs.createJob(job("daily", 0), term));
        await(runs.deleteJob("hourly", term));
        // sent, not awaited: the snapshot waits for it
        runs.create(List.of(run("r3", "daily")), List.of(job("daily", 9_000)), term);

        StoreMirror.Snapshot s = runs.snapshotEnding(term).get(15, TimeUnit.SECONDS).orElseThrow();

        org.apache.zookeeper.data.Stat sequence = client.checkExists().forPath(ZkPaths.STORE_SEQUENCE);
        assertThat(s.storeZxid()).isEqualTo(sequence.getMzxid());
        assertThat(s.storeVersion()).isEqualTo(sequence.getVersion());
        List<io.baton.proto.v1.JobRecord> snappedJobs = new ArrayList<>();
        for (byte[] b : s.jobs()) snappedJobs.add(io.baton.proto.v1.JobRecord.parseFrom(b));
        List<RunRecord> snappedRuns = new ArrayList<>();
        for (byte[] b : s.runs()) snappedRuns.add(RunRecord.parseFrom(b));
        assertThat(snappedJobs).containsExactlyInAnyOrderElementsOf(jobs.loadAll()).hasSize(2);
        assertThat(snappedRuns).containsExactlyInAnyOrderElementsOf(runs.loadActive())
                .extracting(RunRecord::getRunId).containsExactlyInAnyOrder("r2", "r3");
    }

    @Test
    void noSnapshotAfterAWriteOfTheTermFailedOrBeforeTheTermWroteAnything() throws Exception {
        runs.beginTerm(jobs.loadAll(), runs.loadActive(), 0, 0);
        assertThat(runs.snapshotEnding(term).get(15, TimeUnit.SECONDS)).isEmpty();

        await(runs.create(List.of(run("r1", "nightly")), List.of(), term));
        assertThat(runs.snapshotEnding(term).get(15, TimeUnit.SECONDS)).isPresent();
        CompletableFuture<Void> taken = runs.create(List.of(run("r1", "nightly").toBuilder().setCreatedMillis(99).build()), List.of(), term);
        assertThatThrownBy(() -> await(taken)).cause().isInstanceOf(RunAlreadyExistsException.class);

        assertThat(runs.snapshotEnding(term).get(15, TimeUnit.SECONDS)).isEmpty();
    }

        /** Creates {@code run} and then writes it SUCCEEDED, moving it to history. */
    private void finish(RunRecord run) throws Exception {
        await(runs.create(List.of(run), List.of(), term));
        await(runs.write(List.of(ended(run, RunState.RUN_STATE_SUCCEEDED)), List.of(), term));
    }

    /** Stores a job for a test's setup through a writer of its own, so the store under test counts only its own multis. */
    private void storeJob(io.baton.proto.v1.JobRecord job) throws Exception {
        try (RunStore setup = new RunStore(client)) {
            await(setup.createJob(job, term));
        }
    }

    private static void await(CompletableFuture<Void> f) throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        f.get(15, TimeUnit.SECONDS);
    }
}
