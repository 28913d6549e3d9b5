package io.baton.bench.macro;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a leader change spends its time, read from the scheduler nodes' logs: when the next node won the
 * election ({@code <node> leads, epoch N}) and when its term was loaded and started ({@code term N started}),
 * each in milliseconds after the term ended; the rest, up to the first dispatch, is connecting to the workers,
 * recovery (each worker says what it runs) and the next due fire. Evidence for the report, not a figure:
 * absent (-1) when the logs say nothing or their wording changes. Log lines carry the time of day only
 * ({@code HH:mm:ss.SSS}); the day is taken as the one nearest to the term's end. Pure.
 *
 * @param electedMillis      term ended → the next node leads; -1 when not found
 * @param termStartedMillis  term ended → its term started (jobs and runs loaded); -1 when not found
 * @param successor          the node that took over; empty when not found
 * @param successorHadLed    whether that node had led before in the same incarnation (its loading code ran
 *                           and was compiled then); a node that never led since it started is slower to take over
 */
public record TakeoverPhases(long electedMillis, long termStartedMillis, String successor, boolean successorHadLed) {
    public static final TakeoverPhases UNKNOWN = new TakeoverPhases(-1, -1, "", false);

    private static final String TIME = "^(\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) ";
    /** "(handed over)": the term was taken on the stepping-down leader's word. */
    private static final Pattern LEADS = Pattern.compile(TIME + ".* (\\S+) leads, epoch (\\d+)( \\(handed over\\))?$");
    private static final Pattern STARTED = Pattern.compile(TIME + ".* term (\\d+) started");

    /**
     * The phases of the first term after {@code epochBefore}, whose predecessor ended at {@code endedMillis};
     * {@code logs} holds the lines of each scheduler process (one list per incarnation, restarted ones too).
     */
    public static TakeoverPhases of(List<List<String>> logs, long epochBefore, long endedMillis, ZoneId zone) {
        long nextEpoch = Long.MAX_VALUE;
        long elected = -1;
        String successor = "";
        boolean hadLed = false;
        for (List<String> log : logs) {
            boolean ledBefore = false;
            for (String line : log) {
                Matcher m = LEADS.matcher(line);
                if (!m.find()) continue;
                long epoch = Long.parseLong(m.group(3));
                if (epoch > epochBefore && epoch < nextEpoch) {
                    nextEpoch = epoch;
                    elected = at(m.group(1), endedMillis, zone);
                    successor = m.group(2);
                    hadLed = ledBefore;
                }
                ledBefore = true;
            }
        }
        if (nextEpoch == Long.MAX_VALUE) return UNKNOWN;
        long started = -1;
        for (List<String> log : logs) {
            for (String line : log) {
                Matcher m = STARTED.matcher(line);
                if (m.find() && Long.parseLong(m.group(2)) == nextEpoch) started = at(m.group(1), endedMillis, zone);
            }
        }
        return new TakeoverPhases(elected - endedMillis, started < 0 ? -1 : started - endedMillis, successor, hadLed);
    }

    /** The instant of a time of day, on the day (in {@code zone}) that puts it nearest to {@code nearMillis}. */
    static long at(String timeOfDay, long nearMillis, ZoneId zone) {
        LocalTime time = LocalTime.parse(timeOfDay);
        LocalDate day = ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(nearMillis), zone).toLocalDate();
        long best = Long.MIN_VALUE;
        for (LocalDate d : List.of(day.minusDays(1), day, day.plusDays(1))) {
            long candidate = ZonedDateTime.of(d, time, zone).toInstant().toEpochMilli();
            if (best == Long.MIN_VALUE || Math.abs(candidate - nearMillis) < Math.abs(best - nearMillis)) best = candidate;
        }
        return best;
    }

    /** The median of the known values of {@code phase} (-1 when none is known). */
    static long median(List<TakeoverPhases> phases, java.util.function.ToLongFunction<TakeoverPhases> phase) {
        long[] known = phases.stream().mapToLong(phase).filter(v -> v >= 0).toArray();
        return known.length == 0 ? -1 : MacroFigures.percentile(known, 50);
    }
}
