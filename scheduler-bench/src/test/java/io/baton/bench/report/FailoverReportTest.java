package io.baton.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.bench.macro.FailoverKind;
import io.baton.bench.macro.FailoverScenario;
import io.baton.bench.macro.FailoverTrials;
import io.baton.bench.macro.TakeoverPhases;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The failover rows say which targets are met; the CSV holds every trial. */
class FailoverReportTest {
    private final List<FailoverTrials.Trial> trials = List.of(
            new FailoverTrials.Trial(FailoverKind.WORKER_KILL, 1, "w2", 1_000, 3, 4, 210, "", TakeoverPhases.UNKNOWN),
            new FailoverTrials.Trial(FailoverKind.LEADER_KILL, 1, "s1", 9_000, 3, 0, 3_650, "", new TakeoverPhases(3_020, 3_400, "s2", false)),
            new FailoverTrials.Trial(FailoverKind.LEADER_RESIGN, 1, "s2", 20_000, 4, 0, -1, "no shard started under an epoch after 4",
                    TakeoverPhases.UNKNOWN));
    private final FailoverScenario.Result result = new FailoverScenario.Result(3_000, trials, FailoverTrials.summarize(trials, 3_000));

    @Test
    void rowsGiveEachKindsPercentilesAgainstItsTarget() {
        assertThat(FailoverReport.markdownRows(result).lines()).containsExactly(
                "| worker kill -9 → its interrupted shards running elsewhere (last of them) | p50 210 ms, p99 210 ms, max 210 ms (n=1) | p99 ≤ 500 ms | yes |",
                "| leader kill -9 → first dispatch by the new leader | p50 3650 ms, p99 3650 ms, max 3650 ms (n=1); medians: new leader elected after 3020 ms, its term started (state loaded) after 3400 ms; 1 of 1 taken over by a node on its first term since it started | p99 ≤ 3700 ms (session 3000 ms + 0.7 s) | yes |",
                "| leader resign (SDK) → first dispatch by the new leader | not observed (n=0, 1 of 1 trials not observed) | p99 ≤ 100 ms | **no** |");
    }

    @Test
    void csvHasOneLinePerTrial() {
        assertThat(FailoverReport.csv(result).lines()).containsExactly(
                "kind,trial,victim,injected_ms,epoch_before,shards_interrupted,figure_ms,target_ms,session_timeout_ms,elected_ms,term_started_ms,successor,successor_had_led,problem",
                "worker-kill,1,w2,1000,3,4,210,500,3000,-1,-1,,false,",
                "leader-kill,1,s1,9000,3,0,3650,3700,3000,3020,3400,s2,false,",
                "leader-resign,1,s2,20000,4,0,-1,100,3000,-1,-1,,false,\"no shard started under an epoch after 4\"");
    }
}
