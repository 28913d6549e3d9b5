package io.baton.testing.chaos;

import io.baton.client.BatonClient;
import io.baton.proto.v1.RunRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every run of the chaos jobs from the cluster, now and then during the run (history is bounded,
 * so a long run is read before the oldest runs are pruned) and once more at the end; the newest record
 * of each run wins. Owns its thread; the client is the caller's.
 */
final class RunCollector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RunCollector.class);

    private final BatonClient client;
    private final List<String> jobs;
    private final Map<String, RunRecord> runs = new LinkedHashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chaos-run-collector");
        t.setDaemon(true);
        return t;
    });

    RunCollector(BatonClient client, List<String> jobs) {
        this.client = client;
        this.jobs = List.copyOf(jobs);
    }

    void startPeriodic(Duration every) {
        thread.scheduleWithFixedDelay(() -> {
            try {
                collect();
            } catch (RuntimeException e) {
                log.info("reading runs failed (retried later): {}", e.toString());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reads every job's runs once; throws if the cluster does not answer. */
    void collect() {
        for (String job : jobs) {
            List<RunRecord> read = client.listRuns(job);
            synchronized (this) {
                for (RunRecord r : read) runs.put(r.getRunId(), r);
            }
        }
    }

    synchronized List<RunRecord> runs() {
        return new ArrayList<>(runs.values());
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
