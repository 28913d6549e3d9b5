package io.baton.server.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CronCacheTest {
    @Test
    void parsesEachExpressionAndZoneOnceAndEvictsBeyondItsBound() {
        CronCache cache = new CronCache(2);
        var a = cache.parse("0 * * * * ?", "");
        assertThat(cache.parse("0 * * * * ?", "")).isSameAs(a);
        assertThat(cache.parse("0 * * * * ?", "Europe/Berlin")).isNotSameAs(a);
        assertThat(cache.parse("0 * * * * ?", "Europe/Berlin").getTimeZone().getID()).isEqualTo("Europe/Berlin");
        cache.parse("30 * * * * ?", "");
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.parse("0 * * * * ?", "")).as("evicted, parsed again").isNotSameAs(a);
    }

    @Test
    void aBadExpressionIsNotCachedAndFailsAsTheCalculatorDoes() {
        CronCache cache = new CronCache(4);
        assertThatThrownBy(() -> cache.parse("not cron", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid cron expression");
        assertThat(cache.size()).isZero();
    }

    @Test
    void rememberedNextFiresAreExactlyQuartzsAnswersInAnyOrderOfQuestions() {
        CronCache cache = new CronCache(8);
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        String[][] schedules = {{"*/10 * * * * ?", "UTC"}, {"0 15 10 ? * MON-FRI", "Europe/Berlin"},
                {"0 30 2 * * ?", "Europe/Berlin"}, {"0 0 12 1 1 ? 2027", "UTC"}};
        long base = java.time.Instant.parse("2026-03-28T23:00:00Z").toEpochMilli(); // a DST change in Berlin
        long[] last = new long[schedules.length];
        for (int i = 0; i < 4_000; i++) {
            int k = random.nextInt(schedules.length);
            String[] s = schedules[k];
            // half the questions come just after the schedule's previous answer (as jobs that fired together
            // ask), the others anywhere in three days
            long from = random.nextBoolean() && last[k] > 0 ? last[k] + random.nextInt(1000)
                    : base + random.nextLong(3L * 24 * 3600 * 1000);
            java.util.Date expected = FireCalculator.parse(s[0], s[1]).getNextValidTimeAfter(new java.util.Date(from));
            long answer = cache.nextAfter(s[0], s[1], from);
            assertThat(answer).as("%s %s after %d", s[0], s[1], from).isEqualTo(expected == null ? -1 : expected.getTime());
            assertThat(cache.nextAfter(s[0], s[1], from)).isEqualTo(answer); // asked again: the remembered answer
            last[k] = answer;
        }
    }

    @Test
    void anExpressionThatNeverFiresAgainSaysSoAndKeepsSaying() {
        CronCache cache = new CronCache(2);
        long after2027 = java.time.Instant.parse("2028-01-01T00:00:00Z").toEpochMilli();

        assertThat(cache.nextAfter("0 0 12 1 1 ? 2027", "UTC", after2027)).isEqualTo(-1);
        assertThat(cache.nextAfter("0 0 12 1 1 ? 2027", "UTC", after2027 + 5_000)).isEqualTo(-1);
        assertThat(cache.nextAfter("0 0 12 1 1 ? 2027", "UTC", 0)).isEqualTo(java.time.Instant.parse("2027-01-01T12:00:00Z").toEpochMilli());
    }
}
