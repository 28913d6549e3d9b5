package io.baton.server.job;

import io.baton.proto.v1.JobSpec;
import io.baton.server.schedule.FireCalculator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a submitted job spec and names every field that is wrong. Pure. The limits keep a run record
 * (which holds every shard) well under ZooKeeper's 1 MB node limit: see docs/ARCHITECTURE.md, "Sizing".
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
        return out;
    }

    private static void checkName(List<String> out, String field, String value) {
        if (value.isEmpty()) {
            out.add(field + ": required");
        } else if (!NAME.matcher(value).matches()) {
            out.add(field + ": '" + value + "' must match " + NAME.pattern() + " (at most " + MAX_NAME_LENGTH + " characters)");
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
