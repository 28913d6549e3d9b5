package io.baton.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.FixedDelay;
import io.baton.proto.v1.FixedRate;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.OneShot;
import io.baton.proto.v1.RunNow;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.Schedule;
import io.baton.proto.v1.TriggerKind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NextFireTest {
    private static final long T0 = Fixtures.T0;

    private static JobRecord job(Schedule.Builder schedule, long lastFire) {
        return JobRecord.newBuilder().setSpec(JobSpec.newBuilder().setName("j").setSchedule(schedule)).setCreatedMillis(T0)
                .setLastFireMillis(lastFire).build();
    }

    @Test
    void aFixedRateJobFiresOnItsGridAfterNow() {
        JobRecord j = job(Schedule.newBuilder().setFixedRate(FixedRate.newBuilder().setIntervalMillis(10_000)), T0 + 20_000);
        assertThat(NextFire.describe(j, List.of(), Instant.ofEpochMilli(T0 + 25_000)))
                .isEqualTo(Times.instant(T0 + 30_000) + " (in 5.0s)");
        assertThat(NextFire.nextOnGrid(100, 10, 50)).isEqualTo(100);
        assertThat(NextFire.nextOnGrid(100, 10, 100)).isEqualTo(110);
    }

    @Test
    void aScheduleThatEndedOrAPausedJobHasNoNextFire() {
        JobRecord ended = job(Schedule.newBuilder().setFixedRate(FixedRate.newBuilder().setIntervalMillis(10_000)).setNotAfterMillis(T0 + 5_000), 0);
        assertThat(NextFire.describe(ended, List.of(), Instant.ofEpochMilli(T0))).startsWith("none (schedule ends at");
        JobRecord paused = ended.toBuilder().setPaused(true).build();
        assertThat(NextFire.describe(paused, List.of(), Instant.ofEpochMilli(T0))).startsWith("none while paused");
    }

    @Test
    void oneShotRunNowAndCron() {
        Instant now = Instant.ofEpochMilli(T0);
        assertThat(NextFire.describe(job(Schedule.newBuilder().setOneShot(OneShot.newBuilder().setAtMillis(T0 + 1_000)), 0), List.of(), now))
                .isEqualTo(Times.instant(T0 + 1_000) + " (in 1.0s)");
        assertThat(NextFire.describe(job(Schedule.newBuilder().setOneShot(OneShot.newBuilder().setAtMillis(T0 - 1_000)), T0 - 1_000), List.of(), now))
                .startsWith("none (one-shot fired");
        assertThat(NextFire.describe(job(Schedule.newBuilder().setOneShot(OneShot.newBuilder().setAtMillis(T0 - 1_000)), 0), List.of(), now))
                .endsWith("(due now)");
        assertThat(NextFire.describe(job(Schedule.newBuilder().setRunNow(RunNow.getDefaultInstance()), 0), List.of(), now)).startsWith("none (run-now");
        assertThat(Fixtures.cronJob().getSpec().getSchedule().hasCron()).isTrue();
        assertThat(NextFire.describe(Fixtures.cronJob(), List.of(), now)).startsWith("by cron \"0 0 3 * * ?\" in Europe/Paris");
    }

    @Test
    void aFixedDelayJobWaitsForItsActiveRunOrCountsFromTheLastEnd() {
        JobRecord j = job(Schedule.newBuilder().setFixedDelay(FixedDelay.newBuilder().setDelayMillis(60_000)), T0);
        RunRecord ended = RunRecord.newBuilder().setTrigger(TriggerKind.TRIGGER_KIND_SCHEDULE).setState(RunState.RUN_STATE_SUCCEEDED)
                .setFinishedMillis(T0 + 10_000).build();
        RunRecord active = ended.toBuilder().setState(RunState.RUN_STATE_RUNNING).setFinishedMillis(0).build();
        Instant now = Instant.ofEpochMilli(T0 + 20_000);
        assertThat(NextFire.describe(j, List.of(ended, active), now)).isEqualTo("1m00s after the active run ends");
        assertThat(NextFire.describe(j, List.of(ended), now)).isEqualTo(Times.instant(T0 + 70_000) + " (in 50.0s)");
    }
}
