package io.baton.server.schedule;

import io.baton.proto.v1.Schedule;
import java.text.ParseException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * Next fire times of a job's schedule. Pure (no clock): the caller passes the instant to search after.
 * Cron uses Quartz's {@link CronExpression} (seconds field included) in the job's time zone (UTC default).
 */
public final class FireCalculator {

    private FireCalculator() {}

    /** The first fire strictly after {@code after}, or empty when the schedule has no more fires. */
    public static Optional<Instant> nextFireAfter(Schedule schedule, Instant after) {
        if (schedule.getKindCase() != Schedule.KindCase.CRON) return Optional.empty();
        CronExpression cron = parse(schedule.getCron().getExpression(), schedule.getCron().getTimeZone());
        Date next = cron.getNextValidTimeAfter(Date.from(after));
        return Optional.ofNullable(next).map(Date::toInstant);
    }

    /** Parses a cron expression in a zone; throws {@link IllegalArgumentException} naming the problem. */
    public static CronExpression parse(String expression, String timeZone) {
        try {
            CronExpression cron = new CronExpression(expression);
            cron.setTimeZone(TimeZone.getTimeZone(zone(timeZone)));
            return cron;
        } catch (ParseException e) {
            throw new IllegalArgumentException("invalid cron expression '" + expression + "': " + e.getMessage(), e);
        }
    }

    /** The zone of a job; empty means UTC. Throws {@link IllegalArgumentException} for an unknown zone id. */
    public static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isEmpty()) return ZoneOffset.UTC;
        try {
            return ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + timeZone + "'", e);
        }
    }
}
