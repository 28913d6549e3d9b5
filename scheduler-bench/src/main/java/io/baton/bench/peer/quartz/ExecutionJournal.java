package io.baton.bench.peer.quartz;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Quartz instance's journal of executions ({@link ExecutionRecord} lines): appended by the job threads
 * through a buffer, so recording costs no disk write on the job's path, flushed every half second and on
 * {@link #close()}. The harness reads the journals with {@link #read(Path)} after stopping the instances.
 */
final class ExecutionJournal implements AutoCloseable {
    private static final long FLUSH_MILLIS = 500;

    private final Path file;
    private final BufferedWriter out;
    private final ScheduledExecutorService flusher;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ExecutionJournal(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "journal-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    static ExecutionJournal open(Path file) {
        try {
            return new ExecutionJournal(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + file, e);
        }
    }

    void append(ExecutionRecord record) {
        String line = record.line();
        synchronized (out) {
            try {
                out.write(line);
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the journal " + file, e);
            }
        }
    }

    private void flush() {
        synchronized (out) {
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot flush the journal " + file, e);
            }
        }
    }

    /** Flushes and closes; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        flusher.shutdownNow();
        synchronized (out) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the journal " + file, e);
            }
        }
    }

    /** Every complete line of a journal; a last line cut short (a process killed while writing) is left out. */
    static List<ExecutionRecord> read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal " + file, e);
        }
    }

    static List<ExecutionRecord> parse(String text) {
        List<ExecutionRecord> records = new ArrayList<>();
        int from = 0;
        for (int newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', from)) {
            if (newline > from) records.add(ExecutionRecord.parse(text.substring(from, newline)));
            from = newline + 1;
        }
        return records;
    }
}
