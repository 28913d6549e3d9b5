package io.baton.server.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.RunRecord;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreationBatchTest {
    private static RunRecord run(String id, int paddingBytes) {
        return RunRecord.newBuilder().setRunId(id).setJobParameter("x".repeat(paddingBytes)).build();
    }

    private static JobRecord job(String name, long lastFire) {
        return JobRecord.newBuilder().setSpec(JobSpec.newBuilder().setName(name)).setLastFireMillis(lastFire).build();
    }

    @Test
    void mergesQueuedBatchesInOrderKeepingEachJobsLatestRecord() {
        ArrayDeque<CreationBatch> queue = new ArrayDeque<>(List.of(
                new CreationBatch(List.of(run("a@1", 10)), List.of(job("a", 1))),
                new CreationBatch(List.of(run("b@1", 10)), List.of(job("b", 1))),
                new CreationBatch(List.of(run("a@2", 10)), List.of(job("a", 2)))));

        CreationBatch merged = CreationBatch.takeMerged(queue, 10_000, CreationBatch.Sizes.SERIALIZED);

        assertThat(merged.runs()).extracting(RunRecord::getRunId).containsExactly("a@1", "b@1", "a@2");
        assertThat(merged.jobs()).extracting(JobRecord::getLastFireMillis).containsExactly(2L, 1L);
        assertThat(merged.jobs()).extracting(j -> j.getSpec().getName()).containsExactly("a", "b");
        assertThat(queue).isEmpty();
        assertThat(CreationBatch.takeMerged(queue, 10_000, CreationBatch.Sizes.SERIALIZED)).isNull();
    }

    @Test
    void aQueuedRunIsDueWhenItsShardsMustGoOutBeforeTheGivenInstant() {
        RunRecord inASecond = RunRecord.newBuilder().setRunId("a@2000").setFireTimeMillis(2_000).build();
        RunRecord triggeredNow = RunRecord.newBuilder().setRunId("b@1000-api").setFireTimeMillis(1_000).build();
        List<CreationBatch> ahead = List.of(new CreationBatch(List.of(inASecond), List.of()));

        // shards go out 20 ms before the fire time: at 1,980 for the run firing at 2,000
        assertThat(CreationBatch.dueBefore(ahead, 1_011, 20)).as("paced 10 ms from 1,001: can wait").isFalse();
        assertThat(CreationBatch.dueBefore(ahead, 1_980, 20)).isTrue();
        assertThat(CreationBatch.dueBefore(List.of(ahead.get(0), new CreationBatch(List.of(triggeredNow), List.of())), 1_011, 20))
                .as("one run due now makes the whole queue go").isTrue();
        assertThat(CreationBatch.dueBefore(List.of(), Long.MAX_VALUE, 20)).isFalse();
    }

    @Test
    void stopsMergingAtTheSizeBoundButAlwaysTakesTheHead() {
        ArrayDeque<CreationBatch> queue = new ArrayDeque<>(List.of(
                new CreationBatch(List.of(run("a@1", 5_000)), List.of()),
                new CreationBatch(List.of(run("a@2", 5_000)), List.of()),
                new CreationBatch(List.of(run("a@3", 100)), List.of())));

        assertThat(CreationBatch.takeMerged(queue, 1_000, CreationBatch.Sizes.SERIALIZED).runs()).extracting(RunRecord::getRunId).containsExactly("a@1");
        assertThat(CreationBatch.takeMerged(queue, 6_000, CreationBatch.Sizes.SERIALIZED).runs()).extracting(RunRecord::getRunId).containsExactly("a@2", "a@3");
    }

    private static RunRecord run(String job, long fire, int paddingBytes) {
        return run(job + "@" + fire, paddingBytes).toBuilder().setJobName(job).build();
    }

    @Test
    void aBatchThatFitsIsNotSplit() {
        CreationBatch batch = new CreationBatch(List.of(run("a", 1, 10), run("b", 1, 10)), List.of(job("a", 1), job("b", 1)));

        assertThat(CreationBatch.split(batch, 10_000, CreationBatch.Sizes.SERIALIZED)).containsExactly(batch);
    }

    @Test
    void aBurstTooLargeForOneMultiIsSplitKeepingEachJobsRunsWithItsRecordInOrder() {
        CreationBatch burst = new CreationBatch(
                List.of(run("a", 1, 400), run("b", 1, 400), run("a", 2, 400), run("c", 1, 400), run("d", 1, 400)),
                List.of(job("a", 2), job("b", 1), job("c", 1), job("d", 1), job("idle", 7)));

        List<CreationBatch> pieces = CreationBatch.split(burst, 1_000, CreationBatch.Sizes.SERIALIZED);

        assertThat(pieces).extracting(p -> p.runs().stream().map(RunRecord::getRunId).toList()).containsExactly(
                List.of("a@1", "a@2"), List.of("b@1", "c@1"), List.of("d@1"));
        assertThat(pieces).extracting(p -> p.jobs().stream().map(j -> j.getSpec().getName()).toList()).containsExactly(
                List.of("idle", "a"), List.of("b", "c"), List.of("d"));
        assertThat(pieces.get(0).jobs()).filteredOn(j -> j.getSpec().getName().equals("a"))
                .extracting(JobRecord::getLastFireMillis).containsExactly(2L);
        for (CreationBatch piece : pieces) {
            long bytes = piece.runs().stream().mapToLong(RunRecord::getSerializedSize).sum()
                    + piece.jobs().stream().mapToLong(JobRecord::getSerializedSize).sum();
            assertThat(bytes).isLessThanOrEqualTo(1_000);
        }
    }

    @Test
    void aSingleJobsGroupLargerThanTheBoundIsAPieceOfItsOwn() {
        CreationBatch burst = new CreationBatch(List.of(run("b", 1, 100), run("a", 1, 700), run("a", 2, 700), run("c", 1, 100)),
                List.of(job("a", 2), job("b", 1), job("c", 1)));

        assertThat(CreationBatch.split(burst, 1_000, CreationBatch.Sizes.SERIALIZED)).extracting(p -> p.runs().stream().map(RunRecord::getRunId).toList())
                .containsExactly(List.of("b@1"), List.of("a@1", "a@2"), List.of("c@1"));
    }
}
