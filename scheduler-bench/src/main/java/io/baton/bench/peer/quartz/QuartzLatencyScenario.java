package io.baton.bench.peer.quartz;

import io.baton.bench.macro.BenchCluster;

import io.baton.bench.macro.MacroFigures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Baton's fire → start scenario done by the clustered Quartz: {@code rate} jobs, each with a trigger that
 * repeats every second, their first fires spread evenly over a second, so the cluster sees {@code rate}
 * fires per second at an even pace. After settling, every fire scheduled in the measurement window is
 * matched with its journaled start: delay = start (µs) − scheduled fire time. The harness waits until
 * every fire of the window has been fired (however late, up to two minutes: a rate Quartz cannot keep
 * then shows as fewer fires than the rate asks for) before stopping the instances.
 */
public final class QuartzLatencyScenario {
    private static final Logger log = LoggerFactory.getLogger(QuartzLatencyScenario.class);
    static final String GROUP = "latency";
    private static final long SETTLE_MILLIS = 3_000;
    /** The first fires start on a whole second at least this far ahead, after the jobs are stored. */
    private static final long LEAD_MILLIS = 2_000;
    private static final Duration CATCH_UP = Duration.ofMinutes(2);

    /** The figures (zkWrites holds database write statements over the window) and every delay, µs. */
    public record Result(MacroFigures.Latency figures, long[] delaysMicros) {}

    private QuartzLatencyScenario() {}

    public static Result run(QuartzPeerSettings settings, int rate, Path runDir) {
        try (QuartzPeer peer = QuartzPeer.start(runDir, settings.instances(), settings.threads())) {
            long base = (System.currentTimeMillis() + LEAD_MILLIS) / 1_000 * 1_000 + 1_000;
            schedule(peer, rate, base);
            BenchCluster.pause(Math.max(0, base + SETTLE_MILLIS - System.currentTimeMillis()));
            long writesBefore = peer.database().writeStatements();
            long from = System.currentTimeMillis();
            BenchCluster.pause(settings.latencyWindow().toMillis());
            long to = System.currentTimeMillis();
            long writes = peer.database().writeStatements() - writesBefore;
            if (!peer.awaitUpTo(() -> peer.database().triggersDueBefore(to) == 0, CATCH_UP)) {
                // Quartz cannot keep this rate: report the fires that started (fewer than the rate asks for)
                log.warn("Quartz at {} fires/s: fires of the window still waiting {} after it; counting those that started", rate, CATCH_UP);
            }
            BenchCluster.pause(500); // the last fires of the window are handed to the job threads
            return figures(peer.stopAndReadJournals(), rate, from, to, writes);
        }
    }

    /** Delays of the fires scheduled in [from, to). */
    static Result figures(List<ExecutionRecord> records, int rate, long from, long to, long writes) {
        long[] delays = records.stream().filter(r -> r.group().equals(GROUP))
                .filter(r -> r.scheduledMillis() >= from && r.scheduledMillis() < to)
                .mapToLong(ExecutionRecord::delayMicros).toArray();
        MacroFigures.Latency figures = new MacroFigures.Latency(rate, delays.length, to - from, MacroFigures.percentile(delays, 50),
                MacroFigures.percentile(delays, 99), MacroFigures.percentile(delays, 100), writes);
        return new Result(figures, delays);
    }

    /** Job i's trigger first fires at {@code base + i/rate} s, then every second. */
    private static void schedule(QuartzPeer peer, int rate, long base) {
        Map<JobDetail, Set<? extends Trigger>> jobs = new LinkedHashMap<>();
        for (int i = 0; i < rate; i++) {
            JobDetail detail = JobBuilder.newJob(JournaledJob.class).withIdentity("j" + i, GROUP).build();
            jobs.put(detail, Set.of(TriggerBuilder.newTrigger().withIdentity("t" + i, GROUP).forJob(detail)
                    .startAt(new Date(base + (i * 1_000L) / rate))
                    .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever(1)).build()));
        }
        try {
            peer.client().scheduleJobs(jobs, false);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz refused the latency triggers: " + e.getMessage(), e);
        }
    }
}
