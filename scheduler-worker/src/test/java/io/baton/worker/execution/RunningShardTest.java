package io.baton.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stop rules of one attempt, driven on the test thread: no timer, no pool. */
class RunningShardTest {
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void timeoutSetsTheFlagInterruptsTheBoundThreadAndDecidesTheReport() {
        RunningShard shard = shard(500);
        shard.bind(Thread.currentThread());

        assertThat(shard.timeOut()).isTrue();

        assertThat(shard.isCancelled()).isTrue();
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
        assertThat(shard.unbind()).isEqualTo(StopCause.TIMED_OUT);
        assertThat(Thread.currentThread().isInterrupted()).as("interrupt cleared for the next attempt").isFalse();
    }

    @Test
    void timeoutAfterTheHandlerReturnedChangesNothing() {
        RunningShard shard = shard(500);
        shard.bind(Thread.currentThread());
        assertThat(shard.unbind()).isEqualTo(StopCause.NONE);

        assertThat(shard.timeOut()).isFalse();

        assertThat(shard.isCancelled()).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void firstStopDecides() {
        RunningShard cancelledFirst = shard(500);
        cancelledFirst.bind(Thread.currentThread());
        cancelledFirst.cancel();
        assertThat(cancelledFirst.timeOut()).isFalse();
        assertThat(cancelledFirst.unbind()).isEqualTo(StopCause.CANCELLED);

        RunningShard timedOutFirst = shard(500);
        timedOutFirst.bind(Thread.currentThread());
        timedOutFirst.timeOut();
        timedOutFirst.cancel();
        assertThat(timedOutFirst.unbind()).isEqualTo(StopCause.TIMED_OUT);
    }

    @Test
    void timeoutIsExposedOnlyWhenPositive() {
        assertThat(shard(1500).timeout()).contains(Duration.ofMillis(1500));
        assertThat(shard(0).timeout()).isEmpty();
        assertThat(shard(-5).timeout()).isEmpty();
        assertThat(shard(-5).timeoutMillis()).isZero();
    }

    private RunningShard shard(long timeoutMillis) {
        return new RunningShard(ShardExecutorTest.assign("block", 0, "").toBuilder().setTimeoutMillis(timeoutMillis).build(),
                listener);
    }
}
