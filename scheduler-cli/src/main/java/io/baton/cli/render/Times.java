package io.baton.cli.render;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How tables show instants and durations: instants as ISO-8601 in UTC with milliseconds
 * ({@code 2024-05-01T03:00:00.000Z}), durations as {@code 850ms}, {@code 12.3s}, {@code 5m03s},
 * {@code 2h05m} or {@code 7d00h}. 0 (unset) shows as {@code -}.
 */
public final class Times {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Times() {}

    /** Milliseconds since the epoch as ISO-8601 UTC; {@code -} for 0 or less (unset). */
    public static String instant(long epochMillis) {
        return epochMillis <= 0 ? "-" : ISO.format(Instant.ofEpochMilli(epochMillis));
    }

    /** A duration in milliseconds; {@code -} when negative. */
    public static String duration(long millis) {
        if (millis < 0) return "-";
        if (millis < 1_000) return millis + "ms";
        if (millis < 60_000) return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        long seconds = millis / 1000;
        if (seconds < 3600) return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        if (seconds < 86_400) return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
        return String.format(Locale.ROOT, "%dd%02dh", seconds / 86_400, (seconds % 86_400) / 3600);
    }

    /** The time between two instants; {@code -} when either is unset or they are out of order. */
    public static String between(long startMillis, long endMillis) {
        if (startMillis <= 0 || endMillis <= 0 || endMillis < startMillis) return "-";
        return duration(endMillis - startMillis);
    }
}
