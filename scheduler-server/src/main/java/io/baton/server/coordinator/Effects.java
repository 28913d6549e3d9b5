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
    final List<JobRecord> jobsToUpdate = new ArrayList<>();

    void assign(String workerId, AssignShard a) {
        sends.add(new Send(workerId, a, null));
    }

    void cancel(String workerId, CancelShard c) {
        sends.add(new Send(workerId, null, c));
    }

    public List<Send> sends() { return sends; }
    public List<RunRecord> runsToCreate() { return runsToCreate; }
    public List<JobRecord> jobsToUpdate() { return jobsToUpdate; }

    public boolean isEmpty() {
        return sends.isEmpty() && runsToCreate.isEmpty() && jobsToUpdate.isEmpty();
    }
}
