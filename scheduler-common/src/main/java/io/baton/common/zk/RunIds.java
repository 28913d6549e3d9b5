package io.baton.common.zk;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the job name and fire time out of a run id. Run ids are {@code {job}@{fireMillis}} for scheduled
 * fires, with a suffix such as {@code -now} or {@code -api} for runs started otherwise; job names match
 * {@code [A-Za-z0-9][A-Za-z0-9._-]*} and so never contain {@code @}. The stores use this to find a finished
 * run under {@code /history/{job}} and to order history by node name alone. Pure.
 */
public final class RunIds {
    /**
     * Job name, {@code @}, decimal fire millis, then optionally {@code -} and a lowercase word ({@code now},
     * {@code api}; other words are accepted so a future trigger kind still parses).
     */
    private static final Pattern RUN_ID = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*)@([0-9]{1,18})(?:-[a-z]+)?");

    /** The parts of a well-formed run id. */
    public record Parts(String jobName, long fireMillis) {}

    private RunIds() {}

    /** The job name and fire time of {@code runId}, or empty if it is not a well-formed run id. */
    public static Optional<Parts> parse(String runId) {
        Matcher m = RUN_ID.matcher(runId);
        if (!m.matches()) return Optional.empty();
        return Optional.of(new Parts(m.group(1), Long.parseLong(m.group(2))));
    }

    /** The job name of {@code runId}; {@link IllegalArgumentException} if it is not a well-formed run id. */
    public static String jobName(String runId) {
        return parseOrThrow(runId).jobName();
    }

    /** The fire time of {@code runId}; {@link IllegalArgumentException} if it is not a well-formed run id. */
    public static long fireMillis(String runId) {
        return parseOrThrow(runId).fireMillis();
    }

    private static Parts parseOrThrow(String runId) {
        return parse(runId).orElseThrow(() -> new IllegalArgumentException("not a run id: '" + runId + "'"));
    }
}
