package io.baton.client;

import io.baton.proto.v1.CronSchedule;
import io.baton.proto.v1.FixedDelay;
import io.baton.proto.v1.FixedRate;
import io.baton.proto.v1.OneShot;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.RunNow;
import io.baton.proto.v1.Schedule;

/** Starting points for job specs; returns builders so callers can add parameters. */
public final class JobSpecs {
    private JobSpecs() {}

    /** A job that runs once as soon as it is stored. */
    public static JobSpec.Builder runNow(String name, String handler, int shards) {
        return JobSpec.newBuilder().setName(name).setHandler(handler).setShardCount(shards)
                .setSchedule(Schedule.newBuilder().setRunNow(RunNow.getDefaultInstance()));
    }

    /** A job fired by a Quartz cron expression (seconds field first) in a time zone ("" = UTC). */
    public static JobSpec.Builder cron(String name, String handler, int shards, String expression, String timeZone) {
        return JobSpec.newBuilder().setName(name).setHandler(handler).setShardCount(shards)
                .setSchedule(Schedule.newBuilder().setCron(CronSchedule.newBuilder().setExpression(expression).setTimeZone(timeZone)));
    }

    /** A job fired every {@code intervalMillis}, first one interval after it is stored. */
    public static JobSpec.Builder fixedRate(String name, String handler, int shards, long intervalMillis) {
        return JobSpec.newBuilder().setName(name).setHandler(handler).setShardCount(shards)
                .setSchedule(Schedule.newBuilder().setFixedRate(FixedRate.newBuilder().setIntervalMillis(intervalMillis)));
    }

    /** A job fired {@code delayMillis} after its previous scheduled run ended (first: one delay after it is stored). */
    public static JobSpec.Builder fixedDelay(String name, String handler, int shards, long delayMillis) {
        return JobSpec.newBuilder().setName(name).setHandler(handler).setShardCount(shards)
                .setSchedule(Schedule.newBuilder().setFixedDelay(FixedDelay.newBuilder().setDelayMillis(delayMillis)));
    }

    /** A job fired once at {@code atMillis} (at once if that instant has passed). */
    public static JobSpec.Builder oneShot(String name, String handler, int shards, long atMillis) {
        return JobSpec.newBuilder().setName(name).setHandler(handler).setShardCount(shards)
                .setSchedule(Schedule.newBuilder().setOneShot(OneShot.newBuilder().setAtMillis(atMillis)));
    }
}
