package io.baton.testing.chaos.check;

import io.baton.proto.v1.MisfirePolicy;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardRecord;
import io.baton.proto.v1.ShardState;
import io.baton.proto.v1.TriggerKind;
import io.baton.testing.chaos.ChaosEvidence;
import io.baton.testing.chaos.ChaosJob;
import io.baton.testing.chaos.FaultKind;
import io.baton.testing.chaos.FaultRecord;
import io.baton.testing.chaos.TriggerRecord;
import io.baton.testing.journal.JournalEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds {@link ChaosEvidence} for the checker's tests: a few jobs, runs, journal lines and faults. */
final class Evidence {
    static final long T0 = 1_700_000_000_000L; // a whole second
    static final String EVERY_SECOND = "* * * * * ?";

    final List<ChaosJob> jobs = new ArrayList<>();
    final List<RunRecord> runs = new ArrayList<>();
    final List<JournalEntry> journal = new ArrayList<>();
    final List<FaultRecord> faults = new ArrayList<>();
    final List<TriggerRecord> triggers = new ArrayList<>();
    long from = T0;
    long to = T0 + 4_000;

    static ChaosJob cron(String name, MisfirePolicy misfire) {
        return new ChaosJob(name, ChaosJob.Kind.CRON, EVERY_SECOND, misfire, 1, T0 - 5_000);
    }

    Evidence job(ChaosJob job) {
        jobs.add(job);
        return this;
    }

    /** A one-shard run that succeeded with attempt {@code attempt}/epoch {@code epoch} on {@code worker}, journaled. */
    Evidence run(String job, long fire, long created, String worker, int attempt, long epoch) {
        String id = job + "@" + fire;
        runs.add(record(id, job, fire, created, RunState.RUN_STATE_SUCCEEDED,
                shard(0, ShardState.SHARD_STATE_SUCCEEDED, attempt, epoch, worker, 1)));
        execution(worker, id, fire, 0, attempt, epoch, created + 10, created + 20, "SUCCEEDED");
        return this;
    }

    /** A run for every second of the checked window, each created on time. */
    Evidence everySecond(String job, String worker, long epoch) {
        for (long fire = from; fire <= to; fire += 1000) run(job, fire, fire + 1, worker, 1, epoch);
        return this;
    }

    Evidence execution(String worker, String run, long fire, int shard, int attempt, long epoch, long start, long end, String outcome) {
        String job = run.substring(0, run.indexOf('@'));
        journal.add(new JournalEntry(worker, job, run, fire, shard, attempt, epoch, start, 0, JournalEntry.STARTED));
        if (end > 0) journal.add(new JournalEntry(worker, job, run, fire, shard, attempt, epoch, start, end, outcome));
        return this;
    }

    Evidence fault(FaultKind kind, String target, long injected, long healed, long epochBefore) {
        faults.add(new FaultRecord(kind, List.of(target), injected, healed, epochBefore));
        return this;
    }

    Evidence trigger(String job, String key, String runId) {
        triggers.add(new TriggerRecord(job, key, Optional.ofNullable(runId), runId == null ? 0 : T0));
        return this;
    }

    static RunRecord record(String id, String job, long fire, long created, RunState state, ShardRecord... shards) {
        return RunRecord.newBuilder().setRunId(id).setJobName(job).setFireTimeMillis(fire).setCreatedMillis(created)
                .setTrigger(TriggerKind.TRIGGER_KIND_SCHEDULE).setState(state).addAllShards(List.of(shards)).build();
    }

    static ShardRecord shard(int index, ShardState state, int attempt, long epoch, String worker, int successes) {
        return ShardRecord.newBuilder().setIndex(index).setState(state).setAttempt(attempt).setAssignEpoch(epoch)
                .setWorkerId(worker).setSuccessCount(successes).build();
    }

    ChaosEvidence build() {
        return new ChaosEvidence(jobs, from, to, runs, journal, faults, triggers, 0, 0, 2_000);
    }
}
