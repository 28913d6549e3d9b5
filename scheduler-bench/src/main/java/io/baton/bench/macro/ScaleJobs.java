package io.baton.bench.macro;

import io.baton.client.JobSpecs;
import io.baton.proto.v1.JobSpec;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The jobs of the scale scenario. Pure. Most are <em>quiet</em>: monthly or yearly cron jobs at spread
 * times in a few time zones, none of which fires within a day of the measurement, so the leader holds
 * them all without running them. They share {@code distinctSchedules} (expression, zone) pairs, as jobs
 * of a real installation share a modest number of schedules. A few are <em>busy</em>: every second, so
 * the leader has something to dispatch, and a new leader's first dispatch can be seen in the journals.
 */
final class ScaleJobs {
    static final String HANDLER = "demo.echo";
    static final String BUSY_PREFIX = "scale-busy-";
    static final String QUIET_PREFIX = "scale-job-";
    /** Offsets from UTC between -5 and +11 hours: a local date is at most a day away from the UTC date. */
    static final List<String> ZONES = List.of("UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo", "Australia/Sydney");
    private static final String[] MONTHS = {"*", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"};

    private ScaleJobs() {}

    /** Quiet job {@code i} (0-based), with one of {@code distinctSchedules} schedules chosen around {@code todayUtc}. */
    static JobSpec quiet(int i, int distinctSchedules, LocalDate todayUtc) {
        int s = i % distinctSchedules;
        return JobSpecs.cron(String.format("%s%07d", QUIET_PREFIX, i), HANDLER, 1, expression(s, todayUtc), ZONES.get(s % ZONES.size()))
                .build();
    }

    /** Busy job {@code k}: one shard every second, UTC. */
    static JobSpec busy(int k) {
        return JobSpecs.cron(BUSY_PREFIX + k, HANDLER, 1, "* * * * * ?", "UTC").build();
    }

    /**
     * Schedule {@code s}: second 0, a day of the month at least two days away from {@code todayUtc} (before
     * or after, cyclically), monthly or in one month of the year, a minute and hour spread over the day;
     * distinct for the first 24 × 13 × 1,440 values of {@code s}.
     * Excluded are yesterday, today, tomorrow and the day after (UTC): in a zone up to 14 hours away, a fire
     * on one of them could fall within the next day and a half.
     */
    static String expression(int s, LocalDate todayUtc) {
        List<Integer> days = allowedDays(todayUtc);
        int n = days.size();
        int day = days.get(s % n);
        String month = MONTHS[(s / n) % MONTHS.length];
        int minute = (s / (n * MONTHS.length)) % 60;
        int hour = (s / (n * MONTHS.length * 60)) % 24;
        return "0 " + minute + " " + hour + " " + day + " " + month + " ?";
    }

    /** Days of month 1-28 (valid in every month) other than the days from yesterday to the day after tomorrow. */
    static List<Integer> allowedDays(LocalDate todayUtc) {
        List<Integer> excluded = new ArrayList<>();
        for (int d = -1; d <= 2; d++) excluded.add(todayUtc.plusDays(d).getDayOfMonth());
        List<Integer> days = new ArrayList<>();
        for (int d = 1; d <= 28; d++) if (!excluded.contains(d)) days.add(d);
        return days;
    }
}
