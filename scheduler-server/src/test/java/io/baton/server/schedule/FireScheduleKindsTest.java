package io.baton.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.CronSchedule;
import io.baton.proto.v1.FixedRate;
import io.baton.proto.v1.OneShot;
import io.baton.proto.v1.Schedule;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Fixed-rate and one-shot schedules, and the not-before / not-after bounds every schedule kind obeys. */
class FireScheduleKindsTest {
    private static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    private static final long SECOND = 1_000;

    private static Schedule.Builder rate(long interval, long anchor) {
        return Schedule.newBuilder().setFixedRate(FixedRate.newBuilder().setIntervalMillis(interval).setAnchorMillis(anchor));
    }

    private static Optional<Long> next(Schedule.Builder s, long created, long after) {
        return FireCalculator.nextFireAfter(s.build(), created, Instant.ofEpochMilli(after)).map(Instant::toEpochMilli);
    }

    @Test
    void fixedRateWithoutAnchorFiresOneIntervalAfterCreationThenEveryInterval() {
        assertThat(next(rate(10 * SECOND, 0), T0, T0)).contains(T0 + 10 * SECOND);
        assertThat(next(rate(10 * SECOND, 0), T0, T0 + 10 * SECOND)).contains(T0 + 20 * SECOND);
        assertThat(next(rate(10 * SECOND, 0), T0, T0 + 25 * SECOND)).contains(T0 + 30 * SECOND);
    }

    @Test
    void fixedRateWithAnAnchorStaysOnItsGridAfterAGap() {
        long anchor = T0 + 3 * SECOND;
        assertThat(next(rate(5 * SECOND, anchor), T0, T0)).contains(anchor);
        assertThat(next(rate(5 * SECOND, anchor), T0, anchor)).contains(anchor + 5 * SECOND);
        assertThat(next(rate(5 * SECOND, anchor), T0, anchor + 3_600 * SECOND + 1)).contains(anchor + 3_605 * SECOND);
    }

    @Test
    void oneShotFiresOnceAtItsInstant() {
        Schedule.Builder once = Schedule.newBuilder().setOneShot(OneShot.newBuilder().setAtMillis(T0 + 42));
        assertThat(next(once, T0, T0)).contains(T0 + 42);
        assertThat(next(once, T0, T0 + 42)).isEmpty();
    }

    @Test
    void boundsHoldForEveryKind() {
        long notBefore = T0 + 60 * SECOND;
        long notAfter = T0 + 120 * SECOND;
        Schedule.Builder everySecond = Schedule.newBuilder().setCron(CronSchedule.newBuilder().setExpression("* * * * * ?"))
                .setNotBeforeMillis(notBefore).setNotAfterMillis(notAfter);
        assertThat(next(everySecond, T0, T0)).contains(notBefore);
        assertThat(next(everySecond, T0, notAfter - SECOND)).contains(notAfter);
        assertThat(next(everySecond, T0, notAfter)).isEmpty();

        assertThat(next(rate(7 * SECOND, T0).setNotBeforeMillis(notBefore), T0, T0)).contains(T0 + 63 * SECOND);
        assertThat(next(rate(7 * SECOND, T0).setNotAfterMillis(notAfter), T0, notAfter)).isEmpty();
        Schedule.Builder lateShot = Schedule.newBuilder().setOneShot(OneShot.newBuilder().setAtMillis(notAfter + 1))
                .setNotAfterMillis(notAfter);
        assertThat(next(lateShot, T0, T0)).isEmpty();
    }

    @Test
    void runNowHasNoScheduledFires() {
        assertThat(next(Schedule.newBuilder().setRunNow(io.baton.proto.v1.RunNow.getDefaultInstance()), T0, T0)).isEmpty();
    }
}
