package io.baton.server.coordinator;

import io.baton.proto.v1.AssignShard;
import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.Envelope;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardRecord;
import io.baton.proto.v1.ShardReport;
import io.baton.proto.v1.WorkerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A leader's first seconds played in memory, so that a follower has the code a takeover runs loaded and
 * compiled before it is needed: the state built from stored jobs and runs, workers greeting it (recovery ends),
 * fires decided, their runs "created", shards placed and their assignments serialised, success reported and
 * the results "flushed". Nothing is written or sent; the state is dropped. On a node's first term a takeover
 * spent tens of milliseconds in each of these steps (interpreted code, classes loaded on first use) that a
 * node which had led before did in one or two. Pure apart from the time given; not thread-safe.
 */
public final class TermRehearsal {
    /** Workers the rehearsal greets besides those the stored runs name; capacity is generous so every fire is placed. */
    static final int WORKERS = 2;
    static final int WORKER_CAPACITY = 1_000;
    /** Simulated time played after the state is built, in ticks of {@link #STEP_MILLIS}. */
    static final long PLAYED_MILLIS = 3_000;
    static final long STEP_MILLIS = 100;

    /** What a rehearsal did (for the log, and to show it exercised the paths). */
    public record Outcome(int attemptsClaimed, int runsCreated, int shardsAssigned, int reports, int flushes, long bytesSerialised) {}

    private TermRehearsal() {}

    /**
     * Plays a term starting at {@code nowMillis} over {@code jobs} and {@code runs} with {@code config}: the
     * workers the stored runs name greet it claiming the attempts recorded on them (adopted, as in a real
     * recovery), {@link #WORKERS} more greet it empty-handed, then {@link #PLAYED_MILLIS} pass.
     */
    public static Outcome play(List<JobRecord> jobs, List<RunRecord> runs, CoordinatorConfig config, long nowMillis) {
        java.util.Map<String, List<AttemptRef>> claims = new java.util.TreeMap<>();
        for (RunRecord run : runs) {
            for (ShardRecord shard : run.getShardsList()) {
                if (shard.getWorkerId().isEmpty() || shard.getAttempt() == 0) continue;
                claims.computeIfAbsent(shard.getWorkerId(), w -> new ArrayList<>()).add(AttemptRef.newBuilder().setRunId(run.getRunId())
                        .setShardIndex(shard.getIndex()).setAttempt(shard.getAttempt()).setAssignEpoch(shard.getAssignEpoch()).build());
            }
        }
        for (int i = 1; i <= WORKERS; i++) claims.put("rehearsal-worker-" + i, List.of());
        CoordinatorState state = new CoordinatorState(0, jobs, runs, claims.keySet(), nowMillis,
                nowMillis + config.recoveryWindow().toMillis(), config, new SplittableRandom(0));
        TreeSet<String> handlers = new TreeSet<>();
        for (JobRecord job : jobs) handlers.add(job.getSpec().getHandler());
        Tally tally = new Tally();
        claims.forEach((id, running) -> {
            WorkerStatus status = WorkerStatus.newBuilder().setWorkerId(id).setCapacity(WORKER_CAPACITY).addAllHandlers(handlers)
                    .addAllRunning(running).build();
            tally.claimed += running.size();
            tally.follow(state, state.workerReady(status, nowMillis), nowMillis);
        });
        for (long t = nowMillis; t <= nowMillis + PLAYED_MILLIS; t += STEP_MILLIS) tally.follow(state, state.tick(t), t);
        return new Outcome(tally.claimed, tally.created, tally.assigned, tally.reports, tally.flushes, tally.bytes);
    }

    /** Follows effects as a leader's shell would, with every write succeeding and every shard succeeding at once. */
    private static final class Tally {
        int claimed;
        int created;
        int assigned;
        int reports;
        int flushes;
        long bytes;

        void follow(CoordinatorState state, Effects fx, long now) {
            // bounded: each round answers what the previous one asked for, and finished shards ask for nothing more
            for (int round = 0; round < 8 && !fx.isEmpty(); round++) {
                Effects next = new Effects();
                if (!fx.runsToCreate().isEmpty()) {
                    List<String> ids = fx.runsToCreate().stream().map(RunRecord::getRunId).toList();
                    for (RunRecord r : fx.runsToCreate()) bytes += r.getSerializedSize();
                    created += ids.size();
                    next.addAll(state.runsCreated(ids));
                }
                List<CoordinatorState.IncomingReport> done = new ArrayList<>();
                for (Effects.Send send : fx.sends()) {
                    if (send.assign() == null) continue;
                    AssignShard assign = send.assign();
                    bytes += Envelope.newBuilder().setAssignShard(assign).setEpoch(state.epoch()).build().toByteArray().length;
                    assigned++;
                    done.add(new CoordinatorState.IncomingReport(send.workerId(), ShardReport.newBuilder().setRef(assign.getRef())
                            .setOutcome(ShardOutcome.SHARD_OUTCOME_SUCCEEDED).setWorkerId(send.workerId())
                            .setStartedMillis(now).setFinishedMillis(now).build()));
                }
                if (!done.isEmpty()) {
                    reports += done.size();
                    next.addAll(state.reports(done, now, stale -> { }));
                }
                state.takeFlush().ifPresent(batch -> {
                    flushes++;
                    for (RunRecord r : batch.records()) bytes += r.getSerializedSize();
                    state.flushDone(batch);
                });
                fx = next;
            }
        }
    }
}
