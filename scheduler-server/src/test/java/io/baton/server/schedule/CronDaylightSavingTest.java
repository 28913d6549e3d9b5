package io.baton.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.CronSchedule;
import io.baton.proto.v1.Schedule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cron across daylight-saving changes in two hemispheres. Documented behaviour (Quartz's): a local time
 * that does not exist on a spring-forward day is skipped that day; a local time that occurs twice on a
 * fall-back day fires once; every other day fires once at that local time.
 */
class CronDaylightSavingTest {
    private static List<Instant> fires(String zone, String from, int count) {
        Schedule s = Schedule.newBuilder().setCron(CronSchedule.newBuilder().setExpression("0 30 2 * * ?").setTimeZone(zone)).build();
        List<Instant> out = new ArrayList<>();
        Instant t = Instant.parse(from);
        for (int i = 0; i < count; i++) {
            t = FireCalculator.nextFireAfter(s, t).orElseThrow();
            out.add(t);
        }
        return out;
    }

    private static List<LocalDate> days(List<Instant> fires, String zone) {
        return fires.stream().map(f -> f.atZone(ZoneId.of(zone)).toLocalDate()).toList();
    }

    private static void assertAllAtLocal0230(List<Instant> fires, String zone) {
        assertThat(fires).allSatisfy(f -> assertThat(f.atZone(ZoneId.of(zone)).toLocalTime()).isEqualTo(LocalTime.of(2, 30)));
    }

    @Test
    void springForwardSkipsTheMissingLocalTimeInBerlin() {
        List<Instant> fires = fires("Europe/Berlin", "2026-03-27T00:00:00Z", 4);
        assertThat(days(fires, "Europe/Berlin")).containsExactly(
                LocalDate.of(2026, 3, 27), LocalDate.of(2026, 3, 28), LocalDate.of(2026, 3, 30), LocalDate.of(2026, 3, 31));
        assertAllAtLocal0230(fires, "Europe/Berlin");
        assertThat(fires.get(0).plusSeconds(86_400)).isEqualTo(fires.get(1)); // CET day
        assertThat(fires.get(2).plusSeconds(86_400)).isEqualTo(fires.get(3)); // CEST day
    }

    @Test
    void fallBackFiresTheRepeatedLocalTimeOnceInBerlin() {
        List<Instant> fires = fires("Europe/Berlin", "2026-10-24T00:00:00Z", 3);
        assertThat(days(fires, "Europe/Berlin")).containsExactly(
                LocalDate.of(2026, 10, 24), LocalDate.of(2026, 10, 25), LocalDate.of(2026, 10, 26));
        assertAllAtLocal0230(fires, "Europe/Berlin");
    }

    @Test
    void southernHemisphereChangesWorkTheSameWayInSydney() {
        List<Instant> autumn = fires("Australia/Sydney", "2026-04-03T00:00:00Z", 3);
        assertThat(days(autumn, "Australia/Sydney")).containsExactly(
                LocalDate.of(2026, 4, 4), LocalDate.of(2026, 4, 5), LocalDate.of(2026, 4, 6));
        assertAllAtLocal0230(autumn, "Australia/Sydney");

        List<Instant> spring = fires("Australia/Sydney", "2026-10-02T00:00:00Z", 3);
        assertThat(days(spring, "Australia/Sydney")).containsExactly(
                LocalDate.of(2026, 10, 3), LocalDate.of(2026, 10, 5), LocalDate.of(2026, 10, 6));
        assertAllAtLocal0230(spring, "Australia/Sydney");
    }
}
