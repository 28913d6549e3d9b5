package io.baton.cli.render;

import io.baton.common.job.JobDefaults;
import io.baton.proto.v1.HistoryPolicy;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.RetryPolicy;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Text views of jobs: {@code job list}, {@code job get} (the record as stored) and {@code job describe}. */
public final class JobTables {
    /** How many of the latest runs {@code job describe} shows. */
    public static final int DESCRIBE_RUNS = 10;

    private JobTables() {}

    public static String list(List<JobRecord> jobs) {
        Table table = Table.of("NAME", "HANDLER", "SHARDS", "SCHEDULE", "STATE", "VERSION", "LAST FIRE", "SKIPPED");
        for (JobRecord j : jobs) {
            table.row(j.getSpec().getName(), j.getSpec().getHandler(), j.getSpec().getShardCount(),
                    Schedules.describe(j.getSpec().getSchedule()), state(j), j.getVersion(), Times.instant(j.getLastFireMillis()),
                    j.getSkippedFires());
        }
        return table.render();
    }

    /** The record as stored: policy fields left unset show as {@code unset}. */
    public static String record(JobRecord job) {
        JobSpec s = job.getSpec();
        Fields f = header(job);
        f.add("Misfire policy", s.getMisfirePolicyValue() == 0 ? "unset" : Names.of(s.getMisfirePolicy()))
                .add("Max missed fires", unset(s.getMaxMissedFires()))
                .add("Concurrency policy", s.getConcurrencyPolicyValue() == 0 ? "unset" : Names.of(s.getConcurrencyPolicy()))
                .add("Max queued runs", unset(s.getMaxQueuedRuns()))
                .add("Attempt timeout", s.getAttemptTimeoutMillis() == 0 ? "unset" : Times.duration(s.getAttemptTimeoutMillis()))
                .add("Retry", s.hasRetry() ? retryFields(s.getRetry()) : "unset")
                .add("History", s.hasHistory() ? "maxRuns " + unset(s.getHistory().getMaxRuns()) + ", maxAge "
                        + (s.getHistory().getMaxAgeMillis() == 0 ? "unset" : Times.duration(s.getHistory().getMaxAgeMillis())) : "unset");
        return f.render();
    }

    /** The job, its policies with the defaults resolved, what it does next, and its latest runs. */
    public static String describe(JobRecord job, List<RunRecord> runs, Instant now) {
        JobSpec r = JobDefaults.resolve(job.getSpec());
        JobSpec raw = job.getSpec();
        long running = runs.stream().filter(x -> x.getState() == RunState.RUN_STATE_RUNNING).count();
        long queued = runs.stream().filter(x -> x.getState() == RunState.RUN_STATE_QUEUED).count();
        Fields f = header(job)
                .add("Misfire policy", Names.of(r.getMisfirePolicy()) + dflt(raw.getMisfirePolicyValue() == 0)
                        + (r.getMisfirePolicyValue() == 2 ? ", at most " + r.getMaxMissedFires() + " missed fires" + dflt(raw.getMaxMissedFires() == 0) : ""))
                .add("Concurrency policy", Names.of(r.getConcurrencyPolicy()) + dflt(raw.getConcurrencyPolicyValue() == 0)
                        + (r.getConcurrencyPolicyValue() == 2 ? ", at most " + r.getMaxQueuedRuns() + " queued" + dflt(raw.getMaxQueuedRuns() == 0) : ""))
                .add("Attempt timeout", r.getAttemptTimeoutMillis() == 0 ? "none (default)" : Times.duration(r.getAttemptTimeoutMillis()))
                .add("Retry", retry(r.getRetry()) + dflt(!raw.hasRetry() || raw.getRetry().equals(RetryPolicy.getDefaultInstance())))
                .add("History", history(r.getHistory()) + dflt(!raw.hasHistory() || raw.getHistory().equals(HistoryPolicy.getDefaultInstance())))
                .add("Next fire", NextFire.describe(job, runs, now))
                .add("Active runs", running + " running, " + queued + " queued");
        List<RunRecord> latest = runs.subList(Math.max(0, runs.size() - DESCRIBE_RUNS), runs.size());
        String out = f.render() + "\n";
        if (latest.isEmpty()) return out + "No runs.\n";
        return out + "Latest runs (" + latest.size() + " of " + runs.size() + "):\n" + RunTables.list(latest);
    }

    private static Fields header(JobRecord job) {
        JobSpec s = job.getSpec();
        return new Fields().add("Name", s.getName())
                .add("Version", job.getVersion())
                .add("State", state(job))
                .add("Created", Times.instant(job.getCreatedMillis()))
                .add("Updated", Times.instant(job.getUpdatedMillis()))
                .add("Last fire", Times.instant(job.getLastFireMillis()))
                .add("Skipped fires", job.getSkippedFires())
                .add("Handler", s.getHandler())
                .add("Shards", s.getShardCount())
                .add("Shard parameters", s.getShardParametersCount() == 0 ? "-" : String.join(", ", s.getShardParametersList()))
                .add("Job parameter", s.getJobParameter().isEmpty() ? "-" : s.getJobParameter())
                .add("Schedule", Schedules.describe(s.getSchedule()));
    }

    static String state(JobRecord job) {
        return job.getPaused() ? "paused" : "active";
    }

    /** A resolved retry policy in words. */
    static String retry(RetryPolicy r) {
        if (r.getMaxAttempts() <= 1) return "no retry (1 attempt)";
        return String.format(Locale.ROOT, "%d attempts, backoff %s x%s up to %s%s", r.getMaxAttempts(),
                Times.duration(r.getInitialBackoffMillis()), trim(r.getMultiplier()), Times.duration(r.getMaxBackoffMillis()),
                r.getJitter() > 0 ? ", jitter " + trim(r.getJitter()) : "");
    }

    static String history(HistoryPolicy h) {
        return "keep " + h.getMaxRuns() + " runs, " + (h.getMaxAgeMillis() == 0 ? "no age limit" : "none older than " + Times.duration(h.getMaxAgeMillis()));
    }

    private static String retryFields(RetryPolicy r) {
        return "maxAttempts " + unset(r.getMaxAttempts()) + ", initialBackoff " + unsetMillis(r.getInitialBackoffMillis())
                + ", maxBackoff " + unsetMillis(r.getMaxBackoffMillis()) + ", multiplier " + (r.getMultiplier() == 0 ? "unset" : trim(r.getMultiplier()))
                + ", jitter " + trim(r.getJitter());
    }

    private static String dflt(boolean isDefault) {
        return isDefault ? " (default)" : "";
    }

    private static String unset(long value) {
        return value == 0 ? "unset" : Long.toString(value);
    }

    private static String unsetMillis(long value) {
        return value == 0 ? "unset" : Times.duration(value);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.format(Locale.ROOT, "%.1f", d) : Double.toString(d);
    }
}
