package io.baton.testing.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaultPlannerTest {
    @Test
    void theFirstRoundInjectsEveryKindOnceAfterAQuietGap() {
        List<FaultPlanner.PlannedFault> plan = FaultPlanner.firstRound(new Random(1));

        assertThat(plan).extracting(FaultPlanner.PlannedFault::kind).containsExactlyInAnyOrder(FaultKind.values());
        assertThat(plan).allSatisfy(p -> assertThat(p.gapMillis()).isBetween(FaultPlanner.MIN_GAP_MILLIS, FaultPlanner.MAX_GAP_MILLIS));
    }

    @Test
    void theSameSeedGivesTheSameSequence() {
        Random a = new Random(42);
        Random b = new Random(42);

        assertThat(FaultPlanner.firstRound(b)).isEqualTo(FaultPlanner.firstRound(a));
        assertThat(FaultPlanner.next(b)).isEqualTo(FaultPlanner.next(a));
        assertThat(FaultPlanner.firstRound(new Random(43))).isNotEqualTo(FaultPlanner.firstRound(new Random(42)));
    }

    @Test
    void laterFaultsAreOfEveryKindAndFitOnlyWhenTheirTypicalCostEndsBeforeTheDeadline() {
        Random random = new Random(3);
        List<FaultKind> kinds = IntStream.range(0, 500).mapToObj(i -> FaultPlanner.next(random).kind()).toList();
        assertThat(kinds).contains(FaultKind.values());

        FaultPlanner.PlannedFault f = new FaultPlanner.PlannedFault(FaultKind.WORKER_KILL, 4_000);
        long cost = 4_000 + FaultPlanner.typicalCostMillis(FaultKind.WORKER_KILL);
        assertThat(FaultPlanner.fits(f, 1_000, 1_000 + cost)).isTrue();
        assertThat(FaultPlanner.fits(f, 1_000, 1_000 + cost - 1)).isFalse();
    }
}
