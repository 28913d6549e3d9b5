package io.baton.server.store;

import static io.baton.server.store.StoreRecords.ended;
import static io.baton.server.store.StoreRecords.fired;
import static io.baton.server.store.StoreRecords.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.common.zk.ZkPaths;
import io.baton.common.zk.ZooKeeperFixture;
import io.baton.proto.v1.HistoryPolicy;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.server.election.EpochStore;
import io.baton.server.election.LeaderTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RunStore#prune} against a real ZooKeeper: what it deletes, fencing, and deletions racing it. */
class RunStoreRetentionTest {
    @RegisterExtension
    static final ZooKeeperFixture zk = new ZooKeeperFixture();

    private CuratorFramework client;
    private RunStore runs;
    private LeaderTerm term;
    private final List<MultiWriter> closeLater = new ArrayList<>();

    @BeforeEach
    void connect() throws Exception {
        client = zk.newClient();
        runs = new RunStore(client);
        term = new EpochStore(client).bump();
        get(runs.createJob(job("nightly", 0), term));
        List<RunRecord> created = new ArrayList<>();
        for (long fire = 1_000; fire <= 5_000; fire += 1_000) created.add(fired("nightly", fire));
        get(runs.create(created, List.of(), term));
        get(runs.write(created.stream().map(r -> ended(r, RunState.RUN_STATE_SUCCEEDED)).toList(), List.of(), term));
    }

    @AfterEach
    void disconnect() {
        runs.close();
        closeLater.forEach(MultiWriter::close);
    }

    @Test
    void prunesTheOldestBeyondMaxRuns() throws Exception {
        int deleted = get(runs.prune("nightly", policy(3, 0), 10_000, term));

        assertThat(deleted).isEqualTo(2);
        assertThat(historyIds()).containsExactly("nightly@3000", "nightly@4000", "nightly@5000");
    }

    @Test
    void aListingByPolicyLeavesOutWhatTheNextPruneDeletes() throws Exception {
        assertThat(runs.history("nightly", policy(3, 0), 10_000)).extracting(RunRecord::getRunId)
                .containsExactly("nightly@3000", "nightly@4000", "nightly@5000");
        assertThat(runs.history("nightly", policy(0, 6_500), 10_000)).extracting(RunRecord::getRunId)
                .containsExactly("nightly@4000", "nightly@5000");
        assertThat(runs.history("nightly", policy(10, 0), 10_000)).hasSize(5);
        assertThat(historyIds()).as("nothing deleted").hasSize(5);
    }

    @Test
    void prunesRunsFiredBeforeMaxAge() throws Exception {
        int deleted = get(runs.prune("nightly", policy(0, 6_500), 10_000, term));

        assertThat(deleted).isEqualTo(3);
        assertThat(historyIds()).containsExactly("nightly@4000", "nightly@5000");
    }

    @Test
    void withinTheDefaultsPrunesNothingAndSendsNothing() throws Exception {
        long multisBefore = runs.multis();

        assertThat(get(runs.prune("nightly", HistoryPolicy.getDefaultInstance(), Long.MAX_VALUE, term))).isZero();
        assertThat(get(runs.prune("unknown-job", policy(1, 1), 10_000, term))).isZero();

        assertThat(runs.multis()).isEqualTo(multisBefore);
        assertThat(historyIds()).hasSize(5);
    }

    @Test
    void severalJobsArePrunedTogetherEachByItsOwnPolicyInOneListingAndOneDelete() throws Exception {
        get(runs.createJob(job("hourly", 0), term));
        List<RunRecord> hourly = new ArrayList<>();
        for (long fire = 1_000; fire <= 4_000; fire += 1_000) hourly.add(fired("hourly", fire));
        get(runs.create(hourly, List.of(), term));
        get(runs.write(hourly.stream().map(r -> ended(r, RunState.RUN_STATE_SUCCEEDED)).toList(), List.of(), term));
        long multisBefore = runs.multis();

        java.util.Map<String, HistoryPolicy> jobs = new java.util.LinkedHashMap<>();
        jobs.put("nightly", policy(3, 0));
        jobs.put("hourly", policy(1, 0));
        jobs.put("never-ran", policy(1, 0));
        RunStore.Pruned pruned = get(runs.prune(jobs, 10_000, term));

        assertThat(pruned.deleted()).isEqualTo(2 + 3);
        assertThat(pruned.left()).as("what each history holds after the prune")
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("nightly", 3, "hourly", 1, "never-ran", 0));
        assertThat(historyIds()).containsExactly("nightly@3000", "nightly@4000", "nightly@5000");
        assertThat(runs.history("hourly").stream().map(RunRecord::getRunId)).containsExactly("hourly@4000");
        assertThat(runs.multis() - multisBefore).as("one delete multi for both jobs").isEqualTo(1);
    }

    @Test
    void aDeposedTermPrunesNothing() throws Exception {
        LeaderTerm deposed = term;
        new EpochStore(zk.newClient()).bump();

        assertThatThrownBy(() -> get(runs.prune("nightly", policy(1, 0), 10_000, deposed)))
                .cause().isInstanceOf(FencedException.class);

        assertThat(historyIds()).hasSize(5);
    }

    @Test
    void aHistoryNodeDeletedByOthersMeanwhileIsSkippedNotFatal() throws Exception {
        client.delete().forPath(ZkPaths.historyRun("nightly", "nightly@2000"));
        HistoryDeleter deleter = new HistoryDeleter(client, writerOf());
        LongAdder deleted = new LongAdder();
        List<String> listedBefore = List.of("nightly@1000", "nightly@2000", "nightly@3000").stream()
                .map(id -> ZkPaths.historyRun("nightly", id)).toList();

        deleter.deleteAll(listedBefore, term, deleted).get(15, TimeUnit.SECONDS);

        assertThat(deleted.sum()).isEqualTo(2);
        assertThat(historyIds()).containsExactly("nightly@4000", "nightly@5000");
    }

    @Test
    void twoPrunesRacingDeleteEachRunOnceAndBothSucceed() throws Exception {
        RunStore other = new RunStore(zk.newClient());
        try {
            CompletableFuture<Integer> a = runs.prune("nightly", policy(1, 0), 10_000, term);
            CompletableFuture<Integer> b = other.prune("nightly", policy(1, 0), 10_000, term);

            assertThat(get(a) + get(b)).isEqualTo(4);
            assertThat(historyIds()).containsExactly("nightly@5000");
        } finally {
            other.close();
        }
    }

    private MultiWriter writerOf() {
        MultiWriter writer = new MultiWriter(client, "test-writer");
        closeLater.add(writer);
        return writer;
    }

    private List<String> historyIds() {
        return runs.history("nightly").stream().map(RunRecord::getRunId).toList();
    }

    private static HistoryPolicy policy(int maxRuns, long maxAgeMillis) {
        return HistoryPolicy.newBuilder().setMaxRuns(maxRuns).setMaxAgeMillis(maxAgeMillis).build();
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(15, TimeUnit.SECONDS);
    }
}
