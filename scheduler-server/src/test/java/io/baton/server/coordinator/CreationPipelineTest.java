package io.baton.server.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.RunRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreationPipelineTest {
    /** Each run below is ~1,000 bytes serialized: a pipeline of 4,000-byte multis takes three or four per batch. */
    private static final long TARGET = 4_000;

    private static CreationBatch fire(String job, long at) {
        RunRecord run = RunRecord.newBuilder().setRunId(job + "@" + at).setJobName(job).setJobParameter("x".repeat(950)).build();
        JobRecord record = JobRecord.newBuilder().setSpec(JobSpec.newBuilder().setName(job)).setLastFireMillis(at).build();
        return new CreationBatch(List.of(run), List.of(record));
    }

    private static List<String> ids(CreationPipeline.Sending s) {
        return s.batch().runs().stream().map(RunRecord::getRunId).toList();
    }

    private static CreationPipeline pipeline() {
        return new CreationPipeline(TARGET, CreationBatch.Sizes.SERIALIZED);
    }

    @Test
    void lessThanAMultisWorthIsOneBatchFollowingNothing() {
        CreationPipeline p = pipeline();
        p.add(fire("a", 1));
        p.add(fire("b", 1));

        assertThat(p.fullBatchWaiting()).isFalse();
        CreationPipeline.Sending s = p.take();

        assertThat(ids(s)).containsExactly("a@1", "b@1");
        assertThat(s.after()).isZero();
        assertThat(p.canSend()).isFalse();
        assertThat(p.inFlight()).isEqualTo(1);
    }

    @Test
    void underLoadBatchesOfOneMultiEachGoInOrderEachFollowingTheOneBefore() {
        CreationPipeline p = pipeline();
        for (int i = 0; i < 100; i++) p.add(fire("j" + i, 1));

        List<CreationPipeline.Sending> sent = new ArrayList<>();
        while (p.canSend()) sent.add(p.take());

        assertThat(sent).hasSize(CreationPipeline.MAX_IN_FLIGHT);
        assertThat(p.fullBatchWaiting()).isTrue();
        for (int i = 1; i < sent.size(); i++) assertThat(sent.get(i).after()).isEqualTo(sent.get(i - 1).number());
        assertThat(sent).allSatisfy(s -> assertThat(CreationBatch.bytes(s.batch(), CreationBatch.Sizes.SERIALIZED)).isLessThanOrEqualTo(TARGET));
        assertThat(sent.stream().flatMap(s -> ids(s).stream()).toList()).startsWith("j0@1", "j1@1", "j2@1", "j3@1", "j4@1");

        assertThat(p.succeeded(sent.get(0))).isTrue();
        assertThat(p.canSend()).isTrue();
        assertThat(p.take().after()).isEqualTo(sent.get(sent.size() - 1).number());
    }

    @Test
    void aWholeMultisWorthWaitsUntilItIsTakenAndAgainOnceItIsBack() {
        CreationPipeline p = pipeline();
        int fires = 0;
        while (!p.fullBatchWaiting()) p.add(fire("j" + fires, ++fires));

        CreationPipeline.Sending s = p.take();

        assertThat(p.fullBatchWaiting()).as("what is left is less than a multi").isFalse();
        assertThat(p.queued()).isNotEmpty();
        assertThat(p.failed(s)).isEqualTo(CreationPipeline.Verdict.RETRY);
        assertThat(p.fullBatchWaiting()).isTrue();
    }

    @Test
    void aFailedBatchGoesBackWithEveryBatchSentAfterItInTheSameOrder() {
        CreationPipeline p = pipeline();
        for (int i = 0; i < 12; i++) p.add(fire("j" + i, 1));
        CreationPipeline.Sending first = p.take();
        CreationPipeline.Sending second = p.take();
        CreationPipeline.Sending third = p.take();
        assertThat(p.succeeded(first)).isTrue();

        assertThat(p.failed(second)).isEqualTo(CreationPipeline.Verdict.RETRY);
        assertThat(p.failed(third)).as("it followed the failed one: already back").isEqualTo(CreationPipeline.Verdict.IGNORE);
        assertThat(p.succeeded(third)).as("a batch sent back cannot have been stored").isFalse();
        assertThat(p.inFlight()).isZero();

        List<String> again = new ArrayList<>();
        CreationPipeline.Sending resent = p.take();
        assertThat(resent.after()).as("nothing before it in flight").isZero();
        again.addAll(ids(resent));
        while (p.canSend()) again.addAll(ids(p.take()));
        List<String> expected = new ArrayList<>(ids(second));
        expected.addAll(ids(third));
        assertThat(again).startsWith(expected.toArray(String[]::new));
    }

    @Test
    void givesUpAfterFailuresInARowAndASuccessStartsTheCountAgain() {
        CreationPipeline p = pipeline();
        p.add(fire("a", 1));
        for (int i = 1; i < CreationPipeline.MAX_FAILURES; i++) assertThat(p.failed(p.take())).isEqualTo(CreationPipeline.Verdict.RETRY);
        assertThat(p.succeeded(p.take())).isTrue();

        p.add(fire("a", 2));
        for (int i = 1; i < CreationPipeline.MAX_FAILURES; i++) assertThat(p.failed(p.take())).isEqualTo(CreationPipeline.Verdict.RETRY);
        assertThat(p.failed(p.take())).isEqualTo(CreationPipeline.Verdict.GIVE_UP);
    }

    @Test
    void aBurstLargerThanOneMultiIsQueuedInPiecesKeepingEachJobWithItsRuns() {
        CreationPipeline p = pipeline();
        List<RunRecord> runs = new ArrayList<>();
        List<JobRecord> jobs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            runs.addAll(fire("j" + i, 5).runs());
            jobs.addAll(fire("j" + i, 5).jobs());
        }
        p.add(new CreationBatch(runs, jobs));

        assertThat(p.queued()).hasSizeGreaterThan(1);
        assertThat(p.queued()).allSatisfy(b -> assertThat(b.jobs()).extracting(j -> j.getSpec().getName())
                .containsExactlyElementsOf(b.runs().stream().map(RunRecord::getJobName).toList()));
        assertThatThrownBy(() -> p.queued().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void takingWithNothingToSendIsAnError() {
        assertThatThrownBy(() -> pipeline().take()).isInstanceOf(IllegalStateException.class);
    }
}
