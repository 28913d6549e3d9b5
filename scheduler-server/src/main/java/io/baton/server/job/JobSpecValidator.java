package io.baton.server.job;

import io.baton.common.job.JobDefaults;
import io.baton.proto.v1.ConcurrencyPolicy;
import io.baton.proto.v1.HistoryPolicy;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.MisfirePolicy;
import io.baton.proto.v1.RetryPolicy;
import io.baton.server.schedule.FireCalculator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a submitted or updated job spec and names every field that is wrong. Pure. The size limits keep a
 * run record (which holds every shard) well under ZooKeeper's 1 MB node limit: see docs/ARCHITECTURE.md,
 * "Sizing"; the policy limits bound what one job can make the leader hold (missed fires, queued runs,
 * history). A policy field at 0 means its default ({@link JobDefaults}) and is always valid.
 */
public final class JobSpecValidator {
    public static final int MAX_NAME_LENGTH = 128;
    public static final int MAX_SHARDS = 1000;
    public static final int MAX_SHARD_PARAMETER_BYTES = 256;
    public static final int MAX_JOB_PARAMETER_BYTES = 16 * 1024;
    /** Shortest fixed-rate interval: below it, fire bookkeeping would dominate the leader's work. */
    public static final long MIN_INTERVAL_MILLIS = 100;
    /** Job and handler names: a letter or digit, then letters, digits, '.', '_' or '-'. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_NAME_LENGTH - 1) + "}");
    public static final int MAX_MISSED_FIRES = 1000;
    public static final int MAX_QUEUED_RUNS = 100;
    /** Shortest attempt timeout: shorter ones would time out on dispatch latency alone. */
    public static final long MIN_ATTEMPT_TIMEOUT_MILLIS = 100;
    public static final long MAX_ATTEMPT_TIMEOUT_MILLIS = Duration.ofDays(7).toMillis();
    public static final int MAX_RETRY_ATTEMPTS = 100;
    /** Bound of both the initial and the maximum retry backoff. */
    public static final long MAX_RETRY_BACKOFF_MILLIS = Duration.ofDays(1).toMillis();
    public static final double MIN_RETRY_MULTIPLIER = 1.0;
    public static final double MAX_RETRY_MULTIPLIER = 10.0;
    public static final int MAX_HISTORY_RUNS = 1000;

    private JobSpecValidator() {}

    /** Every problem found, each as "field: reason"; empty when the spec is valid. */
    public static List<String> problems(JobSpec spec) {
        List<String> out = new ArrayList<>();
        checkName(out, "name", spec.getName());
        checkName(out, "handler", spec.getHandler());
        int shards = spec.getShardCount();
        if (shards < 1 || shards > MAX_SHARDS) {
            out.add("shard_count: must be between 1 and " + MAX_SHARDS + ", was " + shards);
        }
        if (spec.getShardParametersCount() != 0 && spec.getShardParametersCount() != shards) {
            out.add("shard_parameters: must be empty or have exactly shard_count (" + shards + ") entries, had "
                    + spec.getShardParametersCount());
        }
        for (int i = 0; i < spec.getShardParametersCount(); i++) {
            int bytes = utf8Length(spec.getShardParameters(i));
            if (bytes > MAX_SHARD_PARAMETER_BYTES) {
                out.add("shard_parameters[" + i + "]: " + bytes + " bytes, maximum " + MAX_SHARD_PARAMETER_BYTES);
            }
        }
        int jobParam = utf8Length(spec.getJobParameter());
        if (jobParam > MAX_JOB_PARAMETER_BYTES) {
            out.add("job_parameter: " + jobParam + " bytes, maximum " + MAX_JOB_PARAMETER_BYTES);
        }
        checkSchedule(out, spec);
        checkPolicies(out, spec);
        checkRetry(out, spec.getRetry());
        checkHistory(out, spec.getHistory());
        return out;
    }

    /**
     * The problem with a job name given on its own (pause, resume, delete), as "field: reason" naming
     * {@code field}; empty when the name is valid.
     */
    public static Optional<String> nameProblem(String field, String value) {
        List<String> out = new ArrayList<>(1);
        checkName(out, field, value);
        return out.stream().findFirst();
    }

    private static void checkName(List<String> out, String field, String value) {
        if (value.isEmpty()) {
            out.add(field + ": required");
        } else if (!NAME.matcher(value).matches()) {
            out.add(field + ": '" + value + "' must match " + NAME.pattern() + " (at most " + MAX_NAME_LENGTH + " characters)");
        }
    }

    private static void checkPolicies(List<String> out, JobSpec spec) {
        if (spec.getMisfirePolicy() == MisfirePolicy.UNRECOGNIZED) {
            out.add("misfire_policy: unknown value " + spec.getMisfirePolicyValue());
        }
        checkRange(out, "max_missed_fires", spec.getMaxMissedFires(), 0, MAX_MISSED_FIRES);
        if (spec.getConcurrencyPolicy() == ConcurrencyPolicy.UNRECOGNIZED) {
            out.add("concurrency_policy: unknown value " + spec.getConcurrencyPolicyValue());
        }
        checkRange(out, "max_queued_runs", spec.getMaxQueuedRuns(), 0, MAX_QUEUED_RUNS);
        long timeout = spec.getAttemptTimeoutMillis();
        if (timeout != 0 && (timeout < MIN_ATTEMPT_TIMEOUT_MILLIS || timeout > MAX_ATTEMPT_TIMEOUT_MILLIS)) {
            out.add("attempt_timeout_millis: must be 0 (no timeout) or between " + MIN_ATTEMPT_TIMEOUT_MILLIS + " and "
                    + MAX_ATTEMPT_TIMEOUT_MILLIS + ", was " + timeout);
        }
    }

    private static void checkRetry(List<String> out, RetryPolicy retry) {
        checkRange(out, "retry.max_attempts", retry.getMaxAttempts(), 0, MAX_RETRY_ATTEMPTS);
        long initial = retry.getInitialBackoffMillis();
        long max = retry.getMaxBackoffMillis();
        checkRange(out, "retry.initial_backoff_millis", initial, 0, MAX_RETRY_BACKOFF_MILLIS);
        checkRange(out, "retry.max_backoff_millis", max, 0, MAX_RETRY_BACKOFF_MILLIS);
        if (initial > 0 && max > 0 && max < initial) {
            out.add("retry.max_backoff_millis: must not be less than initial_backoff_millis (" + initial + "), was " + max);
        }
        double multiplier = retry.getMultiplier();
        // written so that NaN fails every comparison and is refused
        if (!(multiplier == 0 || (multiplier >= MIN_RETRY_MULTIPLIER && multiplier <= MAX_RETRY_MULTIPLIER))) {
            out.add("retry.multiplier: must be 0 (default " + JobDefaults.RETRY_MULTIPLIER + ") or between "
                    + MIN_RETRY_MULTIPLIER + " and " + MAX_RETRY_MULTIPLIER + ", was " + multiplier);
        }
        double jitter = retry.getJitter();
        if (!(jitter >= 0 && jitter <= 1)) {
            out.add("retry.jitter: must be between 0 and 1, was " + jitter);
        }
    }

    private static void checkHistory(List<String> out, HistoryPolicy history) {
        checkRange(out, "history.max_runs", history.getMaxRuns(), 0, MAX_HISTORY_RUNS);
        if (history.getMaxAgeMillis() < 0) {
            out.add("history.max_age_millis: must not be negative, was " + history.getMaxAgeMillis());
        }
    }

    private static void checkRange(List<String> out, String field, long value, long min, long max) {
        if (value < min || value > max) {
            out.add(field + ": must be between " + min + " and " + max + ", was " + value);
        }
    }

    private static void checkSchedule(List<String> out, JobSpec spec) {
        switch (spec.getSchedule().getKindCase()) {
            case RUN_NOW -> { }
            case CRON -> {
                // Zone and expression are checked apart so that both are named when both are wrong.
                try {
                    FireCalculator.zone(spec.getSchedule().getCron().getTimeZone());
                } catch (IllegalArgumentException e) {
                    out.add("schedule.cron.time_zone: " + e.getMessage());
                }
                try {
                    FireCalculator.parse(spec.getSchedule().getCron().getExpression(), "");
                } catch (IllegalArgumentException e) {
                    out.add("schedule.cron.expression: " + e.getMessage());
                }
            }
            case FIXED_RATE -> {
                long interval = spec.getSchedule().getFixedRate().getIntervalMillis();
                if (interval < MIN_INTERVAL_MILLIS) {
                    out.add("schedule.fixed_rate.interval_millis: must be at least " + MIN_INTERVAL_MILLIS + ", was " + interval);
                }
                if (spec.getSchedule().getFixedRate().getAnchorMillis() < 0) {
                    out.add("schedule.fixed_rate.anchor_millis: must not be negative");
                }
            }
            case FIXED_DELAY -> {
                long delay = spec.getSchedule().getFixedDelay().getDelayMillis();
                if (delay < MIN_INTERVAL_MILLIS) {
                    out.add("schedule.fixed_delay.delay_millis: must be at least " + MIN_INTERVAL_MILLIS + ", was " + delay);
                }
            }
            case ONE_SHOT -> {
                if (spec.getSchedule().getOneShot().getAtMillis() <= 0) out.add("schedule.one_shot.at_millis: required");
            }
            default -> out.add("schedule: required (run now, cron, fixed rate, fixed delay or one-shot)");
        }
        long notBefore = spec.getSchedule().getNotBeforeMillis();
        long notAfter = spec.getSchedule().getNotAfterMillis();
        if (notBefore < 0) out.add("schedule.not_before_millis: must not be negative");
        if (notAfter < 0) out.add("schedule.not_after_millis: must not be negative");
        if (notBefore > 0 && notAfter > 0 && notAfter < notBefore) {
            out.add("schedule.not_after_millis: must not be before not_before_millis");
        }
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
