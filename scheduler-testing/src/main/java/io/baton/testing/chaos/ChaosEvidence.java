package io.baton.testing.chaos;

import io.baton.proto.v1.RunRecord;
import io.baton.testing.journal.JournalEntry;
import java.util.List;

/**
 * Everything a chaos run leaves behind for the checker: the workload's jobs, the window in which every
 * scheduled fire must have made a run, the runs the cluster recorded, the workers' own journals (in file
 * order per worker), the faults injected, the API triggers made, and the stale-message counts read from the
 * process logs. Plain data; {@link io.baton.testing.chaos.check.InvariantChecker} judges it.
 *
 * @param checkedFromMillis fires at or after this (and after a job's creation + 1 s) must have a run
 * @param checkedToMillis   fires at or before this must have a run; later ones may (the workload was stopping)
 * @param sessionTimeoutMillis the ZooKeeper session timeout every node used
 */
public record ChaosEvidence(List<ChaosJob> jobs, long checkedFromMillis, long checkedToMillis, List<RunRecord> runs,
                            List<JournalEntry> journal, List<FaultRecord> faults, List<TriggerRecord> triggers,
                            long staleRejectedByWorkers, long staleRejectedByLeaders, long sessionTimeoutMillis) {
    public ChaosEvidence {
        jobs = List.copyOf(jobs);
        runs = List.copyOf(runs);
        journal = List.copyOf(journal);
        faults = List.copyOf(faults);
        triggers = List.copyOf(triggers);
    }

    /** Start lines: one per execution that began. */
    public List<JournalEntry> starts() {
        return journal.stream().filter(JournalEntry::isStart).toList();
    }

    /** End lines: one per execution that ended while its worker lived. */
    public List<JournalEntry> ends() {
        return journal.stream().filter(e -> !e.isStart()).toList();
    }
}
