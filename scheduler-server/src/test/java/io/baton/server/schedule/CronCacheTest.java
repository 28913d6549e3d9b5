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
}
