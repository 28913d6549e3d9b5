package io.baton.testing.chaos.check;

import io.baton.proto.v1.MisfirePolicy;
import io.baton.proto.v1.RunRecord;
import io.baton.testing.chaos.ChaosEvidence;
import io.baton.testing.chaos.ChaosJob;
import io.baton.testing.chaos.TriggerRecord;
import io.baton.testing.journal.JournalEntry;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.quartz.CronExpression;

/**
 * Fires against runs: every fire the schedule calls for in the checked window made exactly one run (or, for
 * FIRE_ONCE_NOW, was folded into the one late run that followed an outage); no run exists for a time the
 * schedule never fired; every acknowledged API trigger made its own run; every run a worker executed is
 * one the cluster recorded. Schedules are computed here with Quartz directly, not with Baton's own fire
 * calculator, so the check is independent of the code under test. Pure.
 */
public final class RunLedgerCheck {
    /** Tolerance at the start of a job's life: its first fire may be this close to its creation. */
    static final long CREATION_SLACK_MILLIS = 1_000;

    /** Counts of one check, with every violation spelled out. */
    public record Result(long expected, long found, long lost, long doubled, long folded, List<String> violations) {}

    private final ChaosEvidence evidence;
    private final List<String> violations = new ArrayList<>();
    private final Map<String, List<RunRecord>> runsByJob;
    private final Map<String, Set<String>> executedRunsByJob;
    private long expected;
    private long lost;
    private long doubled;
    private long folded;

    private RunLedgerCheck(ChaosEvidence evidence) {
        this.evidence = evidence;
        this.runsByJob = evidence.runs().stream().collect(Collectors.groupingBy(RunRecord::getJobName));
        this.executedRunsByJob = evidence.journal().stream().collect(
                Collectors.groupingBy(JournalEntry::job, Collectors.mapping(JournalEntry::run, Collectors.toCollection(TreeSet::new))));
    }

    public static Result check(ChaosEvidence evidence) {
        RunLedgerCheck check = new RunLedgerCheck(evidence);
        for (ChaosJob job : evidence.jobs()) {
            check.unrecordedExecutions(job);
            if (job.kind() == ChaosJob.Kind.CRON) check.cronJob(job);
            else check.apiJob(job);
        }
        return new Result(check.expected, evidence.runs().size(), check.lost, check.doubled, check.folded,
                List.copyOf(check.violations));
    }

    private void unrecordedExecutions(ChaosJob job) {
        Set<String> recorded = runs(job).stream().map(RunRecord::getRunId).collect(Collectors.toSet());
        for (String run : executedRunsByJob.getOrDefault(job.name(), Set.of())) {
            if (!recorded.contains(run)) {
                lost++;
                violations.add("run " + run + " was executed by a worker but the cluster has no record of it");
            }
        }
    }

    private void cronJob(ChaosJob job) {
        CronExpression cron = cron(job);
        Map<Long, Set<String>> byFire = new TreeMap<>();
        for (RunRecord run : runs(job)) {
            byFire.computeIfAbsent(run.getFireTimeMillis(), f -> new TreeSet<>()).add(run.getRunId());
            if (!cron.isSatisfiedBy(new Date(run.getFireTimeMillis())) || run.getFireTimeMillis() <= job.createdMillis()) {
                violations.add("run " + run.getRunId() + " has fire time " + run.getFireTimeMillis()
                        + ", which the schedule '" + job.cron() + "' of a job created at " + job.createdMillis() + " never calls for");
            }
        }
        byFire.forEach((fire, ids) -> {
            if (ids.size() > 1) {
                doubled += ids.size() - 1;
                violations.add("job " + job.name() + " fire " + fire + " made " + ids.size() + " runs: " + ids);
            }
        });
        long from = Math.max(evidence.checkedFromMillis(), job.createdMillis() + CREATION_SLACK_MILLIS);
        for (long fire : fires(cron, from, evidence.checkedToMillis())) {
            expected++;
            if (byFire.containsKey(fire)) continue;
            if (job.misfire() == MisfirePolicy.MISFIRE_POLICY_FIRE_ONCE_NOW && foldedIntoLateRun(job, fire)) {
                folded++;
            } else {
                lost++;
                violations.add("job " + job.name() + " (" + job.misfire() + ") made no run for its fire at " + fire);
            }
        }
    }

    /** FIRE_ONCE_NOW folds a missed fire into the late run of an earlier missed fire, created after it was due. */
    private boolean foldedIntoLateRun(ChaosJob job, long fire) {
        return runs(job).stream().anyMatch(r -> r.getFireTimeMillis() < fire && r.getCreatedMillis() >= fire);
    }

    private void apiJob(ChaosJob job) {
        Set<String> recorded = runs(job).stream().map(RunRecord::getRunId).collect(Collectors.toSet());
        Map<String, String> keyByRun = new HashMap<>();
        int unacknowledged = 0;
        for (TriggerRecord t : evidence.triggers()) {
            if (!t.job().equals(job.name())) continue;
            if (t.runId().isEmpty()) {
                unacknowledged++;
                continue;
            }
            expected++;
            String run = t.runId().get();
            String other = keyByRun.put(run, t.key());
            if (other != null) {
                violations.add("triggers " + other + " and " + t.key() + " of job " + job.name() + " were both acknowledged with run " + run);
            }
            if (!recorded.contains(run)) {
                lost++;
                violations.add("trigger " + t.key() + " was acknowledged with run " + run + ", which the cluster has no record of");
            }
        }
        long unmatched = recorded.stream().filter(r -> !keyByRun.containsKey(r)).count();
        if (unmatched > unacknowledged) {
            doubled += unmatched - unacknowledged;
            violations.add("job " + job.name() + " has " + unmatched + " runs no acknowledged trigger made, but only "
                    + unacknowledged + " trigger(s) went unacknowledged");
        }
    }

    private List<RunRecord> runs(ChaosJob job) {
        return runsByJob.getOrDefault(job.name(), List.of());
    }

    /** Fire times of {@code cron} in {@code [from, to]}. */
    static List<Long> fires(CronExpression cron, long from, long to) {
        List<Long> out = new ArrayList<>();
        Date next = cron.getNextValidTimeAfter(new Date(from - 1));
        while (next != null && next.getTime() <= to) {
            out.add(next.getTime());
            next = cron.getNextValidTimeAfter(next);
        }
        return out;
    }

    static CronExpression cron(ChaosJob job) {
        try {
            CronExpression cron = new CronExpression(job.cron());
            cron.setTimeZone(TimeZone.getTimeZone("UTC"));
            return cron;
        } catch (ParseException e) {
            throw new IllegalArgumentException("job " + job.name() + " has an invalid cron expression: " + job.cron(), e);
        }
    }
}
