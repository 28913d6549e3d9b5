package io.baton.testing.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FaultPlannerTest {
    @Test
    void aShortRunStillInjectsEveryKindOnce() {
        List<FaultPlanner.PlannedFault> plan = FaultPlanner.plan(new Random(1), Duration.ofSeconds(10));

        assertThat(plan).extracting(FaultPlanner.PlannedFault::kind).containsExactlyInAnyOrder(FaultKind.values());
    }

    @Test
    void aLongRunAddsFaultsUntilItsTimeIsUsed() {
        Duration length = Duration.ofMinutes(20);
        List<FaultPlanner.PlannedFault> plan = FaultPlanner.plan(new Random(2), length);

        assertThat(plan).extracting(FaultPlanner.PlannedFault::kind).contains(FaultKind.values());
        assertThat(plan.size()).isGreaterThan(2 * FaultKind.values().length);
        assertThat(FaultPlanner.expectedLength(plan)).isLessThanOrEqualTo(length)
                .isGreaterThan(length.minusMillis(FaultPlanner.MAX_GAP_MILLIS + 15_000));
    }

    @Test
    void theSameSeedGivesTheSamePlanAndGapsStayInRange() {
        List<FaultPlanner.PlannedFault> a = FaultPlanner.plan(new Random(42), Duration.ofMinutes(5));

        assertThat(FaultPlanner.plan(new Random(42), Duration.ofMinutes(5))).isEqualTo(a);
        assertThat(a).allSatisfy(p -> assertThat(p.gapMillis()).isBetween(FaultPlanner.MIN_GAP_MILLIS, FaultPlanner.MAX_GAP_MILLIS));
        assertThat(FaultPlanner.plan(new Random(43), Duration.ofMinutes(5))).isNotEqualTo(a);
    }
}
