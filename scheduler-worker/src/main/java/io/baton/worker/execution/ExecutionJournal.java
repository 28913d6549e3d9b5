package io.baton.worker.execution;

import io.baton.proto.v1.AssignShard;
import io.baton.proto.v1.ShardOutcome;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An optional append-only record of every handler execution, two lines each: one as the handler starts
 * ({@code end=0 outcome=STARTED}) and one when it has ended, e.g.
 * {@code worker=w1 job=j run=r fire=<ms> shard=0 attempt=1 epoch=3 start=<ms> end=<ms> outcome=SUCCEEDED}.
 * End-to-end and chaos tests count executions with it, independently of what the cluster itself stored; a
 * start line without an end line is an execution cut short by the worker's death. Each line is written
 * with a single append-mode write, so several worker processes may share one file.
 * Owned by the {@link ShardExecutor}'s creator, which closes it.
 */
public final class ExecutionJournal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ExecutionJournal.class);

    private final OutputStream out;
    private boolean closed;

    private ExecutionJournal(OutputStream out) {
        this.out = out;
    }

    /** A journal that records nothing. */
    public static ExecutionJournal disabled() {
        return new ExecutionJournal(null);
    }

    /** Appends to {@code file}, creating it if needed. */
    public static ExecutionJournal open(Path file) {
        try {
            return new ExecutionJournal(Files.newOutputStream(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open execution journal " + file, e);
        }
    }

    public boolean isEnabled() {
        return out != null;
    }

    /**
     * Appends the line of an execution that is starting and flushes it; it also carries the start in
     * microseconds ({@code startUs}), for fire-to-start latencies below a millisecond.
     */
    public void recordStart(String workerId, AssignShard assignment, java.time.Instant started) {
        long micros = java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH, started);
        String line = line(workerId, assignment, started.toEpochMilli(), 0, ShardOutcome.SHARD_OUTCOME_STARTED);
        append(line.substring(0, line.length() - 1) + " startUs=" + micros + "\n");
    }

    /** Appends the line of one ended execution and flushes it. */
    public void record(String workerId, AssignShard assignment, long startMillis, long endMillis, ShardOutcome outcome) {
        append(line(workerId, assignment, startMillis, endMillis, outcome));
    }

    private synchronized void append(String line) {
        if (out == null || closed) return;
        try {
            out.write(line.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // The shard's outcome stands; only the test-side record is lost, so say so loudly.
            log.error("cannot append to execution journal: {}", e.toString());
        }
    }

    static String line(String workerId, AssignShard a, long startMillis, long endMillis, ShardOutcome outcome) {
        return "worker=" + workerId
                + " job=" + a.getJobName()
                + " run=" + a.getRef().getRunId()
                + " fire=" + a.getFireTimeMillis()
                + " shard=" + a.getRef().getShardIndex()
                + " attempt=" + a.getRef().getAttempt()
                + " epoch=" + a.getRef().getAssignEpoch()
                + " start=" + startMillis
                + " end=" + endMillis
                + " outcome=" + outcome.name().substring("SHARD_OUTCOME_".length())
                + "\n";
    }

    @Override
    public synchronized void close() {
        if (out == null || closed) return;
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            log.warn("closing execution journal failed: {}", e.toString());
        }
    }
}
