package io.baton.testing.chaos;

import io.baton.client.BatonClient;
import io.baton.client.BatonException;
import io.baton.proto.v1.RunRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API part of the chaos workload: every {@code interval} it triggers the next API job with a fresh
 * idempotency key, repeating the same key through failures (a failover, a lost quorum) until the cluster
 * acknowledges it or {@link #RETRY_FOR} passes, and records the outcome of each key. Owns its thread;
 * the client is the caller's.
 */
final class TriggerDriver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TriggerDriver.class);
    static final Duration RETRY_FOR = Duration.ofSeconds(60);
    private static final long RETRY_PAUSE_MILLIS = 250;

    private final BatonClient client;
    private final List<String> jobs;
    private final Duration interval;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chaos-triggers");
        t.setDaemon(true);
        return t;
    });
    private final List<TriggerRecord> records = new ArrayList<>();
    private int sequence;

    TriggerDriver(BatonClient client, List<String> jobs, Duration interval) {
        this.client = client;
        this.jobs = List.copyOf(jobs);
        this.interval = interval;
    }

    void start() {
        if (jobs.isEmpty()) return;
        thread.scheduleWithFixedDelay(this::triggerNext, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void triggerNext() {
        int n = ++sequence;
        String job = jobs.get(n % jobs.size());
        String key = "chaos-" + n;
        long giveUp = System.currentTimeMillis() + RETRY_FOR.toMillis();
        while (true) {
            try {
                RunRecord run = client.trigger(job, Optional.empty(), Optional.of(key));
                record(new TriggerRecord(job, key, Optional.of(run.getRunId()), System.currentTimeMillis()));
                return;
            } catch (BatonException e) {
                if (System.currentTimeMillis() > giveUp || e.code() != BatonException.Code.UNAVAILABLE) {
                    log.warn("trigger {} of {} not acknowledged: {}", key, job, e.toString());
                    record(new TriggerRecord(job, key, Optional.empty(), 0));
                    return;
                }
                Waits.let(RETRY_PAUSE_MILLIS);
            } catch (IllegalStateException interrupted) {
                record(new TriggerRecord(job, key, Optional.empty(), 0));
                return;
            }
        }
    }

    private synchronized void record(TriggerRecord r) {
        records.add(r);
    }

    synchronized List<TriggerRecord> records() {
        return List.copyOf(records);
    }

    /** Stops triggering; a trigger in progress finishes (acknowledged or given up) first. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(RETRY_FOR.toMillis() + 10_000, TimeUnit.MILLISECONDS)) thread.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}
