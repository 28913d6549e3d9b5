package io.baton.worker.execution;

import static io.baton.worker.execution.ShardExecutorTest.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.baton.proto.v1.AssignShard;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardReport;
import io.baton.worker.api.ShardHandler;
import io.baton.worker.api.ShardResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-attempt timeouts: real timers with short timeouts, waits with generous deadlines. */
class ShardExecutorTimeoutTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC);

    /** Lets "block" and "stubborn" handlers return; never counted down by the timer. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean sawInterrupt = new AtomicBoolean();
    private final AtomicBoolean sawCancelled = new AtomicBoolean();
    /** What ctx.timeout() said, by shard index; also shows that the handler has been entered. */
    private final Map<Integer, Optional<Duration>> sawTimeout = new ConcurrentHashMap<>();
    private final Map<String, ShardHandler> handlers = Map.of(
            "echo", ctx -> ShardResult.succeeded("echo " + ctx.shardParameter()),
            "block", ctx -> {
                sawTimeout.put(ctx.shardIndex(), ctx.timeout());
                try {
                    release.await();
                } catch (InterruptedException e) {
                    sawInterrupt.set(true);
                    sawCancelled.set(ctx.isCancelled());
                    throw e;
                }
                return ShardResult.succeeded("released");
            },
            "late-success", ctx -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    sawInterrupt.set(true);
                }
                return ShardResult.succeeded("finished anyway");
            },
            "stubborn", ctx -> {
                // Ignores interrupts: keeps waiting until released, then claims success.
                while (true) {
                    try {
                        release.await();
                        return ShardResult.succeeded("finished late");
                    } catch (InterruptedException e) {
                        sawCancelled.set(ctx.isCancelled());
                        sawInterrupt.set(true);
                    }
                }
            });
    private final RecordingListener listener = new RecordingListener();
    private ShardExecutor executor;

    @AfterEach
    void closeExecutor() {
        release.countDown();
        if (executor != null) executor.close();
    }

    @Test
    void attemptRunningPastItsTimeoutIsCancelledInterruptedAndReportedTimedOut() {
        start(1);
        executor.submit(assign("block", 0, 200), listener);

        ShardReport done = awaitFinished(1).get(0);
        assertThat(done.getOutcome()).isEqualTo(ShardOutcome.SHARD_OUTCOME_TIMED_OUT);
        assertThat(done.getMessage()).isEqualTo("timed out after 200 ms");
        assertThat(done.getRef()).isEqualTo(ref(0));
        assertThat(sawInterrupt).isTrue();
        assertThat(sawCancelled).as("ctx.isCancelled() when interrupted").isTrue();
        assertThat(sawTimeout.get(0)).contains(Duration.ofMillis(200));
        assertThat(listener.started).hasSize(1);
        assertThat(executor.running()).isEmpty();
        assertThat(executor.pendingTimeouts()).isZero();
    }

    @Test
    void successAfterTheTimeoutFiredStillReportsTimedOut() {
        start(1);
        executor.submit(assign("late-success", 0, 100), listener);

        ShardReport done = awaitFinished(1).get(0);
        assertThat(sawInterrupt).isTrue();
        assertThat(done.getOutcome()).isEqualTo(ShardOutcome.SHARD_OUTCOME_TIMED_OUT);
        assertThat(done.getMessage()).isEqualTo("timed out after 100 ms");
    }

    @Test
    void quickAttemptSucceedsAndItsTimerIsDisarmedSoNoTimeoutFollows() {
        start(1);
        executor.submit(assign("echo", 0, 200), listener);

        ShardReport done = awaitFinished(1).get(0);
        assertThat(done.getOutcome()).isEqualTo(ShardOutcome.SHARD_OUTCOME_SUCCEEDED);
        assertThat(done.getMessage()).isEqualTo("echo ");
        await().atMost(WAIT).until(() -> executor.pendingTimeouts() == 0);
        // Well past the 200 ms timeout, the success is still the only report.
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> listener.finished.size() == 1);
        assertThat(listener.finished).containsExactly(done);
    }

    @Test
    void handlerIgnoringInterruptsIsTimedOutWhenItReturnsAndKeepsItsSlotUntilThen() {
        start(1);
        executor.submit(assign("stubborn", 0, 100), listener);
        await().atMost(WAIT).untilTrue(sawInterrupt);

        assertThat(sawCancelled).isTrue();
        assertThat(listener.finished).as("no report while the handler still runs").isEmpty();
        assertThat(executor.running()).containsExactly(ref(0));
        executor.submit(assign("echo", 1, 0), listener);
        ShardReport refused = awaitFinished(1).get(0);
        assertThat(refused.getOutcome()).isEqualTo(ShardOutcome.SHARD_OUTCOME_REFUSED);
        assertThat(refused.getRef()).isEqualTo(ref(1));

        release.countDown();

        ShardReport timedOut = awaitFinished(2).get(1);
        assertThat(timedOut.getRef()).isEqualTo(ref(0));
        assertThat(timedOut.getOutcome()).isEqualTo(ShardOutcome.SHARD_OUTCOME_TIMED_OUT);
        assertThat(timedOut.getMessage()).isEqualTo("timed out after 100 ms");
        await().atMost(WAIT).until(() -> executor.running().isEmpty());
        executor.submit(assign("echo", 2, 0), listener);
        assertThat(awaitFinished(3).get(2).getOutcome()).isEqualTo(ShardOutcome.SHARD_OUTCOME_SUCCEEDED);
    }

    @Test
    void leaderCancelBeforeTheTimeoutReportsCancelledAndNoTimeoutFollows() {
        start(1);
        executor.submit(assign("block", 0, 300), listener);
        await().atMost(WAIT).until(() -> sawTimeout.containsKey(0));

        assertThat(executor.cancel(ref(0))).isTrue();

        ShardReport done = awaitFinished(1).get(0);
        assertThat(done.getOutcome()).isEqualTo(ShardOutcome.SHARD_OUTCOME_CANCELLED);
        assertThat(executor.pendingTimeouts()).isZero();
        await().during(Duration.ofMillis(600)).atMost(WAIT).until(() -> listener.finished.size() == 1);
    }

    @Test
    void leaderCancelAfterTheTimeoutFiredDoesNotChangeTimedOut() {
        start(1);
        executor.submit(assign("stubborn", 0, 100), listener);
        await().atMost(WAIT).untilTrue(sawInterrupt);

        assertThat(executor.cancel(ref(0))).isTrue();
        release.countDown();

        assertThat(awaitFinished(1).get(0).getOutcome()).isEqualTo(ShardOutcome.SHARD_OUTCOME_TIMED_OUT);
    }

    @Test
    void zeroTimeoutArmsNoTimerWhileAPositiveOneArmsOneUntilTheAttemptEnds() {
        start(2);
        executor.submit(assign("block", 0, 0), listener);
        await().atMost(WAIT).until(() -> sawTimeout.containsKey(0));

        assertThat(sawTimeout.get(0)).isEmpty();
        assertThat(executor.pendingTimeouts()).isZero();

        executor.submit(assign("block", 1, 60_000), listener);
        await().atMost(WAIT).until(() -> sawTimeout.containsKey(1));
        assertThat(sawTimeout.get(1)).contains(Duration.ofMinutes(1));
        assertThat(executor.pendingTimeouts()).isEqualTo(1);

        release.countDown();
        List<ShardReport> done = awaitFinished(2);
        assertThat(done).extracting(ShardReport::getOutcome).containsOnly(ShardOutcome.SHARD_OUTCOME_SUCCEEDED);
        assertThat(executor.pendingTimeouts()).isZero();
    }

    @Test
    void timeoutsStillFireWhileTheExecutorDrains() throws Exception {
        start(1);
        executor.submit(assign("block", 0, 200), listener);
        await().atMost(WAIT).until(() -> sawTimeout.containsKey(0));

        assertThat(executor.drain(WAIT)).isTrue();

        assertThat(listener.finished).extracting(ShardReport::getOutcome).containsExactly(ShardOutcome.SHARD_OUTCOME_TIMED_OUT);
    }

    @Test
    void closeCancelsAttemptsWithPendingTimeoutsAndDropsTheTimers() {
        start(1);
        executor.submit(assign("block", 0, 60_000), listener);
        await().atMost(WAIT).until(() -> sawTimeout.containsKey(0));
        assertThat(executor.pendingTimeouts()).isEqualTo(1);

        executor.close();

        assertThat(listener.finished).extracting(ShardReport::getOutcome).containsExactly(ShardOutcome.SHARD_OUTCOME_CANCELLED);
        assertThat(executor.pendingTimeouts()).isZero();
    }

    private void start(int capacity) {
        executor = new ShardExecutor("w1", capacity, handlers, ExecutionJournal.disabled(), CLOCK);
        executor.start();
    }

    private List<ShardReport> awaitFinished(int count) {
        await().atMost(WAIT).pollInterval(5, TimeUnit.MILLISECONDS).until(() -> listener.finished.size() >= count);
        return listener.finished;
    }

    private static AssignShard assign(String handler, int shard, long timeoutMillis) {
        return ShardExecutorTest.assign(handler, shard, "").toBuilder().setTimeoutMillis(timeoutMillis).build();
    }
}
