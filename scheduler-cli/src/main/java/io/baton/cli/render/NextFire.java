package io.baton.cli.render;

import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.Schedule;
import io.baton.proto.v1.TriggerKind;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * When a job's schedule fires next, in words, for {@code job describe}. Pure: the caller passes the current
 * instant and the job's runs. Cron expressions are evaluated by the leader (Quartz), not here: for a cron
 * job this says which expression decides.
 */
public final class NextFire {
    private NextFire() {}

    public static String describe(JobRecord job, List<RunRecord> runs, Instant now) {
        Schedule s = job.getSpec().getSchedule();
        if (job.getPaused()) return "none while paused (job resume schedules it again)";
        OptionalLong next;
        switch (s.getKindCase()) {
            case RUN_NOW: return "none (run-now job: it ran when it was created; job trigger starts more runs)";
            case KIND_NOT_SET: return "none (no schedule)";
            case CRON: return "by cron \"" + s.getCron().getExpression() + "\" in "
                    + (s.getCron().getTimeZone().isEmpty() ? "UTC" : s.getCron().getTimeZone())
                    + (job.getLastFireMillis() > 0 ? ", after " + Times.instant(job.getLastFireMillis()) : "");
            case ONE_SHOT:
                long at = s.getOneShot().getAtMillis();
                if (job.getLastFireMillis() >= at) return "none (one-shot fired at " + Times.instant(job.getLastFireMillis()) + ")";
                next = OptionalLong.of(at);
                break;
            case FIXED_RATE:
                long interval = s.getFixedRate().getIntervalMillis();
                long anchor = s.getFixedRate().getAnchorMillis() > 0 ? s.getFixedRate().getAnchorMillis() : job.getCreatedMillis() + interval;
                long from = Math.max(Math.max(now.toEpochMilli(), job.getLastFireMillis()), s.getNotBeforeMillis() - 1);
                next = interval > 0 ? OptionalLong.of(nextOnGrid(anchor, interval, from)) : OptionalLong.empty();
                break;
            case FIXED_DELAY:
                long delay = s.getFixedDelay().getDelayMillis();
                if (runs.stream().anyMatch(r -> r.getTrigger() == TriggerKind.TRIGGER_KIND_SCHEDULE && active(r))) {
                    return Times.duration(delay) + " after the active run ends";
                }
                Optional<RunRecord> last = runs.stream().filter(r -> r.getTrigger() == TriggerKind.TRIGGER_KIND_SCHEDULE && !active(r))
                        .max(Comparator.comparingLong(RunRecord::getFinishedMillis));
                next = OptionalLong.of(last.map(r -> r.getFinishedMillis() + delay).orElse(job.getCreatedMillis() + delay));
                break;
            default: return "unknown";
        }
        if (next.isEmpty()) return "none";
        long t = Math.max(next.getAsLong(), s.getNotBeforeMillis());
        if (s.getNotAfterMillis() > 0 && t > s.getNotAfterMillis()) {
            return "none (schedule ends at " + Times.instant(s.getNotAfterMillis()) + ")";
        }
        long in = t - now.toEpochMilli();
        return Times.instant(t) + (in > 0 ? " (in " + Times.duration(in) + ")" : " (due now)");
    }

    static boolean active(RunRecord r) {
        return r.getState() == RunState.RUN_STATE_RUNNING || r.getState() == RunState.RUN_STATE_QUEUED;
    }

    /** The first point of {@code anchor + k * interval} (k >= 0) strictly after {@code from}. */
    static long nextOnGrid(long anchor, long interval, long from) {
        if (from < anchor) return anchor;
        return anchor + (Math.floorDiv(from - anchor, interval) + 1) * interval;
    }
}
