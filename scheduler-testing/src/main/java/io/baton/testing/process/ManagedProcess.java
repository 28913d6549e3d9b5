package io.baton.testing.process;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One child process started by the harness: its standard output and error go to one log file (so the
 * interleaving of its log and its READY line is kept), its standard input is a pipe held open for
 * {@link ParentWatch}. Offers the failures a chaos test needs: {@link #kill9()} (SIGKILL),
 * {@link #stop()} / {@link #cont()} (SIGSTOP / SIGCONT), {@link #terminate(Duration)} (SIGTERM, then
 * SIGKILL after a grace period). {@link #close()} kills the process if it still runs; it is idempotent.
 * Owned by {@link io.baton.testing.ClusterProcesses} or by whoever launched it.
 */
public final class ManagedProcess implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ManagedProcess.class);
    /** Exit status Java reports for a process ended by SIGKILL (128 + 9). */
    public static final int SIGKILL_EXIT = 137;
    /** Exit status for a process ended by an unhandled SIGTERM (128 + 15). */
    public static final int SIGTERM_EXIT = 143;
    private static final long POLL_MILLIS = 20;

    private final String name;
    private final ProcessRole role;
    private final Process process;
    private final Path logFile;
    private final OutputStream stdin;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ReadyLine ready;

    private ManagedProcess(String name, ProcessRole role, Process process, Path logFile) {
        this.name = name;
        this.role = role;
        this.process = process;
        this.logFile = logFile;
        this.stdin = process.getOutputStream();
    }

    /** Starts {@code argv} with its output appended to {@code logFile}; does not wait for anything. */
    public static ManagedProcess launch(String name, ProcessRole role, List<String> argv, Path logFile) {
        try {
            Process process = new ProcessBuilder(argv)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            log.info("launched {} ({}) pid={} log={}", name, role, process.pid(), logFile);
            return new ManagedProcess(name, role, process, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + argv, e);
        }
    }

    public String name() { return name; }

    public ProcessRole role() { return role; }

    public long pid() { return process.pid(); }

    public Path logFile() { return logFile; }

    public boolean isAlive() { return process.isAlive(); }

    /** The READY line, once {@link #awaitReady(Duration)} has seen it. */
    public Optional<ReadyLine> ready() { return Optional.ofNullable(ready); }

    /** Exit status if the process has ended. */
    public Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /**
     * Waits until the log holds this role's READY line; fails early, quoting the log's tail, when the
     * process exits first or the deadline passes.
     */
    public ReadyLine awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long offset = 0;
        StringBuilder partial = new StringBuilder();
        while (true) {
            boolean exited = !process.isAlive();
            offset = scan(offset, partial);
            if (ready != null) return ready;
            if (exited) throw new IllegalStateException(name + " exited with status " + process.exitValue()
                    + " before it was ready; log " + logFile + " ends with:\n" + tail(4000));
            if (System.nanoTime() > deadline) throw new IllegalStateException(name + " not ready within "
                    + timeout.toMillis() + " ms; log " + logFile + " ends with:\n" + tail(4000));
            pause(POLL_MILLIS);
        }
    }

    /** Reads the log from {@code offset}, looking at complete lines for the READY line; returns the new offset. */
    private long scan(long offset, StringBuilder partial) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            if (file.length() <= offset) return offset;
            byte[] bytes = new byte[(int) Math.min(file.length() - offset, 1 << 20)];
            file.seek(offset);
            file.readFully(bytes);
            partial.append(new String(bytes, StandardCharsets.UTF_8));
            int newline;
            while ((newline = partial.indexOf("\n")) >= 0) {
                String line = partial.substring(0, newline);
                partial.delete(0, newline + 1);
                ReadyLine.parse(line).filter(r -> r.role().equals(role.readyWord())).ifPresent(r -> ready = r);
                if (ready != null) break;
            }
            return offset + bytes.length;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + logFile, e);
        }
    }

    /** SIGKILL (what {@code Process.destroyForcibly} sends on Linux); returns once the process is gone. */
    public int kill9() {
        process.destroyForcibly();
        int status = waitFor(Duration.ofSeconds(30)).orElseThrow(() -> new IllegalStateException(name + " survived SIGKILL"));
        log.info("killed {} pid={} with SIGKILL (exit status {})", name, pid(), status);
        return status;
    }

    /** SIGSTOP: the process freezes (no threads run, sockets stay open) until {@link #cont()}. */
    public void stop() {
        Signals.send(pid(), "STOP");
        log.info("stopped {} pid={} (SIGSTOP)", name, pid());
    }

    /** SIGCONT: resumes a process frozen by {@link #stop()}. */
    public void cont() {
        Signals.send(pid(), "CONT");
        log.info("continued {} pid={} (SIGCONT)", name, pid());
    }

    /** True while the process is frozen by SIGSTOP (Linux {@code /proc} state T). */
    public boolean isStopped() {
        return Signals.state(pid()).map(s -> s == 'T').orElse(false);
    }

    /**
     * SIGTERM (a graceful shutdown through the JVM's shutdown hooks), then SIGKILL if the process has not
     * exited within {@code grace}. Returns the exit status.
     */
    public int terminate(Duration grace) {
        if (!process.isAlive()) return process.exitValue();
        if (isStopped()) cont(); // a stopped JVM cannot run its shutdown hooks
        process.destroy();
        Optional<Integer> status = waitFor(grace);
        if (status.isPresent()) return status.get();
        log.warn("{} pid={} ignored SIGTERM for {} ms; sending SIGKILL", name, pid(), grace.toMillis());
        return kill9();
    }

    /** Waits up to {@code timeout} for the process to exit. */
    public Optional<Integer> waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /** The last {@code maxChars} characters of the log, for failure messages. */
    public String tail(int maxChars) {
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(0, file.length() - maxChars);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        if (process.isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
        try {
            stdin.close();
        } catch (IOException e) {
            // the child is gone; nothing reads the pipe any more
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // polling interval of a log file, bounded by the caller's deadline
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return name + "(" + role + ", pid " + pid() + ")";
    }
}
