package io.baton.bench.macro;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.JobSpec;
import io.baton.server.job.JobSpecValidator;
import io.baton.server.schedule.FireCalculator;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

/** The quiet jobs never fire near the day they are made for; the busy ones fire every second; all are valid. */
class ScaleJobsTest {
    /** Every allowed day in every month pattern, at two times of day. */
    private static final int SCHEDULES = 24 * 13 * 2;

    @Test
    void noQuietJobFiresWithinADayOfAnyMomentOfTheDayItWasMadeFor() {
        // month and year ends, a leap day, a day of European summer time's end
        List<LocalDate> days = List.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 28), LocalDate.of(2028, 2, 29),
                LocalDate.of(2026, 3, 31), LocalDate.of(2026, 10, 25), LocalDate.of(2026, 12, 31));
        for (LocalDate today : days) {
            long start = today.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            long end = start + Duration.ofDays(1).toMillis() - 1;
            for (int s = 0; s < SCHEDULES; s++) {
                JobSpec spec = ScaleJobs.quiet(s, SCHEDULES, today);
                CronExpression cron = FireCalculator.parse(spec.getSchedule().getCron().getExpression(), spec.getSchedule().getCron().getTimeZone());
                for (long now : new long[] {start, end}) {
                    long next = cron.getNextValidTimeAfter(new java.util.Date(now)).getTime();
                    assertThat(next - now).as("%s in %s on %s", spec.getSchedule().getCron().getExpression(),
                            spec.getSchedule().getCron().getTimeZone(), today).isGreaterThan(Duration.ofDays(1).toMillis());
                }
            }
        }
    }

    @Test
    void quietJobsShareExactlyTheDistinctSchedulesAskedFor() {
        LocalDate today = LocalDate.of(2026, 11, 29);
        Set<String> schedules = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 3 * SCHEDULES; i++) {
            JobSpec spec = ScaleJobs.quiet(i, SCHEDULES, today);
            schedules.add(spec.getSchedule().getCron().getExpression() + "@" + spec.getSchedule().getCron().getTimeZone());
            names.add(spec.getName());
        }
        assertThat(schedules).hasSize(SCHEDULES);
        assertThat(names).hasSize(3 * SCHEDULES);
    }

    @Test
    void everyJobIsValidAndBusyJobsFireEverySecond() throws Exception {
        assertThat(JobSpecValidator.problems(ScaleJobs.quiet(123_456, 5_000, LocalDate.of(2026, 11, 29)))).isEmpty();
        JobSpec busy = ScaleJobs.busy(3);
        assertThat(JobSpecValidator.problems(busy)).isEmpty();
        CronExpression cron = FireCalculator.parse(busy.getSchedule().getCron().getExpression(), "UTC");
        java.util.Date t = new java.util.Date(1_800_000_000_000L);
        assertThat(cron.getNextValidTimeAfter(t).getTime() - t.getTime()).isEqualTo(1_000);
    }

    @Test
    void theDaysNearTodayAreLeftOutAcrossAMonthEnd() {
        assertThat(ScaleJobs.allowedDays(LocalDate.of(2026, 1, 31))).doesNotContain(30, 1, 2).contains(3, 28);
        assertThat(ScaleJobs.allowedDays(LocalDate.of(2026, 6, 10))).doesNotContain(9, 10, 11, 12).contains(8, 13).hasSize(24);
    }
}
