package io.baton.testing.chaos.check;

import io.baton.testing.chaos.ChaosEvidence;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges a chaos run: the run ledger (fires → runs), the shard ledger (results → executions), fencing
 * (epochs) and the failover figures, into one verdict. Pure: reads only the {@link ChaosEvidence}.
 */
public final class InvariantChecker {
    private InvariantChecker() {}

    public static ChaosVerdict judge(ChaosEvidence evidence) {
        RunLedgerCheck.Result runs = RunLedgerCheck.check(evidence);
        ShardLedgerCheck.Result shards = ShardLedgerCheck.check(evidence);
        List<String> fencing = FencingCheck.check(evidence);
        FailoverFigures.Result failover = FailoverFigures.compute(evidence);
        List<String> violations = new ArrayList<>();
        violations.addAll(runs.violations());
        violations.addAll(shards.violations());
        violations.addAll(fencing);
        violations.addAll(failover.violations());
        return new ChaosVerdict(runs, shards, failover, fencing.size(), evidence.staleRejectedByWorkers(),
                evidence.staleRejectedByLeaders(), violations);
    }
}
