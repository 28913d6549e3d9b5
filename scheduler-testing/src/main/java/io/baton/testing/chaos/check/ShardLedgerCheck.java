package io.baton.testing.chaos.check;

import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardRecord;
import io.baton.proto.v1.ShardState;
import io.baton.testing.chaos.ChaosEvidence;
import io.baton.testing.chaos.FaultKind;
import io.baton.testing.chaos.FaultRecord;
import io.baton.testing.journal.JournalEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Shards against executions: every run ended SUCCEEDED with every shard accepted exactly once; each accepted
 * result matches an execution that succeeded in that worker's own journal; nothing ran after the accepted
 * attempt (a superseded attempt's result was never taken); no attempt ran twice; and every extra execution
 * of a shard happened while a fault was in progress, which the result attributes it to. Pure.
 */
public final class ShardLedgerCheck {
    /** An extra execution counts as caused by a fault that healed at most this long before it ended. */
    static final long EXPLAIN_SLACK_MILLIS = 15_000;

    public record Result(long executions, long extraExecutions, Map<FaultKind, Long> extrasByFault, List<String> violations) {}

    private final ChaosEvidence evidence;
    private final Map<String, List<JournalEntry>> startsByShard;
    private final Set<String> endedOk;
    private final List<String> violations = new ArrayList<>();
    private final Map<FaultKind, Long> extrasByFault = new EnumMap<>(FaultKind.class);
    private long extras;

    private ShardLedgerCheck(ChaosEvidence evidence) {
        this.evidence = evidence;
        this.startsByShard = evidence.starts().stream().collect(Collectors.groupingBy(JournalEntry::shardKey));
        this.endedOk = evidence.ends().stream().filter(JournalEntry::succeeded).map(JournalEntry::executionKey)
                .collect(Collectors.toSet());
    }

    public static Result check(ChaosEvidence evidence) {
        ShardLedgerCheck check = new ShardLedgerCheck(evidence);
        evidence.runs().forEach(check::run);
        return new Result(evidence.starts().size(), check.extras, Map.copyOf(check.extrasByFault), List.copyOf(check.violations));
    }

    private void run(RunRecord run) {
        if (run.getState() != RunState.RUN_STATE_SUCCEEDED) {
            violations.add("run " + run.getRunId() + " ended " + run.getState() + ": " + failedShards(run));
        }
        for (ShardRecord shard : run.getShardsList()) shard(run, shard);
    }

    private void shard(RunRecord run, ShardRecord shard) {
        String where = "run " + run.getRunId() + " shard " + shard.getIndex();
        List<JournalEntry> starts = new ArrayList<>(startsByShard.getOrDefault(JournalEntry.shardKey(run.getRunId(), shard.getIndex()), List.of()));
        starts.sort(Comparator.comparingLong(JournalEntry::startMillis));
        if (shard.getState() == ShardState.SHARD_STATE_SUCCEEDED) {
            if (shard.getSuccessCount() != 1) violations.add(where + " was counted as succeeded " + shard.getSuccessCount() + " times");
            String accepted = JournalEntry.executionKey(shard.getWorkerId(), run.getRunId(), shard.getIndex(), shard.getAttempt(), shard.getAssignEpoch());
            if (!endedOk.contains(accepted)) {
                violations.add(where + ": the accepted result (attempt " + shard.getAttempt() + " epoch " + shard.getAssignEpoch()
                        + " on " + shard.getWorkerId() + ") has no successful execution in that worker's journal");
            }
            starts.stream().filter(s -> s.attempt() > shard.getAttempt()).findFirst().ifPresent(later ->
                    violations.add(where + ": attempt " + shard.getAttempt() + " was accepted although attempt " + later.attempt()
                            + " had started on " + later.worker() + " (a superseded result was applied)"));
        }
        Set<Integer> attempts = new HashSet<>();
        for (JournalEntry s : starts) {
            if (!attempts.add(s.attempt())) violations.add(where + ": attempt " + s.attempt() + " was executed more than once: " + starts);
        }
        for (int i = 0; i < starts.size() - 1; i++) explainExtra(where, starts.get(i), starts.get(i + 1).startMillis());
    }

    /** {@code extra} was superseded by an execution that started at {@code supersededAt}: some fault must explain it. */
    private void explainExtra(String where, JournalEntry extra, long supersededAt) {
        extras++;
        Optional<FaultRecord> cause = evidence.faults().stream()
                .filter(f -> f.overlaps(extra.startMillis(), supersededAt, EXPLAIN_SLACK_MILLIS))
                .min(Comparator.comparingLong(f -> Math.abs(f.injectedMillis() - extra.startMillis())));
        if (cause.isPresent()) {
            extrasByFault.merge(cause.get().kind(), 1L, Long::sum);
        } else {
            violations.add(where + ": attempt " + extra.attempt() + " on " + extra.worker() + " (started " + extra.startMillis()
                    + ") was executed again at " + supersededAt + " with no fault in progress to explain it");
        }
    }

    private static String failedShards(RunRecord run) {
        return run.getShardsList().stream().filter(s -> s.getState() != ShardState.SHARD_STATE_SUCCEEDED)
                .map(s -> "shard " + s.getIndex() + " " + s.getState() + " '" + s.getMessage() + "'")
                .collect(Collectors.joining("; "));
    }
}
