package io.baton.cli.render;

import io.baton.proto.v1.Schedule;

/** A schedule in words, e.g. {@code cron "0 0 3 * * ?" in Europe/Paris} or {@code every 5.0s}. */
public final class Schedules {
    private Schedules() {}

    public static String describe(Schedule s) {
        String kind = switch (s.getKindCase()) {
            case RUN_NOW -> "run now";
            case CRON -> "cron \"" + s.getCron().getExpression() + "\" in "
                    + (s.getCron().getTimeZone().isEmpty() ? "UTC" : s.getCron().getTimeZone());
            case FIXED_RATE -> "every " + Times.duration(s.getFixedRate().getIntervalMillis())
                    + (s.getFixedRate().getAnchorMillis() > 0 ? " from " + Times.instant(s.getFixedRate().getAnchorMillis()) : "");
            case FIXED_DELAY -> Times.duration(s.getFixedDelay().getDelayMillis()) + " after each run";
            case ONE_SHOT -> "once at " + Times.instant(s.getOneShot().getAtMillis());
            case KIND_NOT_SET -> "none";
        };
        if (s.getNotBeforeMillis() > 0) kind += ", not before " + Times.instant(s.getNotBeforeMillis());
        if (s.getNotAfterMillis() > 0) kind += ", not after " + Times.instant(s.getNotAfterMillis());
        return kind;
    }
}
