package io.baton.testing.journal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks the workers' journals of one run against Baton's guarantees: every shard was executed to an end at
 * least once (start lines are left out), and no attempt — identified by (shard, attempt, epoch) — ran to success twice. A list of
 * violations rather than a boolean, so a failing test says exactly what went wrong.
 */
public final class JournalAudit {
    private final String runId;
    private final List<JournalEntry> entries;

    public JournalAudit(String runId, Collection<JournalEntry> allEntries) {
        this.runId = runId;
        this.entries = allEntries.stream().filter(e -> e.run().equals(runId) && !e.isStart()).toList();
    }

    public List<JournalEntry> entries() {
        return entries;
    }

    /** Shards of {@code 0..shardCount-1} with no execution in any journal. */
    public Set<Integer> shardsNeverExecuted(int shardCount) {
        Set<Integer> missing = new TreeSet<>();
        for (int i = 0; i < shardCount; i++) missing.add(i);
        entries.forEach(e -> missing.remove(e.shard()));
        return missing;
    }

    /** Attempts (shard, attempt, epoch) that have more than one SUCCEEDED execution, with their entries. */
    public Map<String, List<JournalEntry>> duplicateSuccessfulAttempts() {
        return entries.stream().filter(JournalEntry::succeeded)
                .collect(Collectors.groupingBy(e -> "shard=" + e.shard() + " attempt=" + e.attempt() + " epoch=" + e.epoch()))
                .entrySet().stream().filter(group -> group.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Executions per worker, for logging where the shards ran. */
    public Map<String, Long> executionsByWorker() {
        return entries.stream().collect(Collectors.groupingBy(JournalEntry::worker, TreeMap::new, Collectors.counting()));
    }

    /** Entries of one shard in start order. */
    public List<JournalEntry> shard(int index) {
        List<JournalEntry> out = new ArrayList<>(entries.stream().filter(e -> e.shard() == index).toList());
        out.sort(Comparator.comparingLong(JournalEntry::startMillis));
        return out;
    }

    /** Every problem found, empty when the journals satisfy both guarantees. */
    public List<String> violations(int shardCount) {
        List<String> problems = new ArrayList<>();
        Set<Integer> missing = shardsNeverExecuted(shardCount);
        if (!missing.isEmpty()) problems.add("run " + runId + ": shards never executed: " + missing);
        duplicateSuccessfulAttempts().forEach((attempt, dupes) ->
                problems.add("run " + runId + ": " + attempt + " succeeded " + dupes.size() + " times: "
                        + dupes));
        return problems;
    }
}
