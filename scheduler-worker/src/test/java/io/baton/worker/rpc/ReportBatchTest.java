package io.baton.worker.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardReport;
import org.junit.jupiter.api.Test;

class ReportBatchTest {
    private static ShardReport report(int shard, ShardOutcome outcome) {
        return ShardReport.newBuilder().setRef(AttemptRef.newBuilder().setRunId("r").setShardIndex(shard).setAttempt(1).setAssignEpoch(1))
                .setOutcome(outcome).build();
    }

    @Test
    void aStartedReportWhoseAttemptEndedInTheSameBatchIsLeftOutAndTheRestKeepTheirOrder() {
        ReportBatch batch = new ReportBatch();
        batch.add(report(0, ShardOutcome.SHARD_OUTCOME_STARTED));
        batch.add(report(1, ShardOutcome.SHARD_OUTCOME_STARTED));
        batch.add(report(0, ShardOutcome.SHARD_OUTCOME_SUCCEEDED));
        batch.add(report(2, ShardOutcome.SHARD_OUTCOME_FAILED));

        assertThat(batch.drain()).extracting(r -> r.getRef().getShardIndex() + ":" + r.getOutcome())
                .containsExactly("1:SHARD_OUTCOME_STARTED", "0:SHARD_OUTCOME_SUCCEEDED", "2:SHARD_OUTCOME_FAILED");
        assertThat(batch.isEmpty()).isTrue();
        assertThat(batch.drain()).isEmpty();
    }

    @Test
    void aStartedReportOfAnotherAttemptOfTheSameShardIsKept() {
        ReportBatch batch = new ReportBatch();
        ShardReport retry = report(0, ShardOutcome.SHARD_OUTCOME_STARTED).toBuilder()
                .setRef(report(0, ShardOutcome.SHARD_OUTCOME_STARTED).getRef().toBuilder().setAttempt(2)).build();
        batch.add(report(0, ShardOutcome.SHARD_OUTCOME_FAILED));
        batch.add(retry);

        assertThat(batch.drain()).hasSize(2);
    }
}
