package io.baton.server.coordinator;

import io.baton.proto.v1.AssignShard;
import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.CancelShard;
import io.baton.proto.v1.ErrorCode;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.RetryPolicy;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.Schedule;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardReport;
import io.baton.proto.v1.ShardState;
import io.baton.proto.v1.TriggerKind;
import io.baton.proto.v1.WorkerStatus;
import io.baton.common.job.JobDefaults;
import io.baton.server.placement.ShardPlacer;
import io.baton.server.policy.ConcurrencyDecision;
import io.baton.server.policy.MisfireDecision;
import io.baton.server.policy.RetryBackoff;
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
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

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
    private final long misfireThresholdMillis;
    private final long timeoutGraceMillis;
    /** How long before its time a scheduled fire may be decided (see {@link CoordinatorConfig#fireLead()}). */
    private final long fireLeadMillis;
    /** How long before its fire time a run decided ahead sends its shards (see {@link CoordinatorConfig#dispatchLead()}). */
    private final long dispatchLeadMillis;
    private final RandomGenerator random;
    private final JobBook jobs = new JobBook();
    private final Set<String> deleting = new HashSet<>();
    private final Map<String, Run> runs = new LinkedHashMap<>();
    /** Finished runs whose final record went into a group commit: written once, then forgotten. */
    private final Set<String> finalTaken = new HashSet<>();
    private final ShardTimers timers = new ShardTimers();
    private final io.baton.server.schedule.CronCache crons = new io.baton.server.schedule.CronCache(10_000);
    /** The latest time an event brought; events without a time of their own (a worker lost) use it. */
    private long now;
    private final Set<String> creating = new HashSet<>();
    private final Set<String> withPending = new LinkedHashSet<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Map<String, List<AttemptRef>> acksPending = new HashMap<>();
    private final WorkerBook workers = new WorkerBook();
    private final ShardPlacer placer = new ShardPlacer();
    private final FireQueue fires = new FireQueue();
    /** Fires within the lead that must be decided at their time (their job's active runs gate them). */
    private final FireQueue held = new FireQueue();
    private final CoordinatorCounters counters = new CoordinatorCounters();
    private final Set<String> awaitedWorkers;
    private final Set<ShardKey> claimed = new HashSet<>();
    private final long recoveryDeadline;
    private boolean recovering = true;
    /** The ZooKeeper connection is in doubt: place nothing until it is back with the same session. */
    private boolean suspended;
    private long flushSeq;
    /** Cancels decided while claiming (inside events that build no Effects yet); flushed by dispatch. */
    private final List<Effects.Send> displacedCancels = new ArrayList<>();

    /**
     * Starts a term from what earlier terms persisted. {@code registeredWorkers} are the workers in the
     * registry now: recovery waits for each of them to answer our hello, until {@code recoveryDeadlineMillis}.
     * Default timing, with fires decided when due (no lead).
     */
    public CoordinatorState(long epoch, Collection<JobRecord> storedJobs, Collection<RunRecord> storedRuns,
                            Collection<String> registeredWorkers, long nowMillis, long recoveryDeadlineMillis) {
        this(epoch, storedJobs, storedRuns, registeredWorkers, nowMillis, recoveryDeadlineMillis,
                CoordinatorConfig.defaults().withFireLead(java.time.Duration.ZERO), new SplittableRandom(epoch));
    }

    /**
     * As above, with the term's timing ({@code misfireThreshold}, {@code timeoutGrace} of {@code config}) and
     * the randomness of retry jitter (seeded in tests).
     */
    public CoordinatorState(long epoch, Collection<JobRecord> storedJobs, Collection<RunRecord> storedRuns,
                            Collection<String> registeredWorkers, long nowMillis, long recoveryDeadlineMillis,
                            CoordinatorConfig config, RandomGenerator random) {
        this.epoch = epoch;
        this.misfireThresholdMillis = config.misfireThreshold().toMillis();
        this.timeoutGraceMillis = config.timeoutGrace().toMillis();
        this.fireLeadMillis = config.fireLead().toMillis();
        this.dispatchLeadMillis = Math.min(fireLeadMillis, config.dispatchLead().toMillis());
        this.random = random;
        this.now = nowMillis;
        this.awaitedWorkers = new HashSet<>(registeredWorkers);
        this.recoveryDeadline = recoveryDeadlineMillis;
        for (RunRecord r : storedRuns) {
            Run run = Run.fromRecord(r);
            if (run.isFinished()) continue;
            runs.put(run.id(), run);
            jobs.runActive(run.jobName(), run.id());
            if (run.beforeFireTime(nowMillis)) timers.fireTime(dispatchSlotMillis(run.fireTimeMillis(), dispatchLeadMillis), run.id());
            for (Shard shard : run.shards()) {
                ShardKey key = new ShardKey(run.id(), shard.index());
                if (shard.deadlineMillis() > 0 && ShardTransitions.isActive(shard.state())) {
                    timers.deadline(shard.deadlineMillis(), key, shard.current());
                }
                if (shard.retryAtMillis() > 0 && shard.state() == ShardState.SHARD_STATE_PENDING) {
                    timers.retry(shard.retryAtMillis(), key);
                }
            }
        }
        for (JobRecord j : storedJobs) {
            jobs.put(j);
            if (!j.getPaused()) scheduleFromLastFire(j);
        }
    }

    /** Schedules a job's next fire after its last decided one (which may be due already: a misfire). */
    private void scheduleFromLastFire(JobRecord job) {
        scheduleNext(job, Math.max(job.getLastFireMillis(), job.getCreatedMillis()));
        resumeFixedDelay(job);
    }

    /**
     * A fixed-delay job that fired before and has no unfinished run continues one delay after its last fire
     * (the end of that run is not stored; its fire time is the closest durable bound).
     */
    private void resumeFixedDelay(JobRecord job) {
        Schedule schedule = job.getSpec().getSchedule();
        if (schedule.getKindCase() != Schedule.KindCase.FIXED_DELAY || job.getLastFireMillis() == 0) return;
        if (jobs.activeRuns(job.getSpec().getName()).isEmpty()) {
            FireCalculator.afterRunEnded(schedule, job.getLastFireMillis())
                    .ifPresent(next -> fires.schedule(job.getSpec().getName(), next.toEpochMilli()));
        }
    }

    private void runEnded(Run run, long nowMillis) {
        counters.runsFinished++;
        withPending.remove(run.id());
        jobs.runInactive(run.jobName(), run.id());
        startNextQueued(run.jobName());
        // a fire held back by this run may now be decided ahead of its time: back to the queue the next tick
        // decides from (a job firing every lead or more often is held at each decision point by its previous run)
        held.fireOf(run.jobName()).ifPresent(fire -> {
            held.remove(run.jobName());
            fires.schedule(run.jobName(), fire);
        });
        JobRecord job = jobs.get(run.jobName()).orElse(null);
        if (job == null || job.getPaused() || run.trigger() != TriggerKind.TRIGGER_KIND_SCHEDULE) return;
        FireCalculator.afterRunEnded(job.getSpec().getSchedule(), nowMillis)
                .ifPresent(next -> fires.schedule(job.getSpec().getName(), next.toEpochMilli()));
    }

    /** QUEUE policy: when no run of the job is running, its oldest queued run starts. */
    private void startNextQueued(String jobName) {
        Run oldestQueued = null;
        for (String id : jobs.activeRuns(jobName)) {
            Run r = runs.get(id);
            if (r == null) continue;
            if (!r.isQueued()) return;
            if (oldestQueued == null) oldestQueued = r;
        }
        if (oldestQueued == null || creating.contains(oldestQueued.id())) return;
        oldestQueued.start();
        dirty.add(oldestQueued.id());
        withPending.add(oldestQueued.id());
    }

    // ---------------------------------------------------------------- jobs and fires

    /** A new job was stored by the caller: compute its first fire. */
    public void jobStored(JobRecord job, long nowMillis) {
        observe(nowMillis);
        jobs.put(job);
        unschedule(job.getSpec().getName());
        if (!job.getPaused()) scheduleNext(job, Math.max(job.getLastFireMillis(), nowMillis));
    }

    public Optional<JobRecord> job(String name) {
        return jobs.get(name);
    }

    /** Jobs whose name starts with {@code prefix}, in name order. */
    public List<JobRecord> jobs(String prefix) {
        return jobs.all().stream().filter(j -> j.getSpec().getName().startsWith(prefix))
                .sorted(java.util.Comparator.comparing(j -> j.getSpec().getName())).toList();
    }

    /** Operator's cordon (or uncordon): a cordoned worker gets no new shards; its running ones go on. */
    public Effects cordon(String workerId, boolean cordon) {
        workers.cordon(workerId, cordon);
        Effects fx = new Effects();
        if (!cordon) {
            // shards may have waited for its slots
            for (Run r : runs.values()) if (!r.isFinished()) withPending.add(r.id());
        }
        dispatch(fx);
        return fx;
    }

    /** The leader's view of each registered worker (id to registered capacity), in the given order. */
    public List<io.baton.proto.v1.WorkerState> workerStates(Map<String, Integer> registered) {
        List<io.baton.proto.v1.WorkerState> out = new ArrayList<>();
        registered.forEach((id, capacity) -> out.add(workers.state(id, capacity)));
        return out;
    }

    /**
     * A trigger with an idempotency key: the first trigger of the job with {@code key} (within
     * {@link #TRIGGER_KEY_LIFETIME_MILLIS}) creates a run and records the key on the job, written in the same
     * multi as the run; every later one returns that run's id without creating anything. Empty for an
     * unknown job.
     */
    public Optional<KeyedTrigger> trigger(String jobName, Optional<String> jobParameter, String key, long nowMillis, Effects fx) {
        observe(nowMillis);
        JobRecord job = jobs.get(jobName).orElse(null);
        if (job == null) return Optional.empty();
        for (io.baton.proto.v1.TriggerKey k : job.getRecentTriggersList()) {
            if (k.getKey().equals(key) && nowMillis - k.getAtMillis() < TRIGGER_KEY_LIFETIME_MILLIS) {
                return Optional.of(new KeyedTrigger(k.getRunId(), false));
            }
        }
        String runId = trigger(jobName, TriggerKind.TRIGGER_KIND_API, jobParameter, nowMillis, fx).orElseThrow();
        List<io.baton.proto.v1.TriggerKey> kept = new ArrayList<>();
        for (io.baton.proto.v1.TriggerKey k : job.getRecentTriggersList()) {
            if (nowMillis - k.getAtMillis() < TRIGGER_KEY_LIFETIME_MILLIS) kept.add(k);
        }
        kept.add(io.baton.proto.v1.TriggerKey.newBuilder().setKey(key).setRunId(runId).setAtMillis(nowMillis).build());
        if (kept.size() > MAX_TRIGGER_KEYS) kept = kept.subList(kept.size() - MAX_TRIGGER_KEYS, kept.size());
        JobRecord updated = jobs.get(jobName).orElseThrow().toBuilder().clearRecentTriggers().addAllRecentTriggers(kept).build();
        jobs.put(updated);
        fx.updateJob(updated);
        return Optional.of(new KeyedTrigger(runId, true));
    }

    /** The run a keyed trigger stands for, and whether this call created it. */
    public record KeyedTrigger(String runId, boolean created) {}

    /** How long a trigger's idempotency key is remembered. */
    public static final long TRIGGER_KEY_LIFETIME_MILLIS = 24 * 3_600_000L;
    /** How many recent trigger keys a job remembers at most (the oldest go first). */
    public static final int MAX_TRIGGER_KEYS = 100;

    /** Whether a job of that name is being deleted (its name cannot be taken again until that is done). */
    public boolean isDeleting(String name) {
        return deleting.contains(name);
    }

    // ---------------------------------------------------------------- lifecycle (user requests)
    // Each throws RequestRejected and changes nothing when the request cannot be applied. Changes are
    // written by the next group commit; the caller answers once that commit is durable.

    /** Replaces the spec of a job whose version is {@code expectedVersion}; the new schedule applies from now on. */
    public JobRecord updateJob(JobSpec spec, long expectedVersion, long nowMillis) {
        observe(nowMillis);
        JobRecord job = existing(spec.getName());
        long version = versionOf(job);
        if (version != expectedVersion) {
            throw new RequestRejected(ErrorCode.ERROR_CODE_CONFLICT, "job '" + spec.getName() + "' is at version "
                    + version + ", not " + expectedVersion + ": read it again and re-apply the change");
        }
        JobRecord updated = job.toBuilder().setSpec(spec).setVersion(version + 1).setUpdatedMillis(nowMillis).build();
        jobs.change(updated);
        unschedule(spec.getName());
        if (!updated.getPaused()) scheduleNext(updated, Math.max(updated.getLastFireMillis(), nowMillis));
        return updated;
    }

    /** Stops the job's schedule; running and queued runs go on. Idempotent. */
    public JobRecord pauseJob(String name, long nowMillis) {
        observe(nowMillis);
        JobRecord job = existing(name);
        if (job.getPaused()) return job;
        JobRecord paused = job.toBuilder().setPaused(true).setUpdatedMillis(nowMillis).build();
        jobs.change(paused);
        unschedule(name);
        return paused;
    }

    /** Restarts the job's schedule from its last decided fire: fires missed meanwhile meet the misfire policy. */
    public JobRecord resumeJob(String name, long nowMillis) {
        observe(nowMillis);
        JobRecord job = existing(name);
        if (!job.getPaused()) return job;
        JobRecord resumed = job.toBuilder().setPaused(false).setUpdatedMillis(nowMillis).build();
        jobs.change(resumed);
        unschedule(name);
        scheduleFromLastFire(resumed);
        return resumed;
    }

    /**
     * Removes a job from the schedule for deletion: refused while it has active runs unless
     * {@code cancelActiveRuns}, which cancels them (their final records go into the next group commit). The
     * caller deletes the stored job once that commit is durable, then calls {@link #jobDeleted}.
     */
    public void deleteJob(String name, boolean cancelActiveRuns, long nowMillis, Effects fx) {
        observe(nowMillis);
        existing(name);
        List<String> active = jobs.activeRuns(name);
        // runs decided ahead of a fire time not reached yet have not started: deleting the job cancels them
        List<String> started = active.stream().filter(id -> runs.get(id) == null || !runs.get(id).beforeFireTime(now)).toList();
        if (!started.isEmpty() && !cancelActiveRuns) {
            throw new RequestRejected(ErrorCode.ERROR_CODE_CONFLICT, "job '" + name + "' has " + started.size()
                    + " active run(s) " + started + "; cancel them or delete with cancel_active_runs");
        }
        for (String id : active) {
            if (creating.contains(id)) {
                throw new RequestRejected(ErrorCode.ERROR_CODE_UNAVAILABLE, "run " + id + " is being created; retry");
            }
        }
        for (String id : List.copyOf(active)) cancel(runs.get(id), "job deleted", nowMillis, fx);
        jobs.remove(name);
        unschedule(name);
        deleting.add(name);
    }

    /** The stored job and its history are gone: the name may be used again. */
    public void jobDeleted(String name) {
        deleting.remove(name);
    }

    /** Cancels an active run: its active shards are cancelled on their workers and it ends CANCELLED. */
    public RunRecord cancelRun(String runId, long nowMillis, Effects fx) {
        observe(nowMillis);
        Run run = runs.get(runId);
        if (run == null || run.isFinished()) {
            throw new RequestRejected(ErrorCode.ERROR_CODE_NOT_FOUND, "no active run '" + runId + "'");
        }
        if (creating.contains(runId)) {
            throw new RequestRejected(ErrorCode.ERROR_CODE_UNAVAILABLE, "run " + runId + " is being created; retry");
        }
        cancel(run, "cancelled by request", nowMillis, fx);
        dispatch(fx);
        return run.toRecord();
    }

    private void cancel(Run run, String reason, long nowMillis, Effects fx) {
        for (Run.ActiveAttempt a : run.cancel(reason, nowMillis)) {
            workers.release(a.workerId(), new ShardKey(run.id(), a.shardIndex()));
            fx.cancel(a.workerId(), cancelOf(refOf(run.id(), a.shardIndex(), a.attempt()), reason));
        }
        counters.runsCancelled++;
        dirty.add(run.id());
        runEnded(run, nowMillis);
    }

    private JobRecord existing(String name) {
        return jobs.get(name).orElseThrow(() ->
                new RequestRejected(ErrorCode.ERROR_CODE_NOT_FOUND, "job '" + name + "' not found"));
    }

    /** Jobs stored before versions existed count as version 1. */
    private static long versionOf(JobRecord job) {
        return Math.max(1, job.getVersion());
    }

    /**
     * Creates a run of {@code jobName} now (run-now submission or API trigger). The run id is derived from
     * the job and the fire time, so one fire can never yield two runs. The fire time is now, or just after
     * the job's last such fire (a clock behind an earlier term's) or an active run's, and is stored on the job
     * with the run: the store does not check history, so an id must never come round again.
     */
    public Optional<String> trigger(String jobName, TriggerKind kind, long nowMillis, Effects fx) {
        return trigger(jobName, kind, Optional.empty(), nowMillis, fx);
    }

    /** Like {@link #trigger(String, TriggerKind, long, Effects)}, with the job parameter replaced for this run. */
    public Optional<String> trigger(String jobName, TriggerKind kind, Optional<String> jobParameter, long nowMillis, Effects fx) {
        observe(nowMillis);
        JobRecord job = jobs.get(jobName).orElse(null);
        if (job == null) return Optional.empty();
        if (jobParameter.isPresent()) {
            job = job.toBuilder().setSpec(job.getSpec().toBuilder().setJobParameter(jobParameter.get())).build();
        }
        long fire = Math.max(nowMillis, job.getLastManualFireMillis() + 1);
        while (runs.containsKey(runId(jobName, fire, kind))) fire++;
        String id = createRun(job, fire, kind, nowMillis, fx, false);
        JobRecord updated = jobs.get(jobName).orElseThrow().toBuilder().setLastManualFireMillis(fire).build();
        jobs.put(updated);
        fx.updateJob(updated);
        return Optional.of(id);
    }

    /** Time passed: fires due cron jobs, ends recovery at its deadline, dispatches. */
    public Effects tick(long nowMillis) {
        observe(nowMillis);
        Effects fx = new Effects();
        if (recovering && nowMillis >= recoveryDeadline) endRecovery(fx);
        // Suspended, a fire is not decided: its run could not be stored, and a later decision stored past it
        // would move the job's last fire over it. Due fires wait for resume(), or for the next term.
        if (!suspended) {
            // fires up to the lead ahead are decided now, so their runs are durable by their instant; a fire
            // whose job has active runs waits for its time, when the concurrency policy can judge it
            for (FireQueue.Due due : fires.pollDue(nowMillis + fireLeadMillis)) {
                Optional<JobRecord> job = jobs.get(due.job()).filter(j -> !j.getPaused());
                if (job.isEmpty()) continue;
                if (due.fireMillis() <= nowMillis) {
                    fire(job.get(), due.fireMillis(), nowMillis, fx);
                } else if (decidableAhead(job.get())) {
                    counters.firesDecidedAhead++;
                    fire(job.get(), due.fireMillis(), nowMillis, fx);
                } else {
                    held.schedule(due.job(), due.fireMillis());
                }
            }
            for (FireQueue.Due due : held.pollDue(nowMillis)) {
                jobs.get(due.job()).filter(j -> !j.getPaused()).ifPresent(job -> fire(job, due.fireMillis(), nowMillis, fx));
            }
        }
        for (ShardTimers.Timer timer : timers.pollDue(nowMillis)) {
            switch (timer.kind()) {
                case DEADLINE -> deadlinePassed(timer, nowMillis, fx);
                case RETRY -> withPending.add(timer.shard().runId());
                case FIRE_TIME -> fireTimeReached(timer.shard().runId());
            }
        }
        dispatch(fx);
        return fx;
    }

    /**
     * A fire of {@code job}'s schedule is due: the misfire policy decides which fires make runs, the
     * concurrency policy whether each starts, queues or is skipped; the job's last fire moves past them all.
     */
    private void fire(JobRecord job, long dueMillis, long nowMillis, Effects fx) {
        JobSpec spec = job.getSpec();
        Schedule schedule = spec.getSchedule();
        MisfireDecision decision = MisfireDecision.decide(JobDefaults.misfirePolicy(spec), dueMillis,
                after -> FireCalculator.nextFireAfter(schedule, job.getCreatedMillis(), Instant.ofEpochMilli(after), crons)
                        .map(Instant::toEpochMilli),
                nowMillis, misfireThresholdMillis, JobDefaults.maxMissedFires(spec));
        if (decision.misfire()) counters.misfires++;
        int skipped = decision.skipped();
        boolean created = false;
        for (long fireMillis : decision.fires()) {
            if (runs.containsKey(runId(spec.getName(), fireMillis))) continue;
            ConcurrencyDecision gate = concurrency(spec);
            if (gate == ConcurrencyDecision.SKIP) {
                skipped++;
                continue;
            }
            createRun(job, fireMillis, TriggerKind.TRIGGER_KIND_SCHEDULE, nowMillis, fx, gate == ConcurrencyDecision.QUEUE);
            created = true;
        }
        counters.firesSkipped += skipped;
        JobRecord updated = job.toBuilder().setLastFireMillis(Math.max(job.getLastFireMillis(), decision.decidedUpTo()))
                .setSkippedFires(job.getSkippedFires() + skipped).build();
        // With a run, the job's last fire is written in the run's creation multi; without, by the group commit.
        if (created) {
            jobs.put(updated);
            fx.updateJob(updated);
        } else {
            jobs.change(updated);
        }
        scheduleNext(updated, Math.max(decision.decidedUpTo(), dueMillis));
        if (!created && schedule.getKindCase() == Schedule.KindCase.FIXED_DELAY) {
            // no run of ours will end to set the next fire: count the delay from this decision
            FireCalculator.afterRunEnded(schedule, nowMillis).ifPresent(next -> fires.schedule(spec.getName(), next.toEpochMilli()));
        }
    }

    /**
     * Whether a fire of {@code job} may be decided before its time: the decision must be the one its time would
     * bring, which holds when concurrent runs are allowed or the job has no active run (the default policies
     * skip or queue a fire only behind an active run). A run started meanwhile by an API trigger does not
     * undo a fire decided ahead.
     */
    private boolean decidableAhead(JobRecord job) {
        return JobDefaults.concurrencyPolicy(job.getSpec()) == io.baton.proto.v1.ConcurrencyPolicy.CONCURRENCY_POLICY_ALLOW
                || jobs.activeRuns(job.getSpec().getName()).isEmpty();
    }

    /**
     * A run decided ahead reached its fire time: its shards may be dispatched now. A run decided before its job
     * was paused or updated still runs, like any active run (pause and update apply from the next fire not yet
     * decided).
     */
    private void fireTimeReached(String runId) {
        Run run = runs.get(runId);
        if (run != null && !run.isFinished()) withPending.add(runId);
    }

    /** Removes the job's next fire, whether waiting in the lead or not. */
    private void unschedule(String jobName) {
        fires.remove(jobName);
        held.remove(jobName);
    }

    private ConcurrencyDecision concurrency(JobSpec spec) {
        int running = 0;
        int queued = 0;
        for (String id : jobs.activeRuns(spec.getName())) {
            Run r = runs.get(id);
            if (r == null) continue;
            if (r.isQueued()) queued++; else running++;
        }
        return ConcurrencyDecision.decide(JobDefaults.concurrencyPolicy(spec), running, queued, JobDefaults.maxQueuedRuns(spec));
    }

    /** The leader's deadline for an attempt passed: unless it finished meanwhile, it timed out. */
    private void deadlinePassed(ShardTimers.Timer timer, long nowMillis, Effects fx) {
        Run run = runs.get(timer.shard().runId());
        if (run == null || creating.contains(run.id())) return;
        int index = timer.shard().shardIndex();
        Shard shard = run.shard(index);
        String worker = shard.workerId();
        if (!run.timeOut(index, timer.attempt(), nowMillis, retryDelay(run, shard))) return;
        counters.attemptsTimedOut++;
        workers.release(worker, timer.shard());
        fx.cancel(worker, cancelOf(refOf(run.id(), index, timer.attempt()), "timed out"));
        attemptFailed(run, shard);
        dirty.add(run.id());
        if (run.isFinished()) runEnded(run, nowMillis);
    }

    /** After a failed attempt: a retry waits for its backoff, or the failure was final. */
    private void attemptFailed(Run run, Shard shard) {
        if (shard.state() == ShardState.SHARD_STATE_PENDING) {
            counters.retriesScheduled++;
            timers.retry(shard.retryAtMillis(), new ShardKey(run.id(), shard.index()));
        } else {
            counters.acceptedFailures++;
        }
    }

    /** The backoff before the next attempt of {@code shard}, should its current attempt fail now. */
    private long retryDelay(Run run, Shard shard) {
        RetryPolicy p = JobDefaults.resolve(run.retryPolicy());
        return RetryBackoff.delayMillis(p.getInitialBackoffMillis(), p.getMaxBackoffMillis(), p.getMultiplier(),
                p.getJitter(), shard.failedAttempts() + 1, random.nextDouble());
    }

    /** When {@link #tick} next has something to do, if ever. */
    public Optional<Long> nextWakeupMillis() {
        Optional<Long> fireDecisions = suspended ? Optional.empty()
                : earliest(fires.earliest().map(f -> f - fireLeadMillis), held.earliest());
        Optional<Long> next = earliest(fireDecisions, timers.earliest());
        if (!recovering) return next;
        return Optional.of(next.map(f -> Math.min(f, recoveryDeadline)).orElse(recoveryDeadline));
    }

    private static Optional<Long> earliest(Optional<Long> a, Optional<Long> b) {
        if (a.isEmpty()) return b;
        if (b.isEmpty()) return a;
        return Optional.of(Math.min(a.get(), b.get()));
    }

    private void observe(long nowMillis) {
        now = Math.max(now, nowMillis);
    }

    private void scheduleNext(JobRecord job, long afterMillis) {
        Schedule schedule = job.getSpec().getSchedule();
        // a one-shot fires once even if its instant passed before it was stored or while there was no leader
        long after = schedule.getKindCase() == Schedule.KindCase.ONE_SHOT ? job.getLastFireMillis() : afterMillis;
        FireCalculator.nextFireAfter(schedule, job.getCreatedMillis(), Instant.ofEpochMilli(after), crons)
                .ifPresent(next -> fires.schedule(job.getSpec().getName(), next.toEpochMilli()));
    }

    private String createRun(JobRecord job, long fireMillis, TriggerKind kind, long nowMillis, Effects fx, boolean queued) {
        JobSpec spec = job.getSpec();
        String id = runId(spec.getName(), fireMillis, kind);
        RunRecord header = RunRecord.newBuilder()
                .setRunId(id).setJobName(spec.getName()).setFireTimeMillis(fireMillis).setTrigger(kind)
                .setState(queued ? RunState.RUN_STATE_QUEUED : RunState.RUN_STATE_RUNNING)
                .setCreatedMillis(nowMillis).setCreatedEpoch(epoch)
                .setHandler(spec.getHandler()).setJobParameter(spec.getJobParameter())
                .addAllShardParameters(spec.getShardParametersList())
                .setAttemptTimeoutMillis(spec.getAttemptTimeoutMillis()).setRetry(spec.getRetry())
                .setJobVersion(versionOf(job))
                .build();
        Run run = Run.create(header, spec.getShardCount());
        runs.put(id, run);
        creating.add(id);
        jobs.runActive(spec.getName(), id);
        fx.runsToCreate.add(run.toRecord());
        if (run.beforeFireTime(nowMillis)) timers.fireTime(dispatchSlotMillis(fireMillis, dispatchLeadMillis), id);
        counters.runsCreated++;
        if (queued) counters.runsQueued++;
        return id;
    }

    /**
     * When a run decided ahead, firing at {@code fireMillis}, sends its shards: on a grid of half the dispatch
     * lead, the first grid point at most {@code leadMillis} before the fire. Runs firing within the same half
     * lead go out together, in one wake-up of the loop and one message batch per worker, instead of one of each
     * per fire (1,000 of each per second at 1,000 fires/s); each still starts at its own instant on the worker,
     * which holds it between half the lead and the whole lead. With no lead, at the fire instant.
     */
    static long dispatchSlotMillis(long fireMillis, long leadMillis) {
        long quantum = leadMillis / 2;
        if (quantum == 0) return fireMillis - leadMillis;
        return -Math.floorDiv(-(fireMillis - leadMillis), quantum) * quantum;
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
            if (!creating.remove(id)) continue;
            Run run = runs.get(id);
            if (run != null && !run.isQueued()) withPending.add(id);
            if (run != null && run.isQueued()) startNextQueued(run.jobName());
        }
        dispatch(fx);
        return fx;
    }

    /** Creating the runs failed (nothing was written): forget them. */
    public void runsCreateFailed(Collection<String> runIds) {
        for (String id : runIds) {
            if (!creating.remove(id)) continue;
            Run run = runs.remove(id);
            if (run != null) jobs.runInactive(run.jobName(), id);
        }
    }

    // ---------------------------------------------------------------- workers

    /** A worker answered our hello: record it, reconcile what it runs and reports, dispatch. */
    public Effects workerReady(WorkerStatus status, long nowMillis) {
        observe(nowMillis);
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
        if (!run.adopt(key.shardIndex(), attempt, workerId, now, timeoutGraceMillis)) return false;
        if (shard.deadlineMillis() > 0) timers.deadline(shard.deadlineMillis(), key, attempt);
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
        // a term that ended between finishing a run and starting the next queued one leaves only queued runs
        Set<String> jobsWithRuns = new HashSet<>();
        for (Run run : runs.values()) jobsWithRuns.add(run.jobName());
        jobsWithRuns.forEach(this::startNextQueued);
    }

    public boolean isRecovering() {
        return recovering;
    }

    /**
     * The connection to ZooKeeper is SUSPENDED: our session, and so this term, may already be over without
     * us knowing, so no shard is placed and no fire is decided from now on. Reports and attempt timers go
     * on; what waits is fired and placed by {@link #resume(long)}.
     */
    public void suspend() {
        suspended = true;
    }

    /** The connection is back with the same session, so the term holds: fire what fell due, place what waited. */
    public Effects resume(long nowMillis) {
        suspended = false;
        return tick(nowMillis);
    }

    public boolean isSuspended() {
        return suspended;
    }

    // ---------------------------------------------------------------- reports

    /** A worker reported on an attempt. Stale reports are counted and dropped (but acknowledged). */
    public Effects report(String workerId, ShardReport report, long nowMillis) {
        observe(nowMillis);
        Effects fx = new Effects();
        applyReport(workerId, report, nowMillis);
        dispatch(fx);
        return fx;
    }

    /** A report and the worker it came from. */
    public record IncomingReport(String workerId, ShardReport report) {}

    /**
     * Reports in arrival order, then one dispatch for all the slots they freed: what reporting them one by one
     * decides, with one placement pass instead of one per report. {@code stale} hears of each report of an
     * attempt that is no longer current (rejected, counted).
     */
    public Effects reports(List<IncomingReport> reports, long nowMillis, java.util.function.Consumer<IncomingReport> stale) {
        observe(nowMillis);
        Effects fx = new Effects();
        for (IncomingReport r : reports) {
            if (applyReport(r.workerId(), r.report(), nowMillis) == ReportVerdict.STALE_ATTEMPT) stale.accept(r);
        }
        dispatch(fx);
        return fx;
    }

    private ReportVerdict applyReport(String workerId, ShardReport report, long nowMillis) {
        AttemptRef ref = report.getRef();
        boolean terminal = report.getOutcome() != ShardOutcome.SHARD_OUTCOME_STARTED;
        if (terminal) acksPending.computeIfAbsent(workerId, w -> new ArrayList<>()).add(ref);
        // any attempt that ended on the worker (even one we no longer count) freed one of its threads
        if (terminal && report.getOutcome() != ShardOutcome.SHARD_OUTCOME_REFUSED) workers.slotFreed(workerId);
        Run run = runs.get(ref.getRunId());
        if (run == null || creating.contains(run.id())) return ReportVerdict.UNKNOWN;
        AttemptId attempt = new AttemptId(ref.getAssignEpoch(), ref.getAttempt());
        int index = ref.getShardIndex();
        long retryDelay = index >= 0 && index < run.shardCount() ? retryDelay(run, run.shard(index)) : 0;
        ReportVerdict verdict = run.report(index, attempt, report.getOutcome(), report.getMessage(),
                report.getStartedMillis(), report.getFinishedMillis(), nowMillis, retryDelay);
        if (verdict == ReportVerdict.STALE_ATTEMPT) counters.staleReports++;
        if (verdict != ReportVerdict.ACCEPTED) return verdict;
        dirty.add(run.id());
        if (terminal) {
            workers.release(workerId, new ShardKey(run.id(), ref.getShardIndex()));
            switch (report.getOutcome()) {
                case SHARD_OUTCOME_SUCCEEDED -> counters.acceptedSuccesses++;
                case SHARD_OUTCOME_FAILED, SHARD_OUTCOME_TIMED_OUT -> attemptFailed(run, run.shard(index));
                default -> {
                    counters.attemptsLost++;
                    withPending.add(run.id());
                    // the worker is fuller than we think (e.g. a handler still stuck after the leader timed it
                    // out): offer it nothing until it reports an attempt finished, instead of bouncing shards
                    if (report.getOutcome() == ShardOutcome.SHARD_OUTCOME_REFUSED) workers.markFull(workerId);
                }
            }
            if (run.isFinished()) runEnded(run, nowMillis);
        }
        return verdict;
    }

    // ---------------------------------------------------------------- group commit

    /** Whether something awaits a group commit ({@link #takeFlush} would return a batch). */
    public boolean hasUnflushed() {
        return !dirty.isEmpty() || !acksPending.isEmpty() || jobs.hasDirty();
    }

    /** Takes everything changed since the last batch; empty when there is nothing to write or ack. */
    public Optional<FlushBatch> takeFlush() {
        if (!hasUnflushed()) return Optional.empty();
        List<RunRecord> records = new ArrayList<>(dirty.size());
        for (String id : dirty) {
            Run run = runs.get(id);
            if (run == null || creating.contains(id)) continue;
            // a finished run's record moves to history in exactly one commit
            if (run.isFinished() && !finalTaken.add(id)) continue;
            records.add(run.toRecord());
        }
        dirty.removeIf(id -> !creating.contains(id));
        Map<String, List<AttemptRef>> acks = new HashMap<>(acksPending);
        acksPending.clear();
        return Optional.of(new FlushBatch(++flushSeq, records, jobs.takeDirty(), acks));
    }

    /** A batch is durable: finished runs leave memory; its acks may be sent. */
    public void flushDone(FlushBatch batch) {
        for (RunRecord r : batch.records()) {
            Run run = runs.get(r.getRunId());
            if (run != null && run.isFinished() && finalTaken.remove(run.id())) {
                runs.remove(run.id());
                withPending.remove(run.id());
                dirty.remove(run.id());
            }
        }
    }

    // ---------------------------------------------------------------- dispatch

    private void dispatch(Effects fx) {
        fx.sends.addAll(displacedCancels);
        displacedCancels.clear();
        if (recovering || suspended || !workers.anyFree()) return;
        var it = withPending.iterator();
        while (it.hasNext()) {
            Run run = runs.get(it.next());
            if (run == null || run.isFinished()) {
                it.remove();
                continue;
            }
            if (run.isQueued() || creating.contains(run.id())) {
                it.remove();
                continue;
            }
            List<WorkerSlot> slots = workers.slots();
            int free = 0;
            for (WorkerSlot w : slots) if (w.supports(run.handler())) free += w.free();
            if (free == 0) continue; // stays pending until a slot for its handler frees up
            // no more shards than could be placed now; shards waiting for a retry backoff are left to their
            // timer, which brings the run back here
            List<Integer> pending = run.dispatchable(now, dispatchLeadMillis, free);
            if (pending.isEmpty()) {
                it.remove();
                continue;
            }
            List<ShardPlacer.Placement> placements = placer.place(run.handler(), pending, slots);
            for (ShardPlacer.Placement p : placements) {
                AttemptId attempt = run.dispatch(p.shardIndex(), p.workerId(), epoch, now, timeoutGraceMillis);
                ShardKey key = new ShardKey(run.id(), p.shardIndex());
                workers.assign(p.workerId(), key);
                long deadline = run.shard(p.shardIndex()).deadlineMillis();
                if (deadline > 0) timers.deadline(deadline, key, attempt);
                fx.assign(p.workerId(), assignOf(run, p.shardIndex(), attempt));
                counters.dispatched++;
            }
            if (!placements.isEmpty()) dirty.add(run.id());
            // every dispatchable shard was found (fewer than the limit) and placed: none is left waiting
            if (pending.size() < free && placements.size() == pending.size()) it.remove();
        }
    }

    /**
     * The assignment of one shard. Its fire time is the run's, except that a run-now or API run is never
     * later than now: its id's instant can lie ahead (the job's last manual fire from a term whose clock was
     * ahead of ours), and a worker holds an assignment until its fire time.
     */
    private AssignShard assignOf(Run run, int index, AttemptId attempt) {
        long fire = run.trigger() == TriggerKind.TRIGGER_KIND_SCHEDULE ? run.fireTimeMillis() : Math.min(run.fireTimeMillis(), now);
        return AssignShard.newBuilder()
                .setRef(refOf(run.id(), index, attempt))
                .setJobName(run.jobName()).setHandler(run.handler())
                .setShardCount(run.shardCount()).setShardParameter(run.shardParameter(index))
                .setJobParameter(run.jobParameter()).setFireTimeMillis(fire)
                .setTimeoutMillis(run.attemptTimeoutMillis())
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

    /** A run as clients may see it: only once its creation is durable (a crash could still undo it before). */
    public Optional<RunRecord> durableRun(String runId) {
        return creating.contains(runId) ? Optional.empty() : run(runId);
    }

    /** The active runs whose creation is durable: what clients may see. */
    public List<RunRecord> activeRuns() {
        List<RunRecord> out = new ArrayList<>();
        for (Run r : runs.values()) if (!creating.contains(r.id())) out.add(r.toRecord());
        return out;
    }

    public long epoch() { return epoch; }
    public CoordinatorCounters counters() { return counters; }
    public Set<String> readyWorkers() { return workers.ids(); }
    public int runningOn(String workerId) { return workers.running(workerId); }
    public int scheduledJobs() { return fires.size(); }
}
