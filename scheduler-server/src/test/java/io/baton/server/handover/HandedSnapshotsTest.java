package io.baton.server.handover;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.StoreSnapshot;
import org.junit.jupiter.api.Test;

class HandedSnapshotsTest {
    private static final JobRecord JOB = JobRecord.newBuilder().setSpec(JobSpec.newBuilder().setName("j").setHandler("h")).build();
    private static final RunRecord RUN = RunRecord.newBuilder().setRunId("j@1").setJobName("j").build();

    @Test
    void givesTheRecordsOnlyForTheStoreTheSnapshotNames() {
        HandedSnapshots handed = new HandedSnapshots();
        handed.received(snapshot(40));

        assertThat(handed.matching(41)).isEmpty();
        assertThat(handed.matching(0)).isEmpty();
        HandedSnapshots.Records r = handed.matching(40).orElseThrow();
        assertThat(r.jobs()).containsExactly(JOB);
        assertThat(r.runs()).containsExactly(RUN);
        assertThat(r.fromNode()).isEqualTo("s1");
    }

    @Test
    void keepsTheSnapshotOfTheLaterStore() {
        HandedSnapshots handed = new HandedSnapshots();
        handed.received(snapshot(50));
        handed.received(snapshot(40)); // late: an older store

        assertThat(handed.matching(40)).isEmpty();
        assertThat(handed.matching(50)).isPresent();

        handed.clear();
        assertThat(handed.matching(50)).isEmpty();
    }

    @Test
    void aRecordThatDoesNotParseMeansNoSnapshot() {
        HandedSnapshots handed = new HandedSnapshots();
        handed.received(snapshot(40).toBuilder().addRuns(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01})).build());

        assertThat(handed.matching(40)).isEmpty();
    }

    @Test
    void aWaitIsAnsweredWhenTheSnapshotOfItsStoreArrivesAndForgottenWhenCancelled() {
        HandedSnapshots handed = new HandedSnapshots();
        java.util.concurrent.CompletableFuture<HandedSnapshots.Records> waiting = handed.awaiting(40);
        java.util.concurrent.CompletableFuture<HandedSnapshots.Records> other = handed.awaiting(41);
        assertThat(handed.waiting()).isEqualTo(2);

        handed.received(snapshot(40));

        assertThat(waiting.join().runs()).containsExactly(RUN);
        assertThat(other).isNotDone();
        other.cancel(false);
        assertThat(handed.waiting()).isZero();
        // here already: answered at once
        assertThat(handed.awaiting(40).join().jobs()).containsExactly(JOB);
    }

    @Test
    void aWaitedForSnapshotThatDoesNotParseFailsTheWait() {
        HandedSnapshots handed = new HandedSnapshots();
        java.util.concurrent.CompletableFuture<HandedSnapshots.Records> waiting = handed.awaiting(40);

        handed.received(snapshot(40).toBuilder().addJobs(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01})).build());

        assertThat(waiting).isCompletedExceptionally();
    }

    private static StoreSnapshot snapshot(long zxid) {
        return StoreSnapshot.newBuilder().setStoreZxid(zxid).addJobs(JOB.toByteString()).addRuns(RUN.toByteString())
                .setFromNode("s1").setFromEpoch(3).build();
    }
}
