package io.baton.cli.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users type them: {@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, or ISO-8601 ({@code PT1M30S}). */
public final class DurationText {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)");

    private DurationText() {}

    /** A positive duration; throws {@link IllegalArgumentException} with a one-line reason otherwise. */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Duration d;
        Matcher m = SIMPLE.matcher(t);
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            } else if (t.startsWith("pt") || t.startsWith("p")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else {
                throw new IllegalArgumentException("invalid duration '" + text + "' (expected e.g. 500ms, 10s, 5m, 1h)");
            }
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            throw new IllegalArgumentException("invalid duration '" + text + "' (expected e.g. 500ms, 10s, 5m, 1h)");
        }
        if (d.isZero() || d.isNegative()) throw new IllegalArgumentException("duration must be positive, was '" + text + "'");
        return d;
    }
}
