package io.baton.server.schedule;

import java.util.LinkedHashMap;
import java.util.Map;
import org.quartz.CronExpression;

/**
 * Parsed cron expressions by (expression, zone), least recently used evicted beyond a bound, so a leader
 * with many jobs parses each distinct schedule once instead of at every fire. Not thread-safe: one owner
 * (the leader's event loop). Entries are never mutated after parsing.
 */
public final class CronCache implements FireCalculator.CronParser {
    private record Key(String expression, String timeZone) {}

    private final Map<Key, CronExpression> cache;

    public CronCache(int maxEntries) {
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, CronExpression> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public CronExpression parse(String expression, String timeZone) {
        Key key = new Key(expression, timeZone == null ? "" : timeZone);
        CronExpression cron = cache.get(key);
        if (cron == null) {
            cron = FireCalculator.parse(expression, timeZone);
            cache.put(key, cron);
        }
        return cron;
    }

    public int size() {
        return cache.size();
    }
}
