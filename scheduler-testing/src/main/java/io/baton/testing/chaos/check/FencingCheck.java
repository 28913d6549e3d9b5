package io.baton.testing.chaos.check;

import io.baton.testing.chaos.ChaosEvidence;
import io.baton.testing.chaos.FaultKind;
import io.baton.testing.chaos.FaultRecord;
import io.baton.testing.journal.JournalEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Epochs against executions: each worker started work in non-decreasing epoch order (it never took an
 * assignment from a leader older than one it had already obeyed); no epoch's work started after a newer
 * epoch's first work anywhere (no two leaders dispatching at once); a paused old leader dispatched nothing
 * after it was continued; and nothing started while ZooKeeper had lost its quorum (once the session timeout
 * had passed, by which time every leader must have stopped). Pure.
 */
public final class FencingCheck {
    private FencingCheck() {}

    public static List<String> check(ChaosEvidence evidence) {
        List<String> violations = new ArrayList<>();
        List<JournalEntry> starts = evidence.starts();
        perWorkerOrder(starts, violations);
        noOverlappingEpochs(starts, violations);
        for (FaultRecord f : evidence.faults()) {
            if (f.kind() == FaultKind.LEADER_STOP) pausedLeaderStayedQuiet(f, starts, violations);
            if (f.kind() == FaultKind.ZOOKEEPER_QUORUM_LOSS) nothingWithoutQuorum(f, starts, evidence.sessionTimeoutMillis(), violations);
        }
        return violations;
    }

    /** Journal order per worker is start order: a worker that obeyed epoch e never starts work of epoch < e. */
    private static void perWorkerOrder(List<JournalEntry> starts, List<String> violations) {
        Map<String, JournalEntry> highest = new HashMap<>();
        for (JournalEntry s : starts) {
            JournalEntry before = highest.get(s.worker());
            if (before != null && s.epoch() < before.epoch()) {
                violations.add("worker " + s.worker() + " started " + s.run() + " shard " + s.shard() + " of epoch " + s.epoch()
                        + " at " + s.startMillis() + " after it had started work of epoch " + before.epoch() + " at " + before.startMillis());
            }
            if (before == null || s.epoch() > before.epoch()) highest.put(s.worker(), s);
        }
    }

    private static void noOverlappingEpochs(List<JournalEntry> starts, List<String> violations) {
        TreeMap<Long, Long> firstStartByEpoch = new TreeMap<>();
        for (JournalEntry s : starts) firstStartByEpoch.merge(s.epoch(), s.startMillis(), Math::min);
        // for each epoch, the earliest work of any newer epoch
        Map<Long, Long> newerFirst = new HashMap<>();
        long earliest = Long.MAX_VALUE;
        for (Map.Entry<Long, Long> e : firstStartByEpoch.descendingMap().entrySet()) {
            newerFirst.put(e.getKey(), earliest);
            earliest = Math.min(earliest, e.getValue());
        }
        for (JournalEntry s : starts) {
            long newer = newerFirst.get(s.epoch());
            if (s.startMillis() > newer) {
                violations.add("epoch " + s.epoch() + " work (" + s.run() + " shard " + s.shard() + " on " + s.worker() + ") started at "
                        + s.startMillis() + ", after a newer epoch had started work at " + newer + ": two leaders dispatched at once");
            }
        }
    }

    private static void pausedLeaderStayedQuiet(FaultRecord f, List<JournalEntry> starts, List<String> violations) {
        starts.stream().filter(s -> s.epoch() == f.epochBefore() && s.startMillis() > f.healedMillis()).findFirst().ifPresent(s ->
                violations.add("the paused leader of epoch " + f.epochBefore() + " (" + f.targets() + ") dispatched " + s.run()
                        + " shard " + s.shard() + ", started at " + s.startMillis() + " after it was continued at " + f.healedMillis()));
    }

    private static void nothingWithoutQuorum(FaultRecord f, List<JournalEntry> starts, long sessionTimeoutMillis, List<String> violations) {
        long from = f.injectedMillis() + sessionTimeoutMillis;
        starts.stream().filter(s -> s.startMillis() >= from && s.startMillis() <= f.healedMillis()).findFirst().ifPresent(s ->
                violations.add("work started at " + s.startMillis() + " (" + s.run() + " shard " + s.shard() + " epoch " + s.epoch()
                        + ") while ZooKeeper had no quorum (" + f.describe() + ")"));
    }
}
