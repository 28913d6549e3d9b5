package io.baton.server.coordinator;

import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RunRecord;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What ZooKeeper holds in {@link SimulatedCluster}: jobs and run records, changed only by run creations
 * (all or nothing, refused when a run id is taken, as RunStore's multi is) and by group commits. Every
 * write passes {@link SimulationInvariants#durableWrite}. A new leader sees exactly this.
 */
final class SimulatedStore {
    /** Runs to create together with the job records their fires update: one multi. */
    record Creation(List<RunRecord> runs, List<JobRecord> jobs) {}

    private final Map<String, RunRecord> runs = new TreeMap<>();
    private final Map<String, JobRecord> jobs = new TreeMap<>();
    private final SimulationInvariants check;

    SimulatedStore(SimulationInvariants check, List<JobRecord> initialJobs) {
        this.check = check;
        initialJobs.forEach(this::putJob);
    }

    /** Writes every run and job of {@code c}, or nothing (false) when one of its run ids already exists. */
    boolean create(Creation c) {
        if (c.runs().stream().anyMatch(r -> runs.containsKey(r.getRunId()))) return false;
        for (RunRecord r : c.runs()) {
            check.durableWrite(null, r);
            runs.put(r.getRunId(), r);
        }
        c.jobs().forEach(this::putJob);
        return true;
    }

    /** A group commit: overwrites run records that must already exist. */
    void write(List<RunRecord> records) {
        for (RunRecord r : records) {
            SimulationInvariants.require(runs.containsKey(r.getRunId()), "flush of run %s that was never created", r.getRunId());
            check.durableWrite(runs.get(r.getRunId()), r);
            runs.put(r.getRunId(), r);
        }
    }

    void putJob(JobRecord job) {
        jobs.put(job.getSpec().getName(), job);
    }

    Map<String, RunRecord> runMap() { return runs; }
    Collection<RunRecord> runs() { return runs.values(); }
    Collection<JobRecord> jobs() { return jobs.values(); }
}
