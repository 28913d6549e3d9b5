package io.baton.worker.execution;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baton.proto.v1.AssignShard;
import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardReport;
import io.baton.worker.api.ShardHandler;
import io.baton.worker.api.ShardResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardExecutorTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC);

    private final CountDownLatch release = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicLong ranAtNanos = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, ShardHandler> handlers = Map.of(
            "echo", ctx -> ShardResult.succeeded("echo " + ctx.shardParameter()),
            "boom", ctx -> { throw new IllegalStateException("disk full"); },
            "block", ctx -> {
                release.await();
                return ShardResult.succeeded("released");
            },
            "blank", ctx -> { throw new IllegalStateException(); },
            "null", ctx -> null,
            "stamp", ctx -> {
                ranAtNanos.set(System.nanoTime());
                return ShardResult.succeeded("stamped");
            });
    private final RecordingListener listener = new RecordingListener();
    private ShardExecutor executor;

    @AfterEach
    void closeExecutor() {
        release.countDown();
        if (executor != null) executor.close();
    }

    @Test
    void successReportsStartedThenSucceededWithOutput() {
        start(2);
        executor.submit(assign("echo", 0, "hi"), listener);

        ShardReport done = awaitFinished(1).get(0);
        assertEquals(ShardOutcome.SHARD_OUTCOME_SUCCEEDED, done.getOutcome());
        assertEquals("echo hi", done.getMessage());
        assertEquals("w1", done.getWorkerId());
        assertEquals(1_000, done.getStartedMillis());
        assertEquals(1_000, done.getFinishedMillis());
        assertEquals(ShardOutcome.SHARD_OUTCOME_STARTED, listener.started.get(0).getOutcome());
        assertEquals(ref(0), listener.started.get(0).getRef());
    }

    @Test
    void exceptionIsReportedAsFailedWithItsMessage() {
        start(1);
        executor.submit(assign("boom", 0, ""), listener);

        ShardReport done = awaitFinished(1).get(0);
        assertEquals(ShardOutcome.SHARD_OUTCOME_FAILED, done.getOutcome());
        assertEquals("disk full", done.getMessage());
    }

    @Test
    void exceptionWithoutMessageIsReportedByItsClassAndNullResultAsFailure() {
        start(2);
        executor.submit(assign("blank", 0, ""), listener);
        executor.submit(assign("null", 1, ""), listener);

        List<ShardReport> done = awaitFinished(2);
        assertTrue(done.stream().allMatch(r -> r.getOutcome() == ShardOutcome.SHARD_OUTCOME_FAILED));
        assertTrue(done.stream().anyMatch(r -> r.getMessage().equals(IllegalStateException.class.getName())));
        assertTrue(done.stream().anyMatch(r -> r.getMessage().equals("handler returned no result")));
    }

    @Test
    void capacityIsEnforcedAndTheExtraAssignmentIsRefused() {
        start(2);
        executor.submit(assign("block", 0, ""), listener);
        executor.submit(assign("block", 1, ""), listener);
        executor.submit(assign("block", 2, ""), listener);

        ShardReport refused = awaitFinished(1).get(0);
        assertEquals(ref(2), refused.getRef());
        assertEquals(ShardOutcome.SHARD_OUTCOME_REFUSED, refused.getOutcome());
        assertEquals("no free slot (capacity 2)", refused.getMessage());
        assertEquals(2, executor.running().size());

        release.countDown();
        await().atMost(WAIT).until(() -> executor.running().isEmpty());
        executor.submit(assign("echo", 3, ""), listener);
        await().atMost(WAIT).until(() -> listener.finished.size() == 4);
        assertEquals(List.of(ShardOutcome.SHARD_OUTCOME_SUCCEEDED), listener.finished.stream()
                .skip(1).map(ShardReport::getOutcome).distinct().toList());
    }

    @Test
    void unknownHandlerIsRefused() {
        start(1);
        executor.submit(assign("nope", 0, ""), listener);

        ShardReport refused = awaitFinished(1).get(0);
        assertEquals(ShardOutcome.SHARD_OUTCOME_REFUSED, refused.getOutcome());
        assertEquals("unknown handler: nope", refused.getMessage());
        assertTrue(listener.started.isEmpty());
    }

    @Test
    void cancellationInterruptsTheHandlerAndYieldsCancelled() {
        start(1);
        executor.submit(assign("block", 0, ""), listener);
        await().atMost(WAIT).until(() -> listener.started.size() == 1);

        assertTrue(executor.cancel(ref(0)));

        ShardReport done = awaitFinished(1).get(0);
        assertEquals(ShardOutcome.SHARD_OUTCOME_CANCELLED, done.getOutcome());
        assertTrue(executor.running().isEmpty());
        assertFalse(executor.cancel(ref(0)));
    }

    @Test
    void handlerThatSeesTheFlagAndFailsIsCancelled() {
        CountDownLatch entered = new CountDownLatch(1);
        executor = new ShardExecutor("w1", 1, Map.of("polite", ctx -> {
            entered.countDown();
            while (!ctx.isCancelled()) {
                Thread.onSpinWait();
            }
            return ShardResult.failed("stopped early");
        }), ExecutionJournal.disabled(), CLOCK);
        executor.start();
        executor.submit(assign("polite", 0, ""), listener);
        await().atMost(WAIT).until(() -> entered.getCount() == 0);

        executor.cancel(ref(0));

        ShardReport done = awaitFinished(1).get(0);
        assertEquals(ShardOutcome.SHARD_OUTCOME_CANCELLED, done.getOutcome());
        assertEquals("stopped early", done.getMessage());
    }

    @Test
    void closeCancelsRunningShardsAndRefusesNewOnes() {
        start(1);
        executor.submit(assign("block", 0, ""), listener);
        await().atMost(WAIT).until(() -> listener.started.size() == 1);

        executor.close();
        executor.close();

        assertEquals(ShardOutcome.SHARD_OUTCOME_CANCELLED, listener.finished.get(0).getOutcome());
        executor.submit(assign("echo", 1, ""), listener);
        assertEquals(ShardOutcome.SHARD_OUTCOME_REFUSED, listener.finished.get(1).getOutcome());
        assertEquals("worker is shutting down", listener.finished.get(1).getMessage());
    }

    @Test
    void drainWaitsForRunningShardsWhileRefusingNewOnes() throws Exception {
        start(2);
        executor.submit(assign("block", 0, ""), listener);

        assertFalse(executor.drain(Duration.ofMillis(50)));
        executor.submit(assign("echo", 1, ""), listener);
        assertEquals(ShardOutcome.SHARD_OUTCOME_REFUSED, awaitFinished(1).get(0).getOutcome());

        release.countDown();
        assertTrue(executor.drain(WAIT));
        assertEquals(ShardOutcome.SHARD_OUTCOME_SUCCEEDED, listener.finished.get(1).getOutcome());
    }

    @Test
    void longMessagesAreTruncated() {
        start(1);
        executor.submit(assign("echo", 0, "x".repeat(10_000)), listener);

        assertEquals(ShardResult.MAX_MESSAGE_CHARS, awaitFinished(1).get(0).getMessage().length());
    }

    @Test
    void journalRecordsTheStartAndTheEndOfEachExecution(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("journal.log");
        try (ExecutionJournal journal = ExecutionJournal.open(file)) {
            executor = new ShardExecutor("w1", 2, handlers, journal, CLOCK);
            executor.start();
            executor.submit(assign("echo", 0, ""), listener);
            executor.submit(assign("boom", 1, ""), listener);
            executor.submit(assign("nope", 2, ""), listener);
            awaitFinished(3);
        }

        List<String> lines = Files.readAllLines(file);
        assertEquals(4, lines.size(), "a refusal runs no handler, so it is not journaled");
        String shard0 = "worker=w1 job=job-a run=run-1 fire=0 shard=0 attempt=1 epoch=7 start=1000";
        String shard1 = "worker=w1 job=job-a run=run-1 fire=0 shard=1 attempt=1 epoch=7 start=1000";
        assertTrue(lines.contains(shard0 + " end=0 outcome=STARTED startUs=1000000"), lines::toString);
        assertTrue(lines.contains(shard0 + " end=1000 outcome=SUCCEEDED"), lines::toString);
        assertTrue(lines.contains(shard1 + " end=0 outcome=STARTED startUs=1000000"), lines::toString);
        assertTrue(lines.contains(shard1 + " end=1000 outcome=FAILED"), lines::toString);
        assertTrue(lines.indexOf(shard0 + " end=0 outcome=STARTED startUs=1000000") < lines.indexOf(shard0 + " end=1000 outcome=SUCCEEDED"));
    }

    @Test
    void anAssignmentSentAheadStartsItsDelayAfterArrivalAndHoldsItsSlotMeanwhile() {
        start(1);
        long before = System.nanoTime();
        executor.submit(assign("stamp", 0, "").toBuilder().setStartDelayMicros(300_000).build(), listener);

        executor.submit(assign("echo", 1, ""), listener);
        assertEquals(ShardOutcome.SHARD_OUTCOME_REFUSED, awaitFinished(1).get(0).getOutcome(), "its slot is taken while it waits");
        assertTrue(listener.started.isEmpty(), "nothing started before the delay");

        assertEquals(ShardOutcome.SHARD_OUTCOME_SUCCEEDED, awaitFinished(2).get(1).getOutcome());
        long waitedMillis = (ranAtNanos.get() - before) / 1_000_000;
        // the test clock stands still, so its fire time (0) has long passed: the delay less the tolerance governs
        assertTrue(waitedMillis >= 300 - StartInstant.TOLERANCE_MICROS / 1_000 - 1, "started " + waitedMillis + " ms after it was submitted");
    }

    @Test
    void theStartCountsFromWhenTheAssignmentArrivedNotFromWhenTheExecutorGotIt() {
        start(1);
        // read off the connection a second ago (by both clocks), sent 1.2 s before its fire time: due in 0.2 s
        long before = System.nanoTime();
        Arrival arrival = new Arrival(before - 1_000_000_000L, CLOCK.instant().minusSeconds(1));
        AssignShard ahead = assign("stamp", 0, "").toBuilder().setFireTimeMillis(CLOCK.millis() + 200).setStartDelayMicros(1_200_000).build();

        executor.submit(ahead, listener, arrival);

        assertEquals(ShardOutcome.SHARD_OUTCOME_SUCCEEDED, awaitFinished(1).get(0).getOutcome());
        long waitedMillis = (ranAtNanos.get() - before) / 1_000_000;
        // counted from the submission instead, it would start ~1.2 s from now
        assertTrue(waitedMillis >= 199 && waitedMillis < 1_000, "started " + waitedMillis + " ms after it was submitted");
    }

    @Test
    void anAssignmentCancelledWhileWaitingForItsStartEndsCancelledWithoutRunning() {
        start(1);
        executor.submit(assign("stamp", 0, "").toBuilder().setStartDelayMicros(60_000_000).build(), listener);

        assertTrue(executor.cancel(ref(0)));

        ShardReport done = awaitFinished(1).get(0);
        assertEquals(ShardOutcome.SHARD_OUTCOME_CANCELLED, done.getOutcome());
        assertEquals("cancelled before start", done.getMessage());
        assertEquals(0, ranAtNanos.get(), "the handler never ran");
        assertTrue(listener.started.isEmpty());
        assertTrue(executor.running().isEmpty());
    }

    private void start(int capacity) {
        executor = new ShardExecutor("w1", capacity, handlers, ExecutionJournal.disabled(), CLOCK);
        executor.start();
    }

    private List<ShardReport> awaitFinished(int count) {
        await().atMost(WAIT).pollInterval(5, TimeUnit.MILLISECONDS).until(() -> listener.finished.size() >= count);
        return listener.finished;
    }

    static AttemptRef ref(int shard) {
        return AttemptRef.newBuilder().setRunId("run-1").setShardIndex(shard).setAttempt(1).setAssignEpoch(7).build();
    }

    static AssignShard assign(String handler, int shard, String parameter) {
        return AssignShard.newBuilder().setRef(ref(shard)).setJobName("job-a").setHandler(handler)
                .setShardCount(4).setShardParameter(parameter).build();
    }
}
