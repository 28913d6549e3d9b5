package io.baton.server.store;

import static io.baton.server.store.StoreRecords.job;
import static io.baton.server.store.StoreRecords.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.common.zk.ZkPaths;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RunRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreMirrorTest {
    private static final long ROOMY = 1 << 20;

    @Test
    void followsCommitsFromTheSeedAndIsNamedByTheLastSequenceZxid() {
        StoreMirror mirror = new StoreMirror(ROOMY);
        mirror.seed(List.of(job("a", 0), job("b", 0)), List.of(run("r1", "a")), 0, 0);
        RunRecord r2 = run("r2", "b");

        mirror.committed(List.of(StoreOp.create(ZkPaths.run("r2"), r2.toByteArray()),
                StoreOp.setData(ZkPaths.job("b"), job("b", 7).toByteArray())), 41, 41);
        mirror.committed(List.of(StoreOp.delete(ZkPaths.run("r1")),
                StoreOp.create(ZkPaths.historyRun("a", "r1"), run("r1", "a").toByteArray())), 42, 42);

        StoreMirror.Snapshot s = mirror.snapshot().orElseThrow();
        assertThat(s.storeZxid()).isEqualTo(42);
        assertThat(s.jobs()).extracting(StoreMirrorTest::parseJob).containsExactlyInAnyOrder(job("a", 0), job("b", 7));
        assertThat(s.runs()).extracting(StoreMirrorTest::parseRun).containsExactly(r2);
    }

    @Test
    void aJobDeletedAndBucketsOrHistoryWrittenLeaveOnlyRecords() {
        StoreMirror mirror = new StoreMirror(ROOMY);
        mirror.seed(List.of(job("a", 0), job("gone", 0)), List.of(), 0, 0);

        mirror.committed(List.of(StoreOp.create(ZkPaths.JOBS + "/" + ZkPaths.bucketOf("x"), new byte[0]),
                StoreOp.delete(ZkPaths.history("gone")), StoreOp.delete(ZkPaths.job("gone"))), 5, 5);

        assertThat(mirror.snapshot().orElseThrow().jobs()).extracting(StoreMirrorTest::parseJob).containsExactly(job("a", 0));
    }

    @Test
    void knowsNothingBeforeItsFirstCommitOrAfterACommitThatDidNotNameTheZxid() {
        StoreMirror mirror = new StoreMirror(ROOMY);
        mirror.seed(List.of(job("a", 0)), List.of(), 0, 0);
        assertThat(mirror.snapshot()).isEmpty();

        mirror.committed(List.of(StoreOp.setData(ZkPaths.job("a"), job("a", 1).toByteArray())), 0, 0);
        assertThat(mirror.snapshot()).isEmpty();

        mirror.committed(List.of(StoreOp.setData(ZkPaths.job("a"), job("a", 2).toByteArray())), 9, 9);
        assertThat(mirror.snapshot()).isPresent();
    }

    @Test
    void seededWhereTheStoreIsKnownItKnowsTheStoreBeforeAnyCommit() {
        StoreMirror mirror = new StoreMirror(ROOMY);
        mirror.seed(List.of(job("a", 0)), List.of(run("r1", "a")), 77, 12);

        StoreMirror.Snapshot s = mirror.snapshot().orElseThrow();
        assertThat(s.storeZxid()).isEqualTo(77);
        assertThat(s.storeVersion()).isEqualTo(12);
        assertThat(s.runs()).extracting(StoreMirrorTest::parseRun).containsExactly(run("r1", "a"));
    }

    @Test
    void aWriteWithAnotherOutcomeSpoilsItUntilTheNextSeed() {
        StoreMirror mirror = new StoreMirror(ROOMY);
        mirror.seed(List.of(job("a", 0)), List.of(), 0, 0);
        mirror.committed(List.of(StoreOp.setData(ZkPaths.job("a"), job("a", 1).toByteArray())), 3, 3);

        mirror.spoiled();
        mirror.committed(List.of(StoreOp.setData(ZkPaths.job("a"), job("a", 2).toByteArray())), 4, 4);
        assertThat(mirror.snapshot()).isEmpty();

        mirror.seed(List.of(job("a", 2)), List.of(), 0, 0);
        mirror.committed(List.of(StoreOp.setData(ZkPaths.job("a"), job("a", 3).toByteArray())), 5, 5);
        assertThat(mirror.snapshot().orElseThrow().jobs()).extracting(StoreMirrorTest::parseJob).containsExactly(job("a", 3));
    }

    @Test
    void aStoreLargerThanItsBoundIsNotMirrored() {
        RunRecord big = run("big", "a", "x".repeat(2_000));
        StoreMirror seededTooLarge = new StoreMirror(1_000);
        seededTooLarge.seed(List.of(job("a", 0)), List.of(big), 0, 0);
        seededTooLarge.committed(List.of(StoreOp.setData(ZkPaths.job("a"), job("a", 1).toByteArray())), 3, 3);
        assertThat(seededTooLarge.snapshot()).isEmpty();

        StoreMirror grownTooLarge = new StoreMirror(1_000);
        grownTooLarge.seed(List.of(job("a", 0)), List.of(), 0, 0);
        grownTooLarge.committed(List.of(StoreOp.create(ZkPaths.run("big"), big.toByteArray())), 3, 3);
        assertThat(grownTooLarge.snapshot()).isEmpty();
    }

    private static JobRecord parseJob(byte[] b) {
        try {
            return JobRecord.parseFrom(b);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private static RunRecord parseRun(byte[] b) {
        try {
            return RunRecord.parseFrom(b);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
