package io.baton.bench.peer.quartz;

import io.baton.bench.macro.MacroFigures;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.HashSet;
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

/**
 * Baton's throughput scenario done by the clustered Quartz: {@code executions} no-op executions, as
 * one-shot triggers (grouped in jobs of {@code executionsPerJob}, like Baton's runs of shards) stored in
 * one transaction, all due at the same instant two seconds later. The window runs from the first start
 * to the last end the instances journaled; the database's INSERT/UPDATE/DELETE statements are counted
 * over the same work (the peer's counterpart of ZooKeeper write transactions). A warm-up round of one
 * job comes first, as Baton's scenario triggers one run first.
 */
public final class QuartzThroughputScenario {
    static final String GROUP = "throughput";
    private static final String WARM_UP = "warmup";
    /** Lets every idle instance (idle wait 1 s) acquire before the triggers are due. */
    private static final long DUE_AFTER_MILLIS = 2_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    /** Figures (zkWrites holds database write statements) and completions per 100 ms over the window. */
    public record Result(MacroFigures.Throughput figures, List<Long> completionsPer100ms) {}

    private QuartzThroughputScenario() {}

    public static Result run(QuartzPeerSettings settings, Path runDir) {
        try (QuartzPeer peer = QuartzPeer.start(runDir, settings.instances(), settings.threads())) {
            submitAndAwait(peer, WARM_UP, Math.min(settings.executionsPerJob(), settings.executions()), settings.executionsPerJob());
            long writesBefore = peer.database().writeStatements();
            submitAndAwait(peer, GROUP, settings.executions(), settings.executionsPerJob());
            long writes = peer.database().writeStatements() - writesBefore;
            List<ExecutionRecord> measured = peer.stopAndReadJournals().stream().filter(r -> r.group().equals(GROUP)).toList();
            return figures(measured, settings.executions(), writes);
        }
    }

    /** The figures of the measured executions; fails unless every trigger ran exactly once. */
    static Result figures(List<ExecutionRecord> measured, int expected, long writes) {
        Set<String> triggers = new HashSet<>();
        for (ExecutionRecord r : measured) {
            if (!triggers.add(r.trigger())) throw new IllegalStateException("trigger " + r.trigger() + " ran more than once");
        }
        if (measured.size() != expected) throw new IllegalStateException(expected + " executions expected, " + measured.size() + " journaled");
        long[] startMicros = measured.stream().mapToLong(ExecutionRecord::startMicros).toArray();
        long[] endMicros = measured.stream().mapToLong(ExecutionRecord::endMicros).toArray();
        long[] endMillis = measured.stream().mapToLong(r -> r.endMicros() / 1_000).toArray();
        long windowMillis = Math.round(MacroFigures.window(startMicros, endMicros) / 1_000.0);
        return new Result(new MacroFigures.Throughput(measured.size(), windowMillis, writes), MacroFigures.series(endMillis, 100));
    }

    private static void submitAndAwait(QuartzPeer peer, String group, int executions, int perJob) {
        Date due = new Date(System.currentTimeMillis() + DUE_AFTER_MILLIS);
        Map<JobDetail, Set<? extends Trigger>> jobs = new LinkedHashMap<>();
        for (int first = 0, job = 0; first < executions; first += perJob, job++) {
            JobDetail detail = JobBuilder.newJob(JournaledJob.class).withIdentity("j" + job, group).build();
            Set<Trigger> triggers = new HashSet<>();
            for (int i = first; i < Math.min(executions, first + perJob); i++) {
                triggers.add(TriggerBuilder.newTrigger().withIdentity("t" + i, group).forJob(detail).startAt(due)
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow()).build());
            }
            jobs.put(detail, triggers);
        }
        try {
            peer.client().scheduleJobs(jobs, false);
        } catch (SchedulerException e) {
            throw new IllegalStateException("Quartz refused the " + group + " triggers: " + e.getMessage(), e);
        }
        peer.await("every " + group + " trigger completed", () -> peer.database().triggersIn(group) == 0, TIMEOUT);
    }
}
