package io.baton.bench.peer.elasticjob;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Appends {@link PeerJournal} lines from any thread to a buffered file, flushed every {@value #FLUSH_MILLIS}
 * ms and on {@link #close()}, so a no-op shard costs a string append and not a write system call. Readers
 * see complete lines only up to the last flush. Owned by {@link ElasticJobPeerMain}.
 */
final class JournalWriter implements AutoCloseable {
    static final long FLUSH_MILLIS = 20;

    private final BufferedWriter out;
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "journal-flush");
        t.setDaemon(true);
        return t;
    });
    private boolean closed;

    JournalWriter(Path file) {
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open journal " + file, e);
        }
        flusher.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    synchronized void append(String line) {
        if (closed) return; // a shard ending during shutdown: the measurement is over
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal", e);
        }
    }

    private synchronized void flush() {
        if (closed) return;
        try {
            out.flush();
        } catch (IOException e) {
            System.err.println("journal flush failed: " + e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        flusher.shutdownNow();
        try {
            out.close();
        } catch (IOException e) {
            System.err.println("journal close failed: " + e);
        }
    }
}
