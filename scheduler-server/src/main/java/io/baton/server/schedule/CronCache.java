package io.baton.server.schedule;

import java.util.LinkedHashMap;
import java.util.Map;
import org.quartz.CronExpression;

/**
 * Parsed cron expressions by (expression, zone), least recently used evicted beyond a bound, so a leader
 * with many jobs parses each distinct schedule once instead of at every fire. Each entry also remembers
 * its last next-fire answer: the jobs that share a schedule fire together and then all ask for the fire
 * after the same instant, so one computation serves them all (exact: the next fire after any instant in
 * [from, next) is next). Not thread-safe: one owner (the leader's event loop).
 */
public final class CronCache implements FireCalculator.CronParser {
    private record Key(String expression, String timeZone) {}

    /** A parsed expression and its last answer: no fire lies in (from, next). */
    private static final class Entry {
        final CronExpression cron;
        long from = Long.MIN_VALUE;
        long next;

        Entry(CronExpression cron) {
            this.cron = cron;
        }
    }

    private final Map<Key, Entry> cache;

    public CronCache(int maxEntries) {
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public CronExpression parse(String expression, String timeZone) {
        return entry(expression, timeZone).cron;
    }

    @Override
    public long nextAfter(String expression, String timeZone, long fromMillis) {
        Entry e = entry(expression, timeZone);
        if (e.from != Long.MIN_VALUE && fromMillis >= e.from && (e.next < 0 || fromMillis < e.next)) return e.next;
        java.util.Date next = e.cron.getNextValidTimeAfter(new java.util.Date(fromMillis));
        e.from = fromMillis;
        e.next = next == null ? -1 : next.getTime();
        return e.next;
    }

    private Entry entry(String expression, String timeZone) {
        Key key = new Key(expression, timeZone == null ? "" : timeZone);
        Entry e = cache.get(key);
        if (e == null) {
            e = new Entry(FireCalculator.parse(expression, timeZone));
            cache.put(key, e);
        }
        return e;
    }

    public int size() {
        return cache.size();
    }
}
