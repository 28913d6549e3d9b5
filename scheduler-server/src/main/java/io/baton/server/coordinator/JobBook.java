package io.baton.server.coordinator;

import io.baton.proto.v1.JobRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The leader's jobs: their records, which runs of each are active (running or queued, in creation order),
 * and which records changed since the last group commit. Pure; owned by {@link CoordinatorState}.
 */
final class JobBook {
    private final Map<String, JobRecord> jobs = new HashMap<>();
    private final Map<String, LinkedHashSet<String>> active = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();

    Optional<JobRecord> get(String name) {
        return Optional.ofNullable(jobs.get(name));
    }

    /** Records a job as stored elsewhere (loaded, or written by the caller). */
    void put(JobRecord job) {
        jobs.put(job.getSpec().getName(), job);
    }

    /** Changes a job in memory; the next group commit writes it. */
    void change(JobRecord job) {
        put(job);
        dirty.add(job.getSpec().getName());
    }

    /** The job is gone (deleted); it is no longer written. */
    void remove(String name) {
        jobs.remove(name);
        dirty.remove(name);
    }

    void runActive(String job, String runId) {
        active.computeIfAbsent(job, j -> new LinkedHashSet<>()).add(runId);
    }

    void runInactive(String job, String runId) {
        Set<String> ids = active.get(job);
        if (ids == null) return;
        ids.remove(runId);
        if (ids.isEmpty()) active.remove(job);
    }

    /** Active runs of {@code job}, oldest first. */
    List<String> activeRuns(String job) {
        Set<String> ids = active.get(job);
        return ids == null ? List.of() : List.copyOf(ids);
    }

    /** The changed records since the last call, which the caller writes. */
    List<JobRecord> takeDirty() {
        List<JobRecord> out = new ArrayList<>(dirty.size());
        for (String name : dirty) {
            JobRecord j = jobs.get(name);
            if (j != null) out.add(j);
        }
        dirty.clear();
        return out;
    }

    boolean hasDirty() {
        return !dirty.isEmpty();
    }

    Collection<JobRecord> all() {
        return jobs.values();
    }
}
