package io.baton.common.zk;

import java.util.Optional;

/**
 * Reads the job name and fire time out of a run id. Run ids are {@code {job}@{fireMillis}} for scheduled
 * fires, with a suffix such as {@code -now} or {@code -api} for runs started otherwise; job names match
 * {@code [A-Za-z0-9][A-Za-z0-9._-]*} and so never contain {@code @}. The stores use this to find a finished
 * run under {@code /history/{job}} and to order history by node name alone. Pure.
 */
public final class RunIds {
    /** At most this many digits of fire millis (always fits a long). */
    private static final int MAX_DIGITS = 18;

    /** The parts of a well-formed run id. */
    public record Parts(String jobName, long fireMillis) {}

    private RunIds() {}

    /**
     * The job name and fire time of {@code runId}, or empty if it is not a well-formed run id: a job name
     * ({@code [A-Za-z0-9][A-Za-z0-9._-]*}), {@code @}, 1 to 18 decimal digits of fire millis, then optionally
     * {@code -} and a lowercase word ({@code now}, {@code api}; other words are accepted so a future trigger kind
     * still parses). Read by hand, not by a regular expression: a prune reads every history node's name.
     */
    public static Optional<Parts> parse(String runId) {
        int at = runId.indexOf('@');
        if (at <= 0 || !isAlnum(runId.charAt(0))) return Optional.empty();
        for (int i = 1; i < at; i++) {
            char c = runId.charAt(i);
            if (!isAlnum(c) && c != '.' && c != '_' && c != '-') return Optional.empty();
        }
        int i = at + 1;
        long millis = 0;
        while (i < runId.length() && isDigit(runId.charAt(i)) && i - at <= MAX_DIGITS) {
            millis = millis * 10 + (runId.charAt(i) - '0');
            i++;
        }
        int digits = i - at - 1;
        if (digits == 0 || (i < runId.length() && isDigit(runId.charAt(i)))) return Optional.empty();
        if (i < runId.length()) {
            if (runId.charAt(i) != '-' || i + 1 == runId.length()) return Optional.empty();
            for (int j = i + 1; j < runId.length(); j++) {
                char c = runId.charAt(j);
                if (c < 'a' || c > 'z') return Optional.empty();
            }
        }
        return Optional.of(new Parts(runId.substring(0, at), millis));
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlnum(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
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
