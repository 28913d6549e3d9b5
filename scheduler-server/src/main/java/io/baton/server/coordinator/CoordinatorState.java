package io.baton.server.coordinator;

import io.baton.proto.v1.AssignShard;
import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.CancelShard;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.Schedule;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardReport;
import io.baton.proto.v1.ShardState;
import io.baton.proto.v1.TriggerKind;
import io.baton.proto.v1.WorkerStatus;
import io.baton.server.placement.ShardPlacer;
import io.baton.server.placement.WorkerSlot;
import io.baton.server.run.AttemptId;
import io.baton.server.run.ReportVerdict;
import io.baton.server.run.Run;
import io.baton.server.run.Shard;
import io.baton.server.run.ShardTransitions;
import io.baton.server.schedule.FireCalculator;
import io.baton.server.schedule.FireQueue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The leader's state for one term, as a pure event-driven machine: every method is an event (a worker
 * greeted us, a report arrived, time passed, runs became durable) that changes memory and returns the
 * {@link Effects} the shell must carry out. No I/O, no threads, no clock: owned by {@link Coordinator}'s
 * single event-loop thread and driven directly by unit tests and simulations.
 *
 * <p>Durability rules: a run is dispatched only after its creation is durable ({@link #runsCreated}); a
 * report is acknowledged to its worker only after the group commit holding its effect is durable
 * ({@link #flushDone}), so a worker keeps re-reporting what a crashed leader never persisted.
 *
 * <p>Recovery: a new term starts with the runs persisted by earlier terms and does not dispatch until
 * every registered worker has told it what it runs (or the recovery window ends). Attempts workers claim
 * are adopted; stored attempts nobody claims are voided and dispatched again.
 */
public final class CoordinatorState {
    private final long epoch;
    private final Map<String, JobRecord> jobs = new HashMap<>();
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final Set<String> creating = new HashSet<>();
    private final Set<String> withPending = new LinkedHashSet<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Map<String, List<AttemptRef>> acksPending = new HashMap<>();
    private final WorkerBook workers = new WorkerBook();
    private final ShardPlacer placer = new ShardPlacer();
    private final FireQueue fires = new FireQueue();
    private final CoordinatorCounters counters = new CoordinatorCounters();
    private final Set<String> awaitedWorkers;
    private final Set<ShardKey> claimed = new HashSet<>();
    private final long recoveryDeadline;
    private boolean recovering = true;
    private long flushSeq;
    /** Cancels decided while claiming (inside events that build no Effects yet); flushed by dispatch. */
    private final List<Effects.Send> displacedCancels = new ArrayList<>();

    /**
     * Starts a term from what earlier terms persisted. {@code registeredWorkers} are the workers in the
     * registry now: recovery waits for each of them to answer our hello, until {@code recoveryDeadlineMillis}.
     */
    public CoordinatorState(long epoch, Collection<JobRecord> storedJobs, Collection<RunRecord> storedRuns,
                            Collection<String> registeredWorkers, long nowMillis, long recoveryDeadlineMillis) {
        this.epoch = epoch;
        this.awaitedWorkers = new HashSet<>(registeredWorkers);
        this.recoveryDeadline = recoveryDeadlineMillis;
        for (JobRecord j : storedJobs) {
            jobs.put(j.getSpec().getName(), j);
            scheduleNext(j, Math.max(j.getLastFireMillis(), j.getCreatedMillis()));
        }
        for (RunRecord r : storedRuns) {
            Run run = Run.fromRecord(r);
            if (!run.isFinished()) runs.put(run.id(), run);
        }
        for (JobRecord j : storedJobs) resumeFixedDelay(j);
    }

    /**
     * A fixed-delay job that fired before and has no unfinished run continues one delay after its last fire
     * (the end of that run is not stored; its fire time is the closest durable bound).
     */
    private void resumeFixedDelay(JobRecord job) {
        Schedule schedule = job.getSpec().getSchedule();
        if (schedule.getKindCase() != Schedule.KindCase.FIXED_DELAY || job.getLastFireMillis() == 0) return;
        boolean running = runs.values().stream().anyMatch(r -> r.jobName().equals(job.getSpec().getName()));
        if (!running) {
            FireCalculator.afterRunEnded(schedule, job.getLastFireMillis())
                    .ifPresent(next -> fires.schedule(job.getSpec().getName(), next.toEpochMilli()));
        }
    }

    private void runEnded(Run run, long nowMillis) {
        counters.runsFinished++;
        JobRecord job = jobs.get(run.jobName());
        if (job == null || run.trigger() != TriggerKind.TRIGGER_KIND_SCHEDULE) return;
        FireCalculator.afterRunEnded(job.getSpec().getSchedule(), nowMillis)
                .ifPresent(next -> fires.schedule(job.getSpec().getName(), next.toEpochMilli()));
    }

    // ---------------------------------------------------------------- jobs and fires

    /** A job was stored (new or changed): (re)compute its next fire. */
    public void jobStored(JobRecord job, long nowMillis) {
        jobs.put(job.getSpec().getName(), job);
        fires.remove(job.getSpec().getName());
        scheduleNext(job, Math.max(job.getLastFireMillis(), nowMillis));
    }

    public Optional<JobRecord> job(String name) {
        return Optional.ofNullable(jobs.get(name));
    }

    /**
     * Creates a run of {@code jobName} now (run-now submission or API trigger). The run id is derived from
     * the job and the fire time, so one fire can never yield two runs.
     */
    public Optional<String> trigger(String jobName, TriggerKind kind, long nowMillis, Effects fx) {
        return trigger(jobName, kind, Optional.empty(), nowMillis, fx);
    }

    /** Like {@link #trigger(String, TriggerKind, long, Effects)}, with the job parameter replaced for this run. */
    public Optional<String> trigger(String jobName, TriggerKind kind, Optional<String> jobParameter, long nowMillis, Effects fx) {
        JobRecord job = jobs.get(jobName);
        if (job == null) return Optional.empty();
        if (jobParameter.isPresent()) {
            job = job.toBuilder().setSpec(job.getSpec().toBuilder().setJobParameter(jobParameter.get())).build();
        }
        long fire = nowMillis;
        while (runs.containsKey(runId(jobName, fire, kind))) fire++;
        return Optional.of(createRun(job, fire, kind, nowMillis, fx, false));
    }

    /** Time passed: fires due cron jobs, ends recovery at its deadline, dispatches. */
    public Effects tick(long nowMillis) {
        Effects fx = new Effects();
        if (recovering && nowMillis >= recoveryDeadline) endRecovery(fx);
        for (FireQueue.Due due : fires.pollDue(nowMillis)) {
            JobRecord job = jobs.get(due.job());
            if (job == null) continue;
            String id = runId(due.job(), due.fireMillis());
            if (!runs.containsKey(id)) createRun(job, due.fireMillis(), TriggerKind.TRIGGER_KIND_SCHEDULE, nowMillis, fx, true);
            scheduleNext(jobs.get(due.job()), Math.max(due.fireMillis(), nowMillis));
        }
        dispatch(fx);
        return fx;
    }

    /** When {@link #tick} next has something to do, if ever. */
    public Optional<Long> nextWakeupMillis() {
        Optional<Long> fire = fires.earliest();
        if (!recovering) return fire;
        return Optional.of(fire.map(f -> Math.min(f, recoveryDeadline)).orElse(recoveryDeadline));
    }

    private void scheduleNext(JobRecord job, long afterMillis) {
        Schedule schedule = job.getSpec().getSchedule();
        // a one-shot fires once even if its instant passed before it was stored or while there was no leader
        long after = schedule.getKindCase() == Schedule.KindCase.ONE_SHOT ? job.getLastFireMillis() : afterMillis;
        FireCalculator.nextFireAfter(schedule, job.getCreatedMillis(), Instant.ofEpochMilli(after))
                .ifPresent(next -> fires.schedule(job.getSpec().getName(), next.toEpochMilli()));
    }

    private String createRun(JobRecord job, long fireMillis, TriggerKind kind, long nowMillis, Effects fx, boolean recordFire) {
        String id = runId(job.getSpec().getName(), fireMillis, kind);
        Run run = Run.create(id, job.getSpec().getName(), fireMillis, kind, nowMillis, epoch,
                job.getSpec().getHandler(), job.getSpec().getJobParameter(), job.getSpec().getShardParametersList(),
                job.getSpec().getShardCount());
        runs.put(id, run);
        creating.add(id);
        fx.runsToCreate.add(run.toRecord());
        if (recordFire) {
            JobRecord updated = job.toBuilder().setLastFireMillis(fireMillis).build();
            jobs.put(job.getSpec().getName(), updated);
            fx.jobsToUpdate.add(updated);
        }
        counters.runsCreated++;
        return id;
    }

    /** Id of a scheduled (cron) fire: {@code job@fireMillis}. */
    public static String runId(String jobName, long fireMillis) {
        return jobName + "@" + fireMillis;
    }

    /**
     * Id of a run: scheduled fires use {@link #runId(String, long)}; runs started by a submission or an API
     * trigger carry a suffix so they can never take the id of a scheduled fire in the same millisecond.
     */
    public static String runId(String jobName, long fireMillis, TriggerKind kind) {
        return switch (kind) {
            case TRIGGER_KIND_RUN_NOW -> runId(jobName, fireMillis) + "-now";
            case TRIGGER_KIND_API -> runId(jobName, fireMillis) + "-api";
            default -> runId(jobName, fireMillis);
        };
    }

    /** The runs are durable: their shards may now be dispatched. */
    public Effects runsCreated(Collection<String> runIds) {
        Effects fx = new Effects();
        for (String id : runIds) {
            if (creating.remove(id)) withPending.add(id);
        }
        dispatch(fx);
        return fx;
    }

    /** Creating the runs failed (nothing was written): forget them. */
    public void runsCreateFailed(Collection<String> runIds) {
        for (String id : runIds) {
            if (creating.remove(id)) runs.remove(id);
        }
    }

    // ---------------------------------------------------------------- workers

    /** A worker answered our hello: record it, reconcile what it runs and reports, dispatch. */
    public Effects workerReady(WorkerStatus status, long nowMillis) {
        Effects fx = new Effects();
        String id = status.getWorkerId();
        if (workers.isReady(id)) voidAttemptsOf(id, "worker reconnected");
        workers.ready(status);
        for (AttemptRef ref : status.getRunningList()) {
            if (!claim(id, ref)) fx.cancel(id, cancelOf(ref, "attempt superseded"));
        }
        for (ShardReport report : status.getUnackedReportsList()) {
            claim(id, report.getRef());
            applyReport(id, report, nowMillis);
        }
        awaitedWorkers.remove(id);
        if (recovering && awaitedWorkers.isEmpty()) endRecovery(fx);
        dispatch(fx);
        return fx;
    }

    /** The worker takes no new assignments from now on; what it runs stays placed on it. */
    public void workerDraining(String workerId) {
        workers.drain(workerId);
    }

    /** The connection to a worker is gone (heartbeat timeout, closed) or its registration vanished. */
    public Effects workerGone(String workerId) {
        Effects fx = new Effects();
        awaitedWorkers.remove(workerId);
        voidAttemptsOf(workerId, "worker " + workerId + " lost");
        placer.forget(workerId);
        if (recovering && awaitedWorkers.isEmpty()) endRecovery(fx);
        dispatch(fx);
        return fx;
    }

    private void voidAttemptsOf(String workerId, String reason) {
        for (ShardKey key : workers.remove(workerId)) {
            Run run = runs.get(key.runId());
            if (run == null) continue;
            Shard shard = run.shard(key.shardIndex());
            if (ShardTransitions.isActive(shard.state()) && shard.workerId().equals(workerId)) {
                run.loseAttempt(key.shardIndex(), reason);
                counters.attemptsLost++;
                dirty.add(run.id());
                withPending.add(run.id());
            }
        }
    }

    /**
     * A worker says it holds {@code ref}. Returns true if that attempt is (now) the shard's current one.
     * A newer claim supersedes an older active attempt elsewhere, which is then cancelled.
     */
    private boolean claim(String workerId, AttemptRef ref) {
        Run run = runs.get(ref.getRunId());
        if (run == null || creating.contains(run.id())) return false;
        // A malformed claim must not throw: the event loop would end the term over one bad worker message.
        if (ref.getShardIndex() < 0 || ref.getShardIndex() >= run.shardCount()) return false;
        ShardKey key = new ShardKey(run.id(), ref.getShardIndex());
        Shard shard = run.shard(key.shardIndex());
        AttemptId attempt = new AttemptId(ref.getAssignEpoch(), ref.getAttempt());
        boolean wasActive = ShardTransitions.isActive(shard.state());
        if (wasActive && shard.current().equals(attempt) && shard.workerId().equals(workerId)) {
            workers.assign(workerId, key);
            if (recovering) claimed.add(key);
            return true;
        }
        String previousWorker = shard.workerId();
        AttemptId previous = shard.current();
        if (!run.adopt(key.shardIndex(), attempt, workerId)) return false;
        if (wasActive) {
            workers.release(previousWorker, key);
            cancelDisplaced(previousWorker, refOf(run.id(), key.shardIndex(), previous));
        }
        workers.assign(workerId, key);
        if (recovering) claimed.add(key);
        counters.adopted++;
        dirty.add(run.id());
        return true;
    }

    private void cancelDisplaced(String worker, AttemptRef ref) {
        displacedCancels.add(new Effects.Send(worker, null, cancelOf(ref, "attempt superseded by a newer one")));
    }

    private void endRecovery(Effects fx) {
        recovering = false;
        for (Run run : runs.values()) {
            if (creating.contains(run.id())) continue;
            for (Shard shard : run.shards()) {
                ShardKey key = new ShardKey(run.id(), shard.index());
                if (ShardTransitions.isActive(shard.state()) && !claimed.contains(key)) {
                    run.loseAttempt(shard.index(), "not claimed by any worker after leader change");
                    counters.attemptsLost++;
                    dirty.add(run.id());
                }
            }
            withPending.add(run.id());
        }
        claimed.clear();
    }

    public boolean isRecovering() {
        return recovering;
    }

    // ---------------------------------------------------------------- reports

    /** A worker reported on an attempt. Stale reports are counted and dropped (but acknowledged). */
    public Effects report(String workerId, ShardReport report, long nowMillis) {
        Effects fx = new Effects();
        applyReport(workerId, report, nowMillis);
        dispatch(fx);
        return fx;
    }

    private ReportVerdict applyReport(String workerId, ShardReport report, long nowMillis) {
        AttemptRef ref = report.getRef();
        boolean terminal = report.getOutcome() != ShardOutcome.SHARD_OUTCOME_STARTED;
        if (terminal) acksPending.computeIfAbsent(workerId, w -> new ArrayList<>()).add(ref);
        Run run = runs.get(ref.getRunId());
        if (run == null || creating.contains(run.id())) return ReportVerdict.UNKNOWN;
        AttemptId attempt = new AttemptId(ref.getAssignEpoch(), ref.getAttempt());
        ReportVerdict verdict = run.report(ref.getShardIndex(), attempt, report.getOutcome(), report.getMessage(),
                report.getStartedMillis(), report.getFinishedMillis(), nowMillis);
        if (verdict == ReportVerdict.STALE_ATTEMPT) counters.staleReports++;
        if (verdict != ReportVerdict.ACCEPTED) return verdict;
        dirty.add(run.id());
        if (terminal) {
            workers.release(workerId, new ShardKey(run.id(), ref.getShardIndex()));
            switch (report.getOutcome()) {
                case SHARD_OUTCOME_SUCCEEDED -> counters.acceptedSuccesses++;
                case SHARD_OUTCOME_FAILED -> counters.acceptedFailures++;
                default -> {
                    counters.attemptsLost++;
                    withPending.add(run.id());
                }
            }
            if (run.isFinished()) runEnded(run, nowMillis);
        }
        return verdict;
    }

    // ---------------------------------------------------------------- group commit

    /** Takes everything changed since the last batch; empty when there is nothing to write or ack. */
    public Optional<FlushBatch> takeFlush() {
        if (dirty.isEmpty() && acksPending.isEmpty()) return Optional.empty();
        List<RunRecord> records = new ArrayList<>(dirty.size());
        for (String id : dirty) {
            Run run = runs.get(id);
            if (run != null) records.add(run.toRecord());
        }
        dirty.clear();
        Map<String, List<AttemptRef>> acks = new HashMap<>(acksPending);
        acksPending.clear();
        return Optional.of(new FlushBatch(++flushSeq, records, acks));
    }

    /** A batch is durable: finished runs leave memory; its acks may be sent. */
    public void flushDone(FlushBatch batch) {
        for (RunRecord r : batch.records()) {
            Run run = runs.get(r.getRunId());
            if (run != null && run.isFinished() && !dirty.contains(run.id())) {
                runs.remove(run.id());
                withPending.remove(run.id());
            }
        }
    }

    // ---------------------------------------------------------------- dispatch

    private void dispatch(Effects fx) {
        fx.sends.addAll(displacedCancels);
        displacedCancels.clear();
        if (recovering) return;
        var it = withPending.iterator();
        while (it.hasNext()) {
            Run run = runs.get(it.next());
            if (run == null || run.isFinished()) {
                it.remove();
                continue;
            }
            List<Integer> pending = new ArrayList<>();
            for (Shard s : run.shards()) if (s.state() == ShardState.SHARD_STATE_PENDING) pending.add(s.index());
            if (pending.isEmpty()) {
                it.remove();
                continue;
            }
            List<WorkerSlot> slots = workers.slots();
            List<ShardPlacer.Placement> placements = placer.place(run.handler(), pending, slots);
            for (ShardPlacer.Placement p : placements) {
                AttemptId attempt = run.dispatch(p.shardIndex(), p.workerId(), epoch);
                workers.assign(p.workerId(), new ShardKey(run.id(), p.shardIndex()));
                fx.assign(p.workerId(), assignOf(run, p.shardIndex(), attempt));
                counters.dispatched++;
            }
            if (!placements.isEmpty()) dirty.add(run.id());
            if (placements.size() == pending.size()) it.remove();
        }
    }

    private AssignShard assignOf(Run run, int index, AttemptId attempt) {
        return AssignShard.newBuilder()
                .setRef(refOf(run.id(), index, attempt))
                .setJobName(run.jobName()).setHandler(run.handler())
                .setShardCount(run.shardCount()).setShardParameter(run.shardParameter(index))
                .setJobParameter(run.jobParameter()).setFireTimeMillis(run.fireTimeMillis())
                .build();
    }

    private static AttemptRef refOf(String runId, int index, AttemptId attempt) {
        return AttemptRef.newBuilder().setRunId(runId).setShardIndex(index)
                .setAttempt(attempt.attempt()).setAssignEpoch(attempt.epoch()).build();
    }

    private static CancelShard cancelOf(AttemptRef ref, String reason) {
        return CancelShard.newBuilder().setRef(ref).setReason(reason).build();
    }

    // ---------------------------------------------------------------- queries

    public Optional<RunRecord> run(String runId) {
        Run run = runs.get(runId);
        return run == null ? Optional.empty() : Optional.of(run.toRecord());
    }

    public List<RunRecord> activeRuns() {
        List<RunRecord> out = new ArrayList<>();
        for (Run r : runs.values()) out.add(r.toRecord());
        return out;
    }

    public long epoch() { return epoch; }
    public CoordinatorCounters counters() { return counters; }
    public Set<String> readyWorkers() { return workers.ids(); }
    public int runningOn(String workerId) { return workers.running(workerId); }
    public int scheduledJobs() { return fires.size(); }
}
