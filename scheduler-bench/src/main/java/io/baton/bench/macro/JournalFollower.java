package io.baton.bench.macro;

import io.baton.testing.journal.JournalEntry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Follows the workers' execution journals as they grow, parsing each complete line once, so a scenario can
 * look at the journals many times a second without re-reading files that grow for minutes (and without
 * taking the CPU from the cluster it measures). A line still being written is left for the next read.
 * Used from one thread.
 */
final class JournalFollower {
    private final Supplier<List<Path>> journals;
    private final Map<Path, Long> offsets = new HashMap<>();
    private final List<JournalEntry> entries = new ArrayList<>();
    private int skipped;

    /** {@code journals} is asked on every read: workers started later add journals. */
    JournalFollower(Supplier<List<Path>> journals) {
        this.journals = journals;
    }

    /** Every entry read so far, after reading what was appended since the last call; starts from {@code fromMillis} on. */
    List<JournalEntry> since(long fromMillis) {
        for (Path file : journals.get()) readNew(file);
        return entries.stream().filter(e -> e.startMillis() >= fromMillis).toList();
    }

    private void readNew(Path file) {
        if (!Files.exists(file)) return;
        long offset = offsets.getOrDefault(file, 0L);
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= offset) return;
            byte[] bytes = new byte[Math.toIntExact(length - offset)];
            in.seek(offset);
            in.readFully(bytes);
            int end = lastNewline(bytes);
            if (end < 0) return;
            for (String line : new String(bytes, 0, end, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) parse(line);
            }
            offsets.put(file, offset + end + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal " + file, e);
        }
    }

    /** A line torn by a kill (each is one append, so this should not happen) is skipped, not fatal. */
    private void parse(String line) {
        try {
            entries.add(JournalEntry.parse(line));
        } catch (IllegalArgumentException torn) {
            skipped++;
        }
    }

    /** Lines that were not journal lines. */
    int skipped() {
        return skipped;
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) if (bytes[i] == '\n') return i;
        return -1;
    }
}
