package io.baton.testing.chaos.check;

import java.util.List;

/** The outcome of {@link InvariantChecker}: the figures of each check and every violation found. */
public record ChaosVerdict(RunLedgerCheck.Result runs, ShardLedgerCheck.Result shards, FailoverFigures.Result failover,
                           int fencingViolations, long staleRejectedByWorkers, long staleRejectedByLeaders,
                           List<String> violations) {
    public ChaosVerdict {
        violations = List.copyOf(violations);
    }

    public boolean passed() {
        return violations.isEmpty();
    }
}
