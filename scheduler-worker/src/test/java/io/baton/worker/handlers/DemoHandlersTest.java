package io.baton.worker.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baton.proto.v1.AssignShard;
import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardReport;
import io.baton.worker.api.ShardContext;
import io.baton.worker.api.ShardResult;
import io.baton.worker.execution.ExecutionJournal;
import io.baton.worker.execution.ShardExecutor;
import io.baton.worker.execution.ShardListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DemoHandlersTest {

    @Test
    void offersTheThreeDemoHandlersByName() {
        assertEquals(Set.of("demo.sleep", "demo.fail", "demo.echo"), DemoHandlers.all().keySet());
    }

    @Test
    void echoReturnsTheShardParameter() throws Exception {
        assertEquals(ShardResult.succeeded("hello"), new EchoHandler().execute(ctx("hello", "", false)));
    }

    @Test
    void failFailsOnPurposeWhenEitherParameterSaysFail() {
        FailHandler fail = new FailHandler();
        assertEquals(ShardResult.failed("failed on purpose"), fail.execute(ctx("fail", "", false)));
        assertEquals(ShardResult.failed("failed on purpose"), fail.execute(ctx("", "fail", false)));
        assertTrue(fail.execute(ctx("ok", "", false)).isSuccess());
    }

    @Test
    void sleepTakesShardParameterThenJobParameterThenDefault() {
        assertEquals(800, SleepHandler.durationOf(ctx("800", "5", false)));
        assertEquals(5, SleepHandler.durationOf(ctx("", " 5 ", false)));
        assertEquals(1000, SleepHandler.durationOf(ctx("", "", false)));
    }

    @Test
    void sleepRejectsWhatIsNotADuration() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SleepHandler.durationOf(ctx("soon", "", false)));
        assertTrue(e.getMessage().contains("invalid sleep duration 'soon'"));
        assertThrows(IllegalArgumentException.class, () -> SleepHandler.durationOf(ctx("-1", "", false)));
    }

    @Test
    void sleepSleepsAndSaysHowLong() throws Exception {
        long before = System.nanoTime();
        ShardResult result = new SleepHandler().execute(ctx("30", "", false));
        assertEquals(ShardResult.succeeded("slept 30 ms"), result);
        assertTrue(System.nanoTime() - before >= Duration.ofMillis(30).toNanos());
    }

    @Test
    void sleepStopsAtOnceWhenCancelled() throws Exception {
        ShardResult result = new SleepHandler().execute(ctx("600000", "", true));
        assertFalse(result.isSuccess());
        assertTrue(result.message().startsWith("cancelled after"));
    }

    @Test
    void sleepEndsPromptlyWhenItsAttemptTimesOut() throws Exception {
        CompletableFuture<ShardReport> finished = new CompletableFuture<>();
        try (ShardExecutor executor = new ShardExecutor("w1", 1, DemoHandlers.all(), ExecutionJournal.disabled(),
                Clock.systemUTC())) {
            executor.start();
            long before = System.nanoTime();
            executor.submit(AssignShard.newBuilder()
                    .setRef(AttemptRef.newBuilder().setRunId("run").setShardIndex(0).setAttempt(1).setAssignEpoch(1))
                    .setHandler(SleepHandler.NAME).setShardCount(1).setShardParameter("600000").setTimeoutMillis(100)
                    .build(), new ShardListener() {
                        @Override public void onStarted(ShardReport report) { }
                        @Override public void onFinished(ShardReport report) { finished.complete(report); }
                    });

            ShardReport report = finished.get(10, TimeUnit.SECONDS);
            assertEquals(ShardOutcome.SHARD_OUTCOME_TIMED_OUT, report.getOutcome());
            assertEquals("timed out after 100 ms", report.getMessage());
            assertTrue(System.nanoTime() - before < Duration.ofSeconds(10).toNanos());
            assertTrue(executor.running().isEmpty());
        }
    }

    private static ShardContext ctx(String shardParameter, String jobParameter, boolean cancelled) {
        return new ShardContext() {
            @Override public String jobName() { return "job"; }
            @Override public String runId() { return "run"; }
            @Override public int shardIndex() { return 0; }
            @Override public int shardCount() { return 1; }
            @Override public String shardParameter() { return shardParameter; }
            @Override public String jobParameter() { return jobParameter; }
            @Override public int attempt() { return 1; }
            @Override public long assignEpoch() { return 1; }
            @Override public Instant fireTime() { return Instant.EPOCH; }
            @Override public boolean isCancelled() { return cancelled; }
        };
    }
}
