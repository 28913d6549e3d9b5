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

        CreationBatch merged = CreationBatch.takeMerged(queue, 10_000);

        assertThat(merged.runs()).extracting(RunRecord::getRunId).containsExactly("a@1", "b@1", "a@2");
        assertThat(merged.jobs()).extracting(JobRecord::getLastFireMillis).containsExactly(2L, 1L);
        assertThat(merged.jobs()).extracting(j -> j.getSpec().getName()).containsExactly("a", "b");
        assertThat(queue).isEmpty();
        assertThat(CreationBatch.takeMerged(queue, 10_000)).isNull();
    }

    @Test
    void stopsMergingAtTheSizeBoundButAlwaysTakesTheHead() {
        ArrayDeque<CreationBatch> queue = new ArrayDeque<>(List.of(
                new CreationBatch(List.of(run("a@1", 5_000)), List.of()),
                new CreationBatch(List.of(run("a@2", 5_000)), List.of()),
                new CreationBatch(List.of(run("a@3", 100)), List.of())));

        assertThat(CreationBatch.takeMerged(queue, 1_000).runs()).extracting(RunRecord::getRunId).containsExactly("a@1");
        assertThat(CreationBatch.takeMerged(queue, 6_000).runs()).extracting(RunRecord::getRunId).containsExactly("a@2", "a@3");
    }
}
