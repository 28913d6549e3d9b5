package io.baton.server.coordinator;

import static io.baton.server.coordinator.TestRecords.T0;
import static io.baton.server.coordinator.TestRecords.assignSends;
import static io.baton.server.coordinator.TestRecords.cancelSends;
import static io.baton.server.coordinator.TestRecords.report;
import static io.baton.server.coordinator.TestRecords.runNowJob;
import static io.baton.server.coordinator.TestRecords.shard;
import static io.baton.server.coordinator.TestRecords.status;
import static io.baton.server.coordinator.TestRecords.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RetryPolicy;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardState;
import io.baton.proto.v1.TriggerKind;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Retries with backoff, the run's fate when attempts run out, and attempt timeouts, on a fake clock. */
class CoordinatorRetryTimeoutTest {
    private static final long GRACE = 2_000;

    private static CoordinatorState term(JobRecord job, String... workers) {
        CoordinatorConfig config = CoordinatorConfig.defaults().withTimeoutGrace(Duration.ofMillis(GRACE));
        CoordinatorState s = new CoordinatorState(1, List.of(job), List.of(), List.of(workers), T0, T0 + 1500,
                config, new SplittableRandom(7));
        for (String w : workers) s.workerReady(status(w, 4, "h").build(), T0);
        return s;
    }

    private static JobRecord withRetry(int shards, int maxAttempts, long timeoutMillis) {
        JobRecord job = runNowJob("job", "h", shards);
        return job.toBuilder().setSpec(job.getSpec().toBuilder()
                .setRetry(RetryPolicy.newBuilder().setMaxAttempts(maxAttempts).setInitialBackoffMillis(1_000)
                        .setMaxBackoffMillis(10_000).setMultiplier(2.0))
                .setAttemptTimeoutMillis(timeoutMillis)).build();
    }

    private static Effects.Send start(CoordinatorState s, List<String> runIdOut) {
        Effects fx = new Effects();
        String runId = s.trigger("job", TriggerKind.TRIGGER_KIND_API, T0, fx).orElseThrow();
        runIdOut.add(runId);
        return assignSends(s.runsCreated(List.of(runId))).get(0);
    }

    @Test
    void aFailedAttemptIsRetriedAfterItsBackoffOnAnotherWorkerAndTheRunSucceeds() {
        CoordinatorState s = term(withRetry(1, 3, 0), "w1", "w2");
        List<String> ids = new java.util.ArrayList<>();
        Effects.Send first = start(s, ids);
        String runId = ids.get(0);

        Effects afterFailure = s.report(first.workerId(), report(first.assign().getRef(), ShardOutcome.SHARD_OUTCOME_FAILED, first.workerId()), T0 + 100);

        assertThat(assignSends(afterFailure)).as("nothing before the backoff").isEmpty();
        assertThat(shard(s, runId, 0).getState()).isEqualTo(ShardState.SHARD_STATE_PENDING);
        assertThat(shard(s, runId, 0).getFailedAttempts()).isEqualTo(1);
        assertThat(shard(s, runId, 0).getRetryAtMillis()).isEqualTo(T0 + 100 + 1_000);
        assertThat(s.nextWakeupMillis()).contains(T0 + 1_100);
        assertThat(assignSends(s.tick(T0 + 1_099))).isEmpty();

        List<Effects.Send> retry = assignSends(s.tick(T0 + 1_100));
        assertThat(retry).singleElement().satisfies(a -> {
            assertThat(a.assign().getRef().getAttempt()).isEqualTo(2);
            assertThat(a.workerId()).as("a retry moves on to the next worker").isNotEqualTo(first.workerId());
        });
        s.report(retry.get(0).workerId(), succeeded(retry.get(0)), T0 + 1_200);
        assertThat(s.run(runId).orElseThrow().getState()).isEqualTo(RunState.RUN_STATE_SUCCEEDED);
        assertThat(s.counters().retriesScheduled()).isEqualTo(1);
    }

    @Test
    void backoffGrowsPerFailureAndTheRunFailsWhenTheLastAttemptFails() {
        CoordinatorState s = term(withRetry(1, 3, 0), "w1");
        List<String> ids = new java.util.ArrayList<>();
        Effects.Send attempt = start(s, ids);
        String runId = ids.get(0);
        long now = T0;
        long[] expectedBackoff = {1_000, 2_000};
        for (long backoff : expectedBackoff) {
            now += 10;
            s.report("w1", report(attempt.assign().getRef(), ShardOutcome.SHARD_OUTCOME_FAILED, "w1"), now);
            assertThat(shard(s, runId, 0).getRetryAtMillis()).isEqualTo(now + backoff);
            now += backoff;
            attempt = assignSends(s.tick(now)).get(0);
        }
        assertThat(attempt.assign().getRef().getAttempt()).isEqualTo(3);

        s.report("w1", report(attempt.assign().getRef(), ShardOutcome.SHARD_OUTCOME_FAILED, "w1"), now + 10);

        assertThat(s.run(runId).orElseThrow().getState()).isEqualTo(RunState.RUN_STATE_FAILED);
        assertThat(shard(s, runId, 0).getState()).isEqualTo(ShardState.SHARD_STATE_FAILED);
        assertThat(shard(s, runId, 0).getFailedAttempts()).isEqualTo(3);
        assertThat(s.tick(now + 100_000).sends()).isEmpty();
    }

    @Test
    void withoutARetryPolicyTheFirstFailureFailsTheShardAndTheRunOnceAllShardsAreFinal() {
        CoordinatorState s = term(runNowJob("job", "h", 2), "w1");
        List<String> ids = new java.util.ArrayList<>();
        Effects fx = new Effects();
        String runId = s.trigger("job", TriggerKind.TRIGGER_KIND_API, T0, fx).orElseThrow();
        List<Effects.Send> sends = assignSends(s.runsCreated(List.of(runId)));

        s.report("w1", report(sends.get(0).assign().getRef(), ShardOutcome.SHARD_OUTCOME_FAILED, "w1"), T0 + 5);
        assertThat(s.run(runId).orElseThrow().getState()).as("the other shard still runs").isEqualTo(RunState.RUN_STATE_RUNNING);
        s.report("w1", succeeded(sends.get(1)), T0 + 6);
        assertThat(s.run(runId).orElseThrow().getState()).isEqualTo(RunState.RUN_STATE_FAILED);
    }

    @Test
    void aWorkerTimedOutReportCountsAsAFailedAttempt() {
        CoordinatorState s = term(withRetry(1, 2, 500), "w1");
        List<String> ids = new java.util.ArrayList<>();
        Effects.Send first = start(s, ids);
        assertThat(first.assign().getTimeoutMillis()).isEqualTo(500);

        s.report("w1", report(first.assign().getRef(), ShardOutcome.SHARD_OUTCOME_TIMED_OUT, "w1"), T0 + 510);

        assertThat(shard(s, ids.get(0), 0).getFailedAttempts()).isEqualTo(1);
        assertThat(shard(s, ids.get(0), 0).getMessage()).startsWith("timed out");
        assertThat(shard(s, ids.get(0), 0).getState()).isEqualTo(ShardState.SHARD_STATE_PENDING);
    }

    @Test
    void theLeaderTimesOutASilentAttemptAfterTimeoutPlusGraceCancelsItAndRetries() {
        CoordinatorState s = term(withRetry(1, 2, 500), "w1", "w2");
        List<String> ids = new java.util.ArrayList<>();
        Effects.Send first = start(s, ids);
        String runId = ids.get(0);
        assertThat(shard(s, runId, 0).getDeadlineMillis()).isEqualTo(T0 + 500 + GRACE);
        assertThat(s.tick(T0 + 500 + GRACE - 1).sends()).isEmpty();

        Effects fx = s.tick(T0 + 500 + GRACE);

        assertThat(cancelSends(fx)).singleElement().satisfies(c -> {
            assertThat(c.workerId()).isEqualTo(first.workerId());
            assertThat(c.cancel().getRef()).isEqualTo(first.assign().getRef());
        });
        assertThat(shard(s, runId, 0).getFailedAttempts()).isEqualTo(1);
        assertThat(s.counters().attemptsTimedOut()).isEqualTo(1);
        assertThat(s.runningOn(first.workerId())).as("the slot is free again").isZero();
        // the worker's late success for the timed-out attempt no longer counts
        s.report(first.workerId(), succeeded(first), T0 + 500 + GRACE + 1);
        assertThat(shard(s, runId, 0).getSuccessCount()).isZero();

        List<Effects.Send> retry = assignSends(s.tick(T0 + 500 + GRACE + 1_000));
        assertThat(retry).singleElement().satisfies(a -> assertThat(a.assign().getRef().getAttempt()).isEqualTo(2));
    }

    @Test
    void anAttemptThatFinishesInTimeIsNotTimedOutLater() {
        CoordinatorState s = term(withRetry(1, 2, 500), "w1");
        List<String> ids = new java.util.ArrayList<>();
        Effects.Send first = start(s, ids);
        s.report("w1", succeeded(first), T0 + 100);

        assertThat(s.tick(T0 + 10_000).sends()).isEmpty();
        assertThat(s.counters().attemptsTimedOut()).isZero();
    }

    @Test
    void aNewTermKeepsTheDeadlinesAndBackoffsOfStoredShards() {
        CoordinatorState s = term(withRetry(2, 3, 500), "w1");
        Effects fx = new Effects();
        String runId = s.trigger("job", TriggerKind.TRIGGER_KIND_API, T0, fx).orElseThrow();
        List<Effects.Send> sends = assignSends(s.runsCreated(List.of(runId)));
        s.report("w1", report(sends.get(0).assign().getRef(), ShardOutcome.SHARD_OUTCOME_FAILED, "w1"), T0 + 10);
        var stored = s.run(runId).orElseThrow();

        CoordinatorConfig config = CoordinatorConfig.defaults().withTimeoutGrace(Duration.ofMillis(GRACE));
        CoordinatorState next = new CoordinatorState(2, List.of(withRetry(2, 3, 500)), List.of(stored), List.of("w1"),
                T0 + 20, T0 + 1_500, config, new SplittableRandom(1));
        next.workerReady(status("w1", 4, "h").addRunning(sends.get(1).assign().getRef()).build(), T0 + 30);

        assertThat(next.nextWakeupMillis()).contains(T0 + 10 + 1_000);
        Effects retried = next.tick(T0 + 10 + 1_000);
        assertThat(assignSends(retried)).singleElement().satisfies(a -> assertThat(a.assign().getRef().getShardIndex()).isZero());
        Effects timedOut = next.tick(T0 + 500 + GRACE);
        assertThat(cancelSends(timedOut)).singleElement()
                .satisfies(c -> assertThat(c.cancel().getRef()).isEqualTo(sends.get(1).assign().getRef()));
    }
}
