package io.baton.bench.peer.quartz;

import java.time.Instant;

/**
 * One job execution as a Quartz instance journals it: the trigger (group and name), the fire time the
 * trigger was scheduled for (epoch milliseconds, as Quartz stores it) and when the job started and ended
 * (epoch microseconds). One line of text each, words separated by single spaces. Pure.
 */
record ExecutionRecord(String group, String trigger, long scheduledMillis, long startMicros, long endMicros) {
    ExecutionRecord {
        if (group.isEmpty() || trigger.isEmpty() || (group + trigger).chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("trigger group and name must be non-empty words: '" + group + "' '" + trigger + "'");
        }
    }

    /** Start minus scheduled fire time, in microseconds (negative when Quartz fired early). */
    long delayMicros() {
        return startMicros - scheduledMillis * 1_000;
    }

    String line() {
        return group + ' ' + trigger + ' ' + scheduledMillis + ' ' + startMicros + ' ' + endMicros;
    }

    static ExecutionRecord parse(String line) {
        String[] f = line.split(" ");
        if (f.length != 5) throw new IllegalArgumentException("not a journal line: '" + line + "'");
        try {
            return new ExecutionRecord(f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a journal line: '" + line + "'", e);
        }
    }

    /** Epoch microseconds of an instant (the resolution the journals use). */
    static long micros(Instant t) {
        return java.time.temporal.ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }
}
