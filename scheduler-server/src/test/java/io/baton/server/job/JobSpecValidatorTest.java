package io.baton.server.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.ConcurrencyPolicy;
import io.baton.proto.v1.CronSchedule;
import io.baton.proto.v1.HistoryPolicy;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.MisfirePolicy;
import io.baton.proto.v1.RetryPolicy;
import io.baton.proto.v1.RunNow;
import io.baton.proto.v1.Schedule;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each test breaks one field and expects exactly one problem, naming that field. */
class JobSpecValidatorTest {

    private static JobSpec.Builder valid() {
        return JobSpec.newBuilder()
                .setName("nightly-export_v2.1")
                .setHandler("io.example.Export")
                .setShardCount(3)
                .setJobParameter("{\"bucket\":\"b\"}")
                .setSchedule(Schedule.newBuilder().setRunNow(RunNow.getDefaultInstance()));
    }

    private static Schedule cron(String expression, String zone) {
        return Schedule.newBuilder().setCron(CronSchedule.newBuilder().setExpression(expression).setTimeZone(zone)).build();
    }

    private static List<String> problems(JobSpec.Builder spec) {
        return JobSpecValidator.problems(spec.build());
    }

    private static void assertOnlyProblemNames(JobSpec.Builder spec, String field) {
        List<String> problems = problems(spec);
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith(field + ": ");
    }

    @Test
    void fixedRateOneShotAndBoundsAreChecked() {
        assertThat(problems(valid().setSchedule(Schedule.newBuilder()
                .setFixedRate(io.baton.proto.v1.FixedRate.newBuilder().setIntervalMillis(1_000))
                .setNotBeforeMillis(5).setNotAfterMillis(10)))).isEmpty();
        assertOnlyProblemNames(valid().setSchedule(Schedule.newBuilder()
                .setFixedRate(io.baton.proto.v1.FixedRate.newBuilder().setIntervalMillis(99))), "schedule.fixed_rate.interval_millis");
        assertOnlyProblemNames(valid().setSchedule(Schedule.newBuilder()
                .setOneShot(io.baton.proto.v1.OneShot.getDefaultInstance())), "schedule.one_shot.at_millis");
        assertOnlyProblemNames(valid().setSchedule(Schedule.newBuilder()
                .setOneShot(io.baton.proto.v1.OneShot.newBuilder().setAtMillis(7))
                .setNotBeforeMillis(10).setNotAfterMillis(5)), "schedule.not_after_millis");
    }

    @Test
    void validSpecsHaveNoProblems() {
        assertThat(problems(valid())).isEmpty();
        assertThat(problems(valid().setSchedule(cron("0 0/5 * * * ?", "Europe/Paris")))).isEmpty();
        assertThat(problems(valid().setSchedule(cron("0 0 3 ? * MON-FRI", "")))).isEmpty();
        assertThat(problems(valid().addAllShardParameters(List.of("a", "b", "c")))).isEmpty();
        assertThat(problems(valid().setShardCount(JobSpecValidator.MAX_SHARDS))).isEmpty();
        assertThat(problems(valid().setName("x".repeat(JobSpecValidator.MAX_NAME_LENGTH)))).isEmpty();
        assertThat(problems(valid().setShardCount(1).addShardParameters("p".repeat(JobSpecValidator.MAX_SHARD_PARAMETER_BYTES))))
                .isEmpty();
    }

    @Test
    void namesAMissingName() {
        assertOnlyProblemNames(valid().setName(""), "name");
        assertThat(problems(valid().setName(""))).containsExactly("name: required");
    }

    @Test
    void namesANameWithCharactersOutsideTheAllowedSet() {
        for (String bad : List.of("has space", "slash/name", "-leading-dash", ".hidden", "ünïcode", "semi;colon")) {
            assertOnlyProblemNames(valid().setName(bad), "name");
            assertThat(problems(valid().setName(bad)).get(0)).contains("'" + bad + "'");
        }
    }

    @Test
    void namesANameLongerThanTheMaximum() {
        String tooLong = "x".repeat(JobSpecValidator.MAX_NAME_LENGTH + 1);
        assertOnlyProblemNames(valid().setName(tooLong), "name");
        assertThat(problems(valid().setName(tooLong)).get(0)).contains("at most " + JobSpecValidator.MAX_NAME_LENGTH);
    }

    @Test
    void namesAMissingOrMalformedHandler() {
        assertOnlyProblemNames(valid().setHandler(""), "handler");
        assertOnlyProblemNames(valid().setHandler("rm -rf"), "handler");
    }

    @Test
    void namesAShardCountOfZeroOrNegative() {
        assertOnlyProblemNames(valid().setShardCount(0), "shard_count");
        assertOnlyProblemNames(valid().setShardCount(-4), "shard_count");
        assertThat(problems(valid().setShardCount(0)).get(0)).endsWith("was 0");
    }

    @Test
    void namesAShardCountAboveTheMaximum() {
        assertOnlyProblemNames(valid().setShardCount(JobSpecValidator.MAX_SHARDS + 1), "shard_count");
    }

    @Test
    void namesAParameterCountThatDoesNotMatchTheShardCount() {
        assertOnlyProblemNames(valid().addAllShardParameters(List.of("a", "b")), "shard_parameters");
        assertThat(problems(valid().addAllShardParameters(List.of("a", "b"))).get(0)).contains("had 2");
    }

    @Test
    void namesTheOversizedShardParameterByIndexCountingBytesNotCharacters() {
        // 129 two-byte characters: 258 bytes, over the 256-byte limit although only 129 characters
        String big = "é".repeat(129);
        JobSpec.Builder spec = valid().addAllShardParameters(List.of("ok", big, "ok"));
        assertOnlyProblemNames(spec, "shard_parameters[1]");
        assertThat(problems(spec).get(0)).contains("258 bytes");
    }

    @Test
    void namesAnOversizedJobParameter() {
        assertOnlyProblemNames(valid().setJobParameter("j".repeat(JobSpecValidator.MAX_JOB_PARAMETER_BYTES + 1)),
                "job_parameter");
    }

    @Test
    void namesABadCronExpression() {
        assertOnlyProblemNames(valid().setSchedule(cron("61 * * * * ?", "")), "schedule.cron.expression");
        assertOnlyProblemNames(valid().setSchedule(cron("", "")), "schedule.cron.expression");
        assertThat(problems(valid().setSchedule(cron("not a cron", "")))).singleElement()
                .asString().contains("'not a cron'");
    }

    @Test
    void namesABadTimeZone() {
        assertOnlyProblemNames(valid().setSchedule(cron("0 0 12 * * ?", "Atlantis/Capital")), "schedule.cron.time_zone");
        assertThat(problems(valid().setSchedule(cron("0 0 12 * * ?", "Atlantis/Capital")))).singleElement()
                .asString().contains("'Atlantis/Capital'");
    }

    @Test
    void namesBothCronFieldsWhenBothAreBad() {
        List<String> problems = problems(valid().setSchedule(cron("not a cron", "Atlantis/Capital")));
        assertThat(problems).hasSize(2);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("schedule.cron.expression: "));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("schedule.cron.time_zone: "));
    }

    @Test
    void namesAMissingSchedule() {
        assertOnlyProblemNames(valid().clearSchedule(), "schedule");
        assertOnlyProblemNames(valid().setSchedule(Schedule.getDefaultInstance()), "schedule");
    }

    @Test
    void namesEveryBadFieldAtOnce() {
        JobSpec.Builder spec = JobSpec.newBuilder()
                .setName("bad name").setHandler("").setShardCount(0)
                .addAllShardParameters(Collections.nCopies(2, "p"))
                .setJobParameter("j".repeat(JobSpecValidator.MAX_JOB_PARAMETER_BYTES + 1));
        assertThat(problems(spec)).extracting(p -> p.substring(0, p.indexOf(':')))
                .containsExactly("name", "handler", "shard_count", "shard_parameters", "job_parameter", "schedule");
    }

    // ---------------------------------------------------------------- policies

    private static JobSpec.Builder withRetry(UnaryOperator<RetryPolicy.Builder> retry) {
        return valid().setRetry(retry.apply(RetryPolicy.newBuilder()));
    }

    @Test
    void acceptsEveryPolicyFieldAtZeroAndAtItsBounds() {
        assertThat(problems(valid().setRetry(RetryPolicy.getDefaultInstance()).setHistory(HistoryPolicy.getDefaultInstance())))
                .isEmpty();
        assertThat(problems(valid()
                .setMisfirePolicy(MisfirePolicy.MISFIRE_POLICY_FIRE_ALL_MISSED)
                .setMaxMissedFires(JobSpecValidator.MAX_MISSED_FIRES)
                .setConcurrencyPolicy(ConcurrencyPolicy.CONCURRENCY_POLICY_QUEUE)
                .setMaxQueuedRuns(JobSpecValidator.MAX_QUEUED_RUNS)
                .setAttemptTimeoutMillis(JobSpecValidator.MAX_ATTEMPT_TIMEOUT_MILLIS)
                .setRetry(RetryPolicy.newBuilder()
                        .setMaxAttempts(JobSpecValidator.MAX_RETRY_ATTEMPTS)
                        .setInitialBackoffMillis(JobSpecValidator.MAX_RETRY_BACKOFF_MILLIS)
                        .setMaxBackoffMillis(JobSpecValidator.MAX_RETRY_BACKOFF_MILLIS)
                        .setMultiplier(JobSpecValidator.MAX_RETRY_MULTIPLIER)
                        .setJitter(1.0))
                .setHistory(HistoryPolicy.newBuilder().setMaxRuns(JobSpecValidator.MAX_HISTORY_RUNS).setMaxAgeMillis(Long.MAX_VALUE))))
                .isEmpty();
        assertThat(problems(valid()
                .setMisfirePolicy(MisfirePolicy.MISFIRE_POLICY_SKIP)
                .setConcurrencyPolicy(ConcurrencyPolicy.CONCURRENCY_POLICY_ALLOW)
                .setAttemptTimeoutMillis(JobSpecValidator.MIN_ATTEMPT_TIMEOUT_MILLIS)
                .setRetry(RetryPolicy.newBuilder().setMaxAttempts(1).setMultiplier(JobSpecValidator.MIN_RETRY_MULTIPLIER))))
                .isEmpty();
    }

    @Test
    void namesMaxMissedFiresOutsideItsRange() {
        assertOnlyProblemNames(valid().setMaxMissedFires(-1), "max_missed_fires");
        assertOnlyProblemNames(valid().setMaxMissedFires(JobSpecValidator.MAX_MISSED_FIRES + 1), "max_missed_fires");
        assertThat(problems(valid().setMaxMissedFires(1001))).containsExactly("max_missed_fires: must be between 0 and 1000, was 1001");
    }

    @Test
    void namesMaxQueuedRunsOutsideItsRange() {
        assertOnlyProblemNames(valid().setMaxQueuedRuns(-1), "max_queued_runs");
        assertOnlyProblemNames(valid().setMaxQueuedRuns(JobSpecValidator.MAX_QUEUED_RUNS + 1), "max_queued_runs");
    }

    @Test
    void namesAnAttemptTimeoutThatIsNegativeTooShortOrTooLong() {
        assertOnlyProblemNames(valid().setAttemptTimeoutMillis(-1), "attempt_timeout_millis");
        assertOnlyProblemNames(valid().setAttemptTimeoutMillis(JobSpecValidator.MIN_ATTEMPT_TIMEOUT_MILLIS - 1), "attempt_timeout_millis");
        assertOnlyProblemNames(valid().setAttemptTimeoutMillis(JobSpecValidator.MAX_ATTEMPT_TIMEOUT_MILLIS + 1), "attempt_timeout_millis");
        assertThat(problems(valid().setAttemptTimeoutMillis(99)).get(0)).endsWith("was 99");
    }

    @Test
    void refusesUnknownPolicyValues() {
        assertOnlyProblemNames(valid().setMisfirePolicyValue(42), "misfire_policy");
        assertOnlyProblemNames(valid().setConcurrencyPolicyValue(-3), "concurrency_policy");
        assertThat(problems(valid().setMisfirePolicyValue(42))).containsExactly("misfire_policy: unknown value 42");
    }

    @Test
    void namesRetryAttemptsOutsideTheirRange() {
        assertOnlyProblemNames(withRetry(r -> r.setMaxAttempts(-1)), "retry.max_attempts");
        assertOnlyProblemNames(withRetry(r -> r.setMaxAttempts(JobSpecValidator.MAX_RETRY_ATTEMPTS + 1)), "retry.max_attempts");
    }

    @Test
    void namesNegativeOrHugeBackoffs() {
        assertOnlyProblemNames(withRetry(r -> r.setInitialBackoffMillis(-1)), "retry.initial_backoff_millis");
        assertOnlyProblemNames(withRetry(r -> r.setInitialBackoffMillis(JobSpecValidator.MAX_RETRY_BACKOFF_MILLIS + 1)),
                "retry.initial_backoff_millis");
        assertOnlyProblemNames(withRetry(r -> r.setMaxBackoffMillis(-1)), "retry.max_backoff_millis");
        assertOnlyProblemNames(withRetry(r -> r.setMaxBackoffMillis(JobSpecValidator.MAX_RETRY_BACKOFF_MILLIS + 1)),
                "retry.max_backoff_millis");
    }

    @Test
    void namesAMaxBackoffBelowTheInitialBackoffOnlyWhenBothAreSet() {
        assertOnlyProblemNames(withRetry(r -> r.setInitialBackoffMillis(5_000).setMaxBackoffMillis(4_999)), "retry.max_backoff_millis");
        assertThat(problems(withRetry(r -> r.setInitialBackoffMillis(5_000).setMaxBackoffMillis(5_000)))).isEmpty();
        assertThat(problems(withRetry(r -> r.setInitialBackoffMillis(5_000)))).isEmpty();
        assertThat(problems(withRetry(r -> r.setMaxBackoffMillis(1)))).isEmpty();
    }

    @Test
    void namesAMultiplierBetweenZeroAndOneAboveTenOrNotANumber() {
        for (double bad : new double[] {0.5, -1, 10.01, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertOnlyProblemNames(withRetry(r -> r.setMultiplier(bad)), "retry.multiplier");
        }
        assertThat(problems(withRetry(r -> r.setMultiplier(1.5)))).isEmpty();
    }

    @Test
    void namesAJitterOutsideZeroToOneOrNotANumber() {
        for (double bad : new double[] {-0.01, 1.01, Double.NaN}) {
            assertOnlyProblemNames(withRetry(r -> r.setJitter(bad)), "retry.jitter");
        }
        assertThat(problems(withRetry(r -> r.setJitter(0.25)))).isEmpty();
    }

    @Test
    void namesHistoryBoundsOutsideTheirRange() {
        assertOnlyProblemNames(valid().setHistory(HistoryPolicy.newBuilder().setMaxRuns(-1)), "history.max_runs");
        assertOnlyProblemNames(valid().setHistory(HistoryPolicy.newBuilder().setMaxRuns(JobSpecValidator.MAX_HISTORY_RUNS + 1)),
                "history.max_runs");
        assertOnlyProblemNames(valid().setHistory(HistoryPolicy.newBuilder().setMaxAgeMillis(-1)), "history.max_age_millis");
    }

    @Test
    void namesEveryBadPolicyFieldAtOnce() {
        JobSpec.Builder spec = valid()
                .setMisfirePolicyValue(9).setMaxMissedFires(-1).setConcurrencyPolicyValue(9).setMaxQueuedRuns(-1)
                .setAttemptTimeoutMillis(1)
                .setRetry(RetryPolicy.newBuilder().setMaxAttempts(-1).setInitialBackoffMillis(10).setMaxBackoffMillis(5)
                        .setMultiplier(0.5).setJitter(2))
                .setHistory(HistoryPolicy.newBuilder().setMaxRuns(-1).setMaxAgeMillis(-1));
        assertThat(problems(spec)).extracting(p -> p.substring(0, p.indexOf(':'))).containsExactly(
                "misfire_policy", "max_missed_fires", "concurrency_policy", "max_queued_runs", "attempt_timeout_millis",
                "retry.max_attempts", "retry.max_backoff_millis", "retry.multiplier", "retry.jitter",
                "history.max_runs", "history.max_age_millis");
    }

    @Test
    void checksAStandaloneJobNameLikeASpecName() {
        assertThat(JobSpecValidator.nameProblem("job_name", "nightly-export_v2.1")).isEmpty();
        assertThat(JobSpecValidator.nameProblem("job_name", "")).contains("job_name: required");
        assertThat(JobSpecValidator.nameProblem("job_name", "../etc")).get().asString()
                .startsWith("job_name: '../etc' must match");
    }

    @Test
    void everyResolvedDefaultPassesTheValidator() {
        io.baton.proto.v1.JobSpec spec = io.baton.proto.v1.JobSpec.newBuilder().setName("defaults").setHandler("h")
                .setShardCount(1).setSchedule(io.baton.proto.v1.Schedule.newBuilder()
                        .setRunNow(io.baton.proto.v1.RunNow.getDefaultInstance())).build();
        org.assertj.core.api.Assertions.assertThat(JobSpecValidator.problems(io.baton.common.job.JobDefaults.resolve(spec))).isEmpty();
    }
}
