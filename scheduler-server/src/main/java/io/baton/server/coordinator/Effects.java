package io.baton.server.coordinator;

import io.baton.proto.v1.AssignShard;
import io.baton.proto.v1.CancelShard;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RunRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * What the pure coordinator decided must happen outside it: messages to workers and runs to create.
 * The shell ({@link Coordinator}) carries them out in order: run creations first (they must be durable
 * before any of their shards is dispatched, which the state already ensures), then messages.
 */
public final class Effects {
    public record Send(String workerId, AssignShard assign, CancelShard cancel) {}

    final List<Send> sends = new ArrayList<>();
    final List<RunRecord> runsToCreate = new ArrayList<>();
    /** By job name: a later version of a job's record replaces an earlier one of the same batch. */
    private final java.util.LinkedHashMap<String, JobRecord> jobsToUpdate = new java.util.LinkedHashMap<>();

    void assign(String workerId, AssignShard a) {
        sends.add(new Send(workerId, a, null));
    }

    /** The job's record goes into the creation multi of this batch's runs (a later version replaces an earlier one). */
    void updateJob(JobRecord job) {
        jobsToUpdate.put(job.getSpec().getName(), job);
    }

    void cancel(String workerId, CancelShard c) {
        sends.add(new Send(workerId, null, c));
    }

    /** Adds {@code other}'s sends, runs and job records after this one's, in order. */
    void addAll(Effects other) {
        sends.addAll(other.sends);
        runsToCreate.addAll(other.runsToCreate);
        other.jobsToUpdate.values().forEach(this::updateJob);
    }

    public List<Send> sends() { return sends; }
    public List<RunRecord> runsToCreate() { return runsToCreate; }
    public List<JobRecord> jobsToUpdate() { return List.copyOf(jobsToUpdate.values()); }

    public boolean isEmpty() {
        return sends.isEmpty() && runsToCreate.isEmpty() && jobsToUpdate.isEmpty();
    }
}
