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
        return nextFireAfter(schedule, 0, after);
    }

    /**
     * The first fire strictly after {@code after} within the schedule's bounds, or empty when there is none.
     * {@code createdMillis} anchors a fixed-rate schedule without an explicit anchor (first fire one interval
     * after creation). Run-now schedules have no fires here: they are triggered at submission.
     */
    public static Optional<Instant> nextFireAfter(Schedule schedule, long createdMillis, Instant after) {
        return nextFireAfter(schedule, createdMillis, after, FireCalculator::parse);
    }

    /** Parses (or looks up) a cron expression in a zone; see {@link CronCache}. */
    @FunctionalInterface
    public interface CronParser {
        CronExpression parse(String expression, String timeZone);

        /** The first fire of the expression strictly after {@code fromMillis}; -1 when it never fires again. */
        default long nextAfter(String expression, String timeZone, long fromMillis) {
            Date next = parse(expression, timeZone).getNextValidTimeAfter(new Date(fromMillis));
            return next == null ? -1 : next.getTime();
        }
    }

    /** As {@link #nextFireAfter(Schedule, long, Instant)}, with cron expressions obtained from {@code crons}. */
    public static Optional<Instant> nextFireAfter(Schedule schedule, long createdMillis, Instant after, CronParser crons) {
        long from = schedule.getNotBeforeMillis() > 0
                ? Math.max(after.toEpochMilli(), schedule.getNotBeforeMillis() - 1) : after.toEpochMilli();
        Optional<Long> next = switch (schedule.getKindCase()) {
            case CRON -> Optional.of(crons.nextAfter(schedule.getCron().getExpression(), schedule.getCron().getTimeZone(), from))
                    .filter(t -> t >= 0);
            case FIXED_RATE -> Optional.of(nextOnGrid(schedule.getFixedRate().getAnchorMillis() > 0
                    ? schedule.getFixedRate().getAnchorMillis()
                    : createdMillis + schedule.getFixedRate().getIntervalMillis(), schedule.getFixedRate().getIntervalMillis(), from));
            // only the first fire: later ones depend on when the previous run ends (see afterRunEnded)
            case FIXED_DELAY -> Optional.of(createdMillis + schedule.getFixedDelay().getDelayMillis()).filter(t -> t > from);
            case ONE_SHOT -> schedule.getOneShot().getAtMillis() > from
                    ? Optional.of(schedule.getOneShot().getAtMillis()) : Optional.empty();
            default -> Optional.empty();
        };
        long notAfter = schedule.getNotAfterMillis();
        return next.filter(t -> notAfter <= 0 || t <= notAfter).map(Instant::ofEpochMilli);
    }

    /** The next fire of a fixed-delay schedule whose previous run ended at {@code endedMillis}, within bounds. */
    public static Optional<Instant> afterRunEnded(Schedule schedule, long endedMillis) {
        if (schedule.getKindCase() != Schedule.KindCase.FIXED_DELAY) return Optional.empty();
        long next = Math.max(endedMillis + schedule.getFixedDelay().getDelayMillis(), schedule.getNotBeforeMillis());
        long notAfter = schedule.getNotAfterMillis();
        return notAfter > 0 && next > notAfter ? Optional.empty() : Optional.of(Instant.ofEpochMilli(next));
    }

    /** The first point of {@code anchor + k * interval} (k >= 0) strictly after {@code from}. */
    static long nextOnGrid(long anchor, long interval, long from) {
        if (from < anchor) return anchor;
        long k = Math.floorDiv(from - anchor, interval) + 1;
        return anchor + k * interval;
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
