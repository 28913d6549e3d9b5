package io.baton.testing.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        for (String word : line.strip().split("\\s+")) {
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
        List<JournalEntry> entries = new ArrayList<>();
        for (Path file : journals) {
            if (!Files.exists(file)) continue;
            try {
                String text = Files.readString(file);
                int end = text.lastIndexOf('\n');
                if (end < 0) continue;
                for (String line : text.substring(0, end).split("\n")) {
                    if (!line.isBlank()) entries.add(parse(line));
                }
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
