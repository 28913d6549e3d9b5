package io.baton.testing.journal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One line of a worker's execution journal ({@code --journal FILE}), written by the worker independently of
 * what the cluster stored: a handler execution starting ({@code end=0 outcome=STARTED}) or ended, e.g.
 * {@code worker=w1 job=j run=j@1 fire=1 shard=3 attempt=1 epoch=2 start=1700000000000 end=1700000001500 outcome=SUCCEEDED}.
 * Start lines also carry {@code startUs}, the start in microseconds ({@link #startMicros}; for older lines and
 * end lines, {@code start} × 1000).
 */
public record JournalEntry(String worker, String job, String run, long fireMillis, int shard, int attempt, long epoch,
                           long startMillis, long endMillis, String outcome, long startMicros) {
    public static final String STARTED = "STARTED";

    /** An entry whose start is known to the millisecond only. */
    public JournalEntry(String worker, String job, String run, long fireMillis, int shard, int attempt, long epoch,
                        long startMillis, long endMillis, String outcome) {
        this(worker, job, run, fireMillis, shard, attempt, epoch, startMillis, endMillis, outcome, startMillis * 1000);
    }

    public static JournalEntry parse(String line) {
        Map<String, String> f = new HashMap<>();
        for (String word : words(line)) {
            int eq = word.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("not a journal line: " + line);
            f.put(word.substring(0, eq), word.substring(eq + 1));
        }
        try {
            return new JournalEntry(required(f, "worker", line), required(f, "job", line), required(f, "run", line),
                    Long.parseLong(required(f, "fire", line)), Integer.parseInt(required(f, "shard", line)), Integer.parseInt(required(f, "attempt", line)),
                    Long.parseLong(required(f, "epoch", line)), Long.parseLong(required(f, "start", line)),
                    Long.parseLong(required(f, "end", line)), required(f, "outcome", line),
                    f.containsKey("startUs") ? Long.parseLong(f.get("startUs")) : Long.parseLong(required(f, "start", line)) * 1000);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in journal line: " + line, e);
        }
    }

    /** The space- or tab-separated words of a line (no regular expression: harnesses parse millions of lines). */
    private static List<String> words(String line) {
        List<String> out = new ArrayList<>(12);
        int start = -1;
        for (int i = 0; i <= line.length(); i++) {
            boolean blank = i == line.length() || Character.isWhitespace(line.charAt(i));
            if (blank && start >= 0) {
                out.add(line.substring(start, i));
                start = -1;
            } else if (!blank && start < 0) {
                start = i;
            }
        }
        return out;
    }

    private static String required(Map<String, String> fields, String key, String line) {
        String value = fields.get(key);
        if (value == null) throw new IllegalArgumentException("journal line without " + key + ": " + line);
        return value;
    }

    /**
     * Every entry of the given journals; files that do not exist count as empty (a worker that never ran a
     * shard). A torn last line, left by a worker killed mid-write, is skipped: it was never complete.
     */
    public static List<JournalEntry> readAll(List<Path> journals) {
        return read(journals, e -> true);
    }

    /**
     * The entries of the given journals that {@code keep} accepts, as {@link #readAll} reads them but streamed:
     * a benchmark's journals hold millions of entries (every warm-up shard), of which it needs a few thousand,
     * and reading them whole took a harness JVM seconds of CPU and hundreds of megabytes.
     */
    public static List<JournalEntry> read(List<Path> journals, Predicate<JournalEntry> keep) {
        List<JournalEntry> entries = new ArrayList<>();
        for (Path file : journals) {
            if (!Files.exists(file)) continue;
            try (InputStream in = Files.newInputStream(file)) {
                byte[] block = new byte[1 << 16];
                ByteArrayOutputStream line = new ByteArrayOutputStream(256);
                for (int n = in.read(block); n > 0; n = in.read(block)) {
                    for (int i = 0; i < n; i++) {
                        if (block[i] != '\n') {
                            line.write(block[i]);
                            continue;
                        }
                        String text = line.toString(StandardCharsets.UTF_8);
                        line.reset();
                        if (text.isBlank()) continue;
                        JournalEntry entry = parse(text);
                        if (keep.test(entry)) entries.add(entry);
                    }
                }
                // what is left never got its newline: a torn last line (or one being written now), skipped
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read journal " + file, e);
            }
        }
        return entries;
    }

    /** A start line: the execution began here; its end line follows unless the worker died first. */
    public boolean isStart() {
        return outcome.equals(STARTED);
    }

    /** Identifies the execution (worker, run, shard, attempt, epoch): a start line and its end line share it. */
    public String executionKey() {
        return executionKey(worker, run, shard, attempt, epoch);
    }

    public static String executionKey(String worker, String run, int shard, int attempt, long epoch) {
        return worker + "|" + shardKey(run, shard) + "|" + attempt + "|" + epoch;
    }

    /** Identifies the shard of a run, whatever attempt and worker. */
    public String shardKey() {
        return shardKey(run, shard);
    }

    public static String shardKey(String run, int shard) {
        return run + "#" + shard;
    }

    public boolean succeeded() {
        return outcome.equals("SUCCEEDED");
    }
}
