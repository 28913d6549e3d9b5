package io.baton.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.ShardOutcome;
import io.baton.worker.api.ShardResult;
import org.junit.jupiter.api.Test;

class AttemptOutcomeTest {

    @Test
    void timedOutAttemptIsTimedOutWhateverTheHandlerDid() {
        AttemptOutcome expected = new AttemptOutcome(ShardOutcome.SHARD_OUTCOME_TIMED_OUT, "timed out after 1500 ms");

        assertThat(AttemptOutcome.ofResult(ShardResult.succeeded("late"), StopCause.TIMED_OUT, 1500)).isEqualTo(expected);
        assertThat(AttemptOutcome.ofResult(ShardResult.failed("stopped"), StopCause.TIMED_OUT, 1500)).isEqualTo(expected);
        assertThat(AttemptOutcome.ofResult(null, StopCause.TIMED_OUT, 1500)).isEqualTo(expected);
        assertThat(AttemptOutcome.ofThrown(new InterruptedException(), StopCause.TIMED_OUT, 1500)).isEqualTo(expected);
        assertThat(AttemptOutcome.ofThrown(new IllegalStateException("x"), StopCause.TIMED_OUT, 1500)).isEqualTo(expected);
    }

    @Test
    void successStandsEvenIfACancelRacedWithIt() {
        assertThat(AttemptOutcome.ofResult(ShardResult.succeeded("done"), StopCause.CANCELLED, 0))
                .isEqualTo(new AttemptOutcome(ShardOutcome.SHARD_OUTCOME_SUCCEEDED, "done"));
    }

    @Test
    void failureOrExceptionOfACancelledAttemptIsCancelled() {
        assertThat(AttemptOutcome.ofResult(ShardResult.failed("stopped early"), StopCause.CANCELLED, 0))
                .isEqualTo(new AttemptOutcome(ShardOutcome.SHARD_OUTCOME_CANCELLED, "stopped early"));
        assertThat(AttemptOutcome.ofResult(ShardResult.failed(""), StopCause.CANCELLED, 0))
                .isEqualTo(new AttemptOutcome(ShardOutcome.SHARD_OUTCOME_CANCELLED, "cancelled"));
        assertThat(AttemptOutcome.ofThrown(new IllegalStateException("closed channel"), StopCause.CANCELLED, 0))
                .isEqualTo(new AttemptOutcome(ShardOutcome.SHARD_OUTCOME_CANCELLED, "closed channel"));
    }

    @Test
    void interruptionIsCancelledEvenWithoutAStop() {
        assertThat(AttemptOutcome.ofThrown(new InterruptedException("sleep interrupted"), StopCause.NONE, 0))
                .isEqualTo(new AttemptOutcome(ShardOutcome.SHARD_OUTCOME_CANCELLED, "sleep interrupted"));
    }

    @Test
    void unstoppedFailuresAreFailedWithTheirMessage() {
        assertThat(AttemptOutcome.ofResult(ShardResult.failed("source empty"), StopCause.NONE, 0))
                .isEqualTo(new AttemptOutcome(ShardOutcome.SHARD_OUTCOME_FAILED, "source empty"));
        assertThat(AttemptOutcome.ofResult(null, StopCause.NONE, 0))
                .isEqualTo(new AttemptOutcome(ShardOutcome.SHARD_OUTCOME_FAILED, "handler returned no result"));
        assertThat(AttemptOutcome.ofThrown(new IllegalStateException(), StopCause.NONE, 0))
                .isEqualTo(new AttemptOutcome(ShardOutcome.SHARD_OUTCOME_FAILED, IllegalStateException.class.getName()));
    }
}
