package io.baton.server.coordinator;

import static io.baton.server.coordinator.TestRecords.T0;

import io.baton.proto.v1.AssignShard;
import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.CancelShard;
import io.baton.proto.v1.CronSchedule;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.Schedule;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardReport;
import io.baton.proto.v1.TriggerKind;
import io.baton.proto.v1.WorkerStatus;
import io.baton.server.coordinator.SimulatedStore.Creation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A whole cluster around the pure {@link CoordinatorState}, driven by one seeded {@link Random} and a fake
 * clock: a {@link SimulatedStore}, a network whose messages arrive late, out of order or twice, workers that
 * crash, restart and reconnect, and leaders that change. It plays the shell's part ({@link Coordinator}):
 * one flush in flight at a time, acks sent once it is durable, a new term built from the store alone and
 * greeted by every worker with what it holds. {@link SimulationInvariants} are checked after every step.
 */
final class SimulatedCluster {
    static final long RECOVERY_WINDOW = 1500;

    private record ToWorker(String workerId, int incarnation, long epoch, AssignShard assign, CancelShard cancel,
                            List<AttemptRef> ack) {}
    private record ToLeader(String workerId, ShardReport report) {}
    private record Action(int weight, Runnable body) {}

    private final Random random;
    private final SimulationInvariants check = new SimulationInvariants();
    private final SimulatedStore store;
    private final Map<String, SimulatedWorker> workers = new LinkedHashMap<>();
    private final List<Creation> creations = new ArrayList<>();
    private final List<ToWorker> toWorkers = new ArrayList<>();
    private final List<ToLeader> toLeader = new ArrayList<>();
    /** Workers the current leader has greeted and not yet been told are gone. */
    private final Set<String> greeted = new LinkedHashSet<>();
    /** Crashed workers whose registration the current leader has not yet seen vanish. */
    private final Set<String> goneUnnoticed = new LinkedHashSet<>();
    private final Deque<String> trace = new ArrayDeque<>();
    private final List<Action> actions = new ArrayList<>();
    private final SimulationStats stats = new SimulationStats();
    private long now = T0;
    private long epoch = 1;
    private long recoveryDeadline;
    private final long fireLead;
    private CoordinatorState leader;
    private FlushBatch inFlight;

    SimulatedCluster(long seed) {
        random = new Random(seed);
        // odd seeds decide cron fires up to a second ahead (see fireLead()) (runs stored before their fire time), even seeds when due
        fireLead = seed % 2 == 0 ? 0 : 1_000;
        store = new SimulatedStore(check, List.of(TestRecords.runNowJob("alpha", "h1", 8),
                TestRecords.runNowJob("beta", "h2", 3), TestRecords.cronJob("gamma", "h1", 2, "*/5 * * * * ?", T0)));
        for (SimulatedWorker w : List.of(new SimulatedWorker("w1", 3, true, "h1", "h2"),
                new SimulatedWorker("w2", 2, true, "h1"), new SimulatedWorker("w3", 2, true, "h2"),
                new SimulatedWorker("w4", 4, false, "h1", "h2"))) {
            workers.put(w.id, w);
        }
        startTerm();
        actions.add(new Action(5, this::trigger));
        actions.add(new Action(10, () -> { now += random.nextInt(400); apply(leader.tick(now)); }));
        actions.add(new Action(1, this::restoreCronJob));
        actions.add(new Action(6, () -> completeCreation(randomIndex(creations), random.nextInt(15) == 0)));
        actions.add(new Action(8, this::takeFlush));
        actions.add(new Action(8, this::completeFlush));
        actions.add(new Action(18, () -> deliverToLeader(randomIndex(toLeader), random.nextInt(10) == 0)));
        actions.add(new Action(18, () -> deliverToWorker(randomIndex(toWorkers), random.nextInt(20) == 0)));
        actions.add(new Action(14, this::progress));
        actions.add(new Action(2, () -> pick(w -> w.linked).ifPresent(this::flap)));
        actions.add(new Action(5, () -> pick(w -> w.alive && !w.linked).ifPresent(this::hello)));
        actions.add(new Action(1, () -> pick(w -> w.linked).ifPresent(this::hello)));
        actions.add(new Action(1, () -> pick(w -> w.alive).ifPresent(this::crash)));
        actions.add(new Action(2, this::noticeGone));
        actions.add(new Action(2, () -> pick(w -> !w.alive).ifPresent(w -> { w.alive = true; log("restart " + w.id); })));
        actions.add(new Action(1, this::leaderChange));
    }

    /** One random event, then every invariant. */
    void step() {
        int roll = random.nextInt(actions.stream().mapToInt(Action::weight).sum());
        for (Action a : actions) {
            roll -= a.weight();
            if (roll < 0) {
                a.body().run();
                break;
            }
        }
        check.afterStep(leader, greeted, workers);
    }

    // ------------------------------------------------------------------ leader and store

    private void startTerm() {
        greeted.clear();
        Set<String> registered = new LinkedHashSet<>(goneUnnoticed);
        workers.values().stream().filter(w -> w.alive).forEach(w -> registered.add(w.id));
        recoveryDeadline = now + RECOVERY_WINDOW;
        leader = new CoordinatorState(epoch, store.jobs(), store.runs(), registered, now, recoveryDeadline,
                CoordinatorConfig.defaults().withFireLead(java.time.Duration.ofMillis(fireLead)), new java.util.SplittableRandom(epoch));
        check.newTerm();
        log("term " + epoch + " starts, awaiting " + registered);
    }

    private void leaderChange() {
        // The old term's writes in flight may or may not have become durable before the new leader fenced it.
        if (inFlight != null && random.nextBoolean()) store.write(inFlight.records());
        inFlight = null;
        for (Creation c : creations) if (random.nextBoolean()) store.create(c);
        creations.clear();
        toLeader.clear();
        workers.values().forEach(w -> w.linked = false);
        stats.staleReports += leader.counters().staleReports();
        stats.firesDecidedAhead += leader.counters().firesDecidedAhead();
        stats.leaderChanges++;
        epoch++;
        startTerm();
    }

    private void trigger() {
        if (leader.activeRuns().size() >= 8) return;
        Effects fx = new Effects();
        leader.trigger(random.nextBoolean() ? "alpha" : "beta", TriggerKind.TRIGGER_KIND_API, now, fx)
                .ifPresent(id -> log("trigger " + id));
        apply(fx);
    }

    /** An operator re-submits the cron job with another period: stored first (fenced), then the leader reschedules. */
    private void restoreCronJob() {
        JobRecord gamma = leader.job("gamma").orElseThrow();
        String expression = random.nextBoolean() ? "*/5 * * * * ?" : "*/3 * * * * ?";
        JobRecord changed = gamma.toBuilder().setSpec(gamma.getSpec().toBuilder()
                .setSchedule(Schedule.newBuilder().setCron(CronSchedule.newBuilder().setExpression(expression)))).build();
        store.putJob(changed);
        leader.jobStored(changed, now);
        log("job gamma stored: " + expression);
    }

    private void apply(Effects fx) {
        if (!fx.runsToCreate().isEmpty()) {
            creations.add(new Creation(List.copyOf(fx.runsToCreate()), List.copyOf(fx.jobsToUpdate())));
        }
        for (Effects.Send s : fx.sends()) {
            if (s.assign() != null) check.dispatched(leader, greeted, epoch, s);
            SimulatedWorker w = workers.get(s.workerId());
            if (w != null && w.linked) toWorkers.add(new ToWorker(w.id, w.incarnation, epoch, s.assign(), s.cancel(), null));
        }
    }

    private void completeCreation(int index, boolean fails) {
        if (index < 0) return;
        Creation c = creations.remove(index);
        List<String> ids = c.runs().stream().map(RunRecord::getRunId).toList();
        if (!fails && store.create(c)) {
            log("created " + ids);
            apply(leader.runsCreated(ids));
        } else {
            log("creation failed " + ids);
            leader.runsCreateFailed(ids);
        }
    }

    private void takeFlush() {
        if (inFlight == null) inFlight = leader.takeFlush().orElse(null);
    }

    private void completeFlush() {
        if (inFlight == null) return;
        FlushBatch batch = inFlight;
        inFlight = null;
        store.write(batch.records());
        leader.flushDone(batch);
        batch.acks().forEach((workerId, refs) -> {
            refs.forEach(ref -> check.acknowledged(store.runMap(), ref));
            SimulatedWorker w = workers.get(workerId);
            if (w != null && w.linked) toWorkers.add(new ToWorker(workerId, w.incarnation, epoch, null, null, List.copyOf(refs)));
        });
        log("flush " + batch.id() + " durable: " + batch.records().size() + " runs, acks to " + batch.acks().keySet());
    }

    private void leaderLosesWorker(String workerId) {
        greeted.remove(workerId);
        apply(leader.workerGone(workerId));
    }

    private void noticeGone() {
        if (goneUnnoticed.isEmpty()) return;
        String id = new ArrayList<>(goneUnnoticed).get(random.nextInt(goneUnnoticed.size()));
        goneUnnoticed.remove(id);
        log("registration of " + id + " vanished");
        leaderLosesWorker(id);
    }

    // ------------------------------------------------------------------ network

    private void deliverToLeader(int index, boolean duplicate) {
        if (index < 0) return;
        ToLeader m = duplicate ? toLeader.get(index) : toLeader.remove(index);
        long before = leader.counters().acceptedSuccesses();
        apply(leader.report(m.workerId(), m.report(), now));
        long delta = leader.counters().acceptedSuccesses() - before;
        if (delta != 0) check.successAccepted(leader, m.report(), delta);
        log("report " + m.workerId() + " " + SimulationInvariants.show(m.report().getRef()) + " "
                + m.report().getOutcome() + (duplicate ? " (copy)" : "") + (delta != 0 ? " accepted" : ""));
    }

    private void deliverToWorker(int index, boolean duplicate) {
        if (index < 0) return;
        ToWorker m = duplicate ? toWorkers.get(index) : toWorkers.remove(index);
        SimulatedWorker w = workers.get(m.workerId());
        if (!w.alive || w.incarnation != m.incarnation()) return;
        if (m.assign() != null) {
            log("assign " + SimulationInvariants.show(m.assign().getRef()) + " -> " + w.id);
            w.onAssign(m.epoch(), m.assign(), now).ifPresent(r -> emit(w, r));
        } else if (m.cancel() != null) {
            log("cancel " + SimulationInvariants.show(m.cancel().getRef()) + " -> " + w.id);
            w.onCancel(m.epoch(), m.cancel().getRef(), random.nextInt(5) == 0, now).ifPresent(r -> emit(w, r));
        } else {
            w.onAck(m.epoch(), m.ack());
        }
    }

    private void emit(SimulatedWorker w, ShardReport r) {
        check.workerReported(r);
        if (w.linked) toLeader.add(new ToLeader(w.id, r));
    }

    // ------------------------------------------------------------------ workers

    private void progress() {
        Optional<SimulatedWorker> busy = pick(w -> w.alive && !w.running().isEmpty());
        if (busy.isEmpty()) return;
        SimulatedWorker w = busy.get();
        AttemptRef ref = w.running().get(random.nextInt(w.running().size()));
        boolean start = !w.hasStarted(ref) && random.nextInt(3) == 0;
        emit(w, start ? w.start(ref, now) : w.finish(ref, ShardOutcome.SHARD_OUTCOME_SUCCEEDED, now));
    }

    private void hello(SimulatedWorker w) {
        toWorkers.removeIf(m -> m.workerId().equals(w.id) && m.epoch() == epoch); // the old link's messages
        goneUnnoticed.remove(w.id);
        greeted.add(w.id);
        WorkerStatus status = w.hello(epoch);
        long before = leader.counters().acceptedSuccesses();
        apply(leader.workerReady(status, now));
        stats.recoveredSuccesses += leader.counters().acceptedSuccesses() - before;
        log("hello " + w.id + ": running " + status.getRunningCount() + ", unacked " + status.getUnackedReportsCount());
    }

    private void flap(SimulatedWorker w) {
        w.linked = false;
        toWorkers.removeIf(m -> m.workerId().equals(w.id) && m.epoch() == epoch);
        // some reports already on their way still arrive after the leader saw the link drop: late delivery
        toLeader.removeIf(m -> m.workerId().equals(w.id) && random.nextBoolean());
        log("link to " + w.id + " lost");
        leaderLosesWorker(w.id);
    }

    private void crash(SimulatedWorker w) {
        w.crash();
        toWorkers.removeIf(m -> m.workerId().equals(w.id));
        if (greeted.contains(w.id)) goneUnnoticed.add(w.id);
        stats.crashes++;
        log("crash " + w.id);
    }

    // ------------------------------------------------------------------ the end: everyone up, everything delivered

    /** Brings every worker up and delivers everything until nothing changes; false if that never happens. */
    boolean settle() {
        log("settling");
        for (int round = 0; round < 400; round++) {
            boolean progress = false;
            for (SimulatedWorker w : workers.values()) {
                if (!w.alive) w.alive = progress = true;
                if (!w.linked) {
                    hello(w);
                    progress = true;
                }
            }
            for (; !toWorkers.isEmpty(); progress = true) deliverToWorker(0, false);
            for (; !toLeader.isEmpty(); progress = true) deliverToLeader(0, false);
            for (SimulatedWorker w : workers.values()) {
                for (AttemptRef ref : w.running()) {
                    emit(w, w.finish(ref, ShardOutcome.SHARD_OUTCOME_SUCCEEDED, now));
                    progress = true;
                }
            }
            for (; !creations.isEmpty(); progress = true) completeCreation(0, false);
            for (int i = 0; i < 2; i++) {
                progress |= inFlight != null;
                completeFlush();
                takeFlush();
            }
            if (leader.isRecovering()) now = Math.max(now, recoveryDeadline);
            // runs decided ahead start at their fire time: let the clock reach it
            long armed = leader.activeRuns().stream().filter(r -> r.getTrigger() == TriggerKind.TRIGGER_KIND_SCHEDULE)
                    .mapToLong(RunRecord::getFireTimeMillis).max().orElse(now);
            if (armed > now) {
                now = armed;
                progress = true;
            }
            Effects fx = leader.tick(now);
            progress |= !fx.isEmpty();
            apply(fx);
            check.afterStep(leader, greeted, workers);
            if (!progress) return true;
        }
        return false;
    }

    // ------------------------------------------------------------------ plumbing and views

    /** A random index of {@code list}, or -1 when it is empty. */
    private int randomIndex(List<?> list) {
        return list.isEmpty() ? -1 : random.nextInt(list.size());
    }

    private Optional<SimulatedWorker> pick(Predicate<SimulatedWorker> which) {
        List<SimulatedWorker> candidates = workers.values().stream().filter(which).toList();
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(random.nextInt(candidates.size())));
    }

    private void log(String event) {
        trace.addLast("t+" + (now - T0) + " e" + epoch + " " + event);
        if (trace.size() > 60) trace.removeFirst();
    }

    /** What happened so far, the current term's counters included. */
    SimulationStats stats() {
        SimulationStats s = new SimulationStats();
        s.leaderChanges = stats.leaderChanges;
        s.crashes = stats.crashes;
        s.recoveredSuccesses = stats.recoveredSuccesses;
        s.staleReports = stats.staleReports + leader.counters().staleReports();
        s.firesDecidedAhead = stats.firesDecidedAhead + leader.counters().firesDecidedAhead();
        return s;
    }

    SimulationInvariants invariants() { return check; }
    /** How long before their time this cluster's leaders decide cron fires. */
    long fireLead() { return fireLead; }
    CoordinatorState leader() { return leader; }
    Map<String, RunRecord> storedRuns() { return store.runMap(); }
    Map<String, SimulatedWorker> workers() { return workers; }
    boolean quiet() { return toWorkers.isEmpty() && toLeader.isEmpty() && creations.isEmpty() && inFlight == null; }

    String describe() {
        StringBuilder b = new StringBuilder("last events:\n");
        trace.forEach(e -> b.append("  ").append(e).append('\n'));
        b.append("workers: ").append(workers.values()).append('\n');
        b.append("leader e").append(epoch).append(" recovering=").append(leader.isRecovering())
                .append(" ready=").append(leader.readyWorkers()).append('\n');
        return b.toString();
    }
}
