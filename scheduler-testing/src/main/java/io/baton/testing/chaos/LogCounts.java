package io.baton.testing.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Counts the stale messages the processes rejected, from their logs (a killed process takes its
 * in-memory counters with it; its log stays): workers log each message dropped for a stale epoch, leaders
 * each report rejected for a superseded attempt.
 */
final class LogCounts {
    static final String WORKER_STALE = "dropped stale ";
    static final String LEADER_STALE = "rejected stale report ";

    private LogCounts() {}

    /** Lines containing {@code marker} in every {@code *.log} file directly in {@code dir}. */
    static long count(Path dir, String marker) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> logs = files.filter(p -> p.getFileName().toString().endsWith(".log"))
                    .filter(p -> !p.getFileName().toString().startsWith("journal-")).toList();
            long total = 0;
            for (Path log : logs) total += count(Files.readAllLines(log, StandardCharsets.ISO_8859_1), marker);
            return total;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read logs in " + dir, e);
        }
    }

    static long count(List<String> lines, String marker) {
        return lines.stream().filter(l -> l.contains(marker)).count();
    }
}
