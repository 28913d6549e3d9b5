package io.baton.worker.handlers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baton.worker.api.ShardContext;
import io.baton.worker.api.ShardResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
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
