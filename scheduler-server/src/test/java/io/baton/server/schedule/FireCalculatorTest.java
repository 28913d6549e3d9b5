package io.baton.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.proto.v1.CronSchedule;
import io.baton.proto.v1.RunNow;
import io.baton.proto.v1.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FireCalculatorTest {

    private static Schedule cron(String expression, String zone) {
        return Schedule.newBuilder()
                .setCron(CronSchedule.newBuilder().setExpression(expression).setTimeZone(zone))
                .build();
    }

    @Test
    void nextFireOfDailyCronInUtc() {
        Schedule noon = cron("0 0 12 * * ?", "");
        assertThat(FireCalculator.nextFireAfter(noon, Instant.parse("2025-03-01T10:15:00Z")))
                .contains(Instant.parse("2025-03-01T12:00:00Z"));
        assertThat(FireCalculator.nextFireAfter(noon, Instant.parse("2025-03-01T12:00:01Z")))
                .contains(Instant.parse("2025-03-02T12:00:00Z"));
    }

    @Test
    void nextFireIsStrictlyAfterTheGivenInstant() {
        Schedule everyTenSeconds = cron("*/10 * * * * ?", "UTC");
        assertThat(FireCalculator.nextFireAfter(everyTenSeconds, Instant.parse("2025-03-01T00:00:10Z")))
                .contains(Instant.parse("2025-03-01T00:00:20Z"));
        assertThat(FireCalculator.nextFireAfter(everyTenSeconds, Instant.parse("2025-03-01T00:00:09.999Z")))
                .contains(Instant.parse("2025-03-01T00:00:10Z"));
    }

    @Test
    void nextFireInAnotherZoneFollowsItsLocalTimeAcrossDaylightSaving() {
        Schedule nineInNewYork = cron("0 0 9 * * ?", "America/New_York");
        // winter: EST is UTC-5
        assertThat(FireCalculator.nextFireAfter(nineInNewYork, Instant.parse("2025-01-15T00:00:00Z")))
                .contains(Instant.parse("2025-01-15T14:00:00Z"));
        // summer: EDT is UTC-4
        assertThat(FireCalculator.nextFireAfter(nineInNewYork, Instant.parse("2025-07-15T00:00:00Z")))
                .contains(Instant.parse("2025-07-15T13:00:00Z"));
    }

    @Test
    void zoneChangesTheInstantOfTheSameExpression() {
        Instant after = Instant.parse("2025-06-01T00:00:00Z");
        Instant utc = FireCalculator.nextFireAfter(cron("0 30 6 * * ?", ""), after).orElseThrow();
        Instant tokyo = FireCalculator.nextFireAfter(cron("0 30 6 * * ?", "Asia/Tokyo"), after).orElseThrow();
        assertThat(utc).isEqualTo(Instant.parse("2025-06-01T06:30:00Z"));
        assertThat(tokyo).isEqualTo(Instant.parse("2025-06-01T21:30:00Z"));
    }

    @Test
    void runNowAndMissingScheduleHaveNoNextFire() {
        Schedule runNow = Schedule.newBuilder().setRunNow(RunNow.getDefaultInstance()).build();
        assertThat(FireCalculator.nextFireAfter(runNow, Instant.EPOCH)).isEmpty();
        assertThat(FireCalculator.nextFireAfter(Schedule.getDefaultInstance(), Instant.EPOCH)).isEmpty();
    }

    @Test
    void cronWhoseLastFireIsPastHasNoNextFire() {
        assertThat(FireCalculator.nextFireAfter(cron("0 0 0 1 1 ? 2001", ""), Instant.parse("2025-01-01T00:00:00Z")))
                .isEmpty();
    }

    @Test
    void invalidCronErrorNamesTheExpressionAndTheProblem() {
        assertThatThrownBy(() -> FireCalculator.parse("every monday", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid cron expression 'every monday'")
                .hasMessageContaining(": ");
        assertThatThrownBy(() -> FireCalculator.nextFireAfter(cron("0 0 12 * * *", ""), Instant.EPOCH))
                .as("day-of-month and day-of-week both given")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'0 0 12 * * *'");
    }

    @Test
    void unknownZoneErrorNamesTheZone() {
        assertThatThrownBy(() -> FireCalculator.zone("Mars/Olympus_Mons"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown time zone 'Mars/Olympus_Mons'");
        assertThatThrownBy(() -> FireCalculator.parse("0 0 12 * * ?", "Nowhere"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Nowhere'");
    }

    @Test
    void emptyZoneMeansUtc() {
        assertThat(FireCalculator.zone("")).isEqualTo(ZoneOffset.UTC);
        assertThat(FireCalculator.zone(null)).isEqualTo(ZoneOffset.UTC);
        assertThat(FireCalculator.zone("Europe/Paris")).isEqualTo(ZoneId.of("Europe/Paris"));
    }
}
