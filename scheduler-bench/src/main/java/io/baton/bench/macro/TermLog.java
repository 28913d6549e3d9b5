package io.baton.bench.macro;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a scheduler node's log for the moments of a leader change: "scheduler s2 leads with epoch 3"
 * (elected) and the coordinator's "term 3 started: 100010 jobs, ... all in 850 ms" (jobs loaded, the term
 * serves). Log lines carry the local time of day ({@code HH:mm:ss.SSS}); {@link #epochMillis} places it on
 * the date nearest a reference instant. Pure.
 */
final class TermLog {
    private static final Pattern ELECTED = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*scheduler (\\S+) leads with epoch (\\d+)");
    private static final Pattern STARTED = Pattern.compile(
            "^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*term (\\d+) started: (\\d+) jobs,.* all in (\\d+) ms");

    private TermLog() {}

    /** A node was elected leader with {@code epoch} at local time {@code at}. */
    record Elected(LocalTime at, long epoch) {}

    /** The term of {@code epoch} started at {@code at} holding {@code jobs} jobs, after loading for {@code loadMillis}. */
    record Started(LocalTime at, long epoch, long jobs, long loadMillis) {}

    /** The first election of {@code node} with an epoch above {@code afterEpoch}. */
    static Optional<Elected> elected(List<String> lines, String node, long afterEpoch) {
        for (String line : lines) {
            Matcher m = ELECTED.matcher(line);
            if (m.find() && m.group(2).equals(node) && Long.parseLong(m.group(3)) > afterEpoch) {
                return Optional.of(new Elected(LocalTime.parse(m.group(1)), Long.parseLong(m.group(3))));
            }
        }
        return Optional.empty();
    }

    /**
     * The first term start with an epoch of at least {@code epoch}: a node elected under a heavy load may fail
     * to start its term (its ZooKeeper connection lost while loading) and start the next one.
     */
    static Optional<Started> started(List<String> lines, long epoch) {
        for (String line : lines) {
            Matcher m = STARTED.matcher(line);
            if (m.find() && Long.parseLong(m.group(2)) >= epoch) {
                return Optional.of(new Started(LocalTime.parse(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4))));
            }
        }
        return Optional.empty();
    }

    /** The instant of local time {@code at} in {@code zone} on the day (yesterday, today, tomorrow) nearest {@code referenceMillis}. */
    static long epochMillis(LocalTime at, long referenceMillis, ZoneId zone) {
        LocalDate day = java.time.Instant.ofEpochMilli(referenceMillis).atZone(zone).toLocalDate();
        long best = 0;
        long bestDistance = Long.MAX_VALUE;
        for (int d = -1; d <= 1; d++) {
            long millis = LocalDateTime.of(day.plusDays(d), at).atZone(zone).toInstant().toEpochMilli();
            long distance = Math.abs(millis - referenceMillis);
            if (distance < bestDistance) {
                best = millis;
                bestDistance = distance;
            }
        }
        return best;
    }
}
