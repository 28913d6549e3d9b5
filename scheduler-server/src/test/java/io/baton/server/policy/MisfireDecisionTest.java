package io.baton.server.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.MisfirePolicy;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** Misfire decisions on a fixed-rate schedule of one fire every 10 s from 0, with a 5 s threshold. */
class MisfireDecisionTest {
    private static final long PERIOD = 10_000;
    private static final long THRESHOLD = 5_000;
    private static final LongFunction<Optional<Long>> EVERY_10S = after -> Optional.of((after / PERIOD + 1) * PERIOD);
    private static final MisfirePolicy ONCE = MisfirePolicy.MISFIRE_POLICY_FIRE_ONCE_NOW;
    private static final MisfirePolicy ALL = MisfirePolicy.MISFIRE_POLICY_FIRE_ALL_MISSED;
    private static final MisfirePolicy SKIP = MisfirePolicy.MISFIRE_POLICY_SKIP;

    private static MisfireDecision decide(MisfirePolicy policy, long due, long now, int max) {
        return MisfireDecision.decide(policy, due, EVERY_10S, now, THRESHOLD, max);
    }

    @Test
    void aFireLessLateThanTheThresholdIsOnTimeForEveryPolicy() {
        for (MisfirePolicy p : List.of(ONCE, ALL, SKIP, MisfirePolicy.MISFIRE_POLICY_UNSPECIFIED)) {
            MisfireDecision d = decide(p, 10_000, 14_000, 10);
            assertThat(d.misfire()).isFalse();
            assertThat(d.fires()).containsExactly(10_000L);
            assertThat(d.decidedUpTo()).isEqualTo(10_000);
            assertThat(d.skipped()).isZero();
        }
    }

    @Test
    void fireOnceNowMakesOneRunForFourMissedFiresAndDecidesAllUpToNow() {
        MisfireDecision d = decide(ONCE, 10_000, 41_000, 10);
        assertThat(d.misfire()).isTrue();
        assertThat(d.fires()).containsExactly(10_000L);
        assertThat(d.decidedUpTo()).isEqualTo(41_000);
        assertThat(decide(MisfirePolicy.MISFIRE_POLICY_UNSPECIFIED, 10_000, 41_000, 10)).isEqualTo(d);
    }

    @Test
    void fireAllMissedMakesARunPerMissedFireOldestFirst() {
        MisfireDecision d = decide(ALL, 10_000, 41_000, 10);
        assertThat(d.fires()).containsExactly(10_000L, 20_000L, 30_000L, 40_000L);
        assertThat(d.skipped()).isZero();
        assertThat(d.decidedUpTo()).isEqualTo(41_000);
    }

    @Test
    void fireAllMissedStopsAtItsBoundAndCountsTheRestAsSkipped() {
        MisfireDecision d = decide(ALL, 10_000, 1_000_000, 3);
        assertThat(d.fires()).containsExactly(10_000L, 20_000L, 30_000L);
        assertThat(d.skipped()).isEqualTo(1);
        assertThat(d.decidedUpTo()).isEqualTo(1_000_000);
    }

    @Test
    void skipMakesNoRunAndDecidesEverythingUpToNow() {
        MisfireDecision d = decide(SKIP, 10_000, 41_000, 10);
        assertThat(d.fires()).isEmpty();
        assertThat(d.skipped()).isEqualTo(1);
        assertThat(d.decidedUpTo()).isEqualTo(41_000);
    }

    @Test
    void aSingleFireLaterThanTheThresholdIsAMisfire() {
        // a schedule whose next fire is far away: only the lateness makes it a misfire
        LongFunction<Optional<Long>> hourly = after -> Optional.of(after + 3_600_000);
        MisfireDecision skip = MisfireDecision.decide(SKIP, 10_000, hourly, 16_000, THRESHOLD, 10);
        assertThat(skip.misfire()).isTrue();
        assertThat(skip.fires()).isEmpty();
        MisfireDecision once = MisfireDecision.decide(ONCE, 10_000, hourly, 16_000, THRESHOLD, 10);
        assertThat(once.fires()).containsExactly(10_000L);
    }

    @Test
    void twoFiresDueAtOnceAreAMisfireEvenWithinTheThreshold() {
        MisfireDecision d = decide(SKIP, 10_000, 20_001, 10);
        assertThat(d.misfire()).isTrue();
        assertThat(d.fires()).isEmpty();
    }

    @Test
    void aScheduleThatEndsStopsFireAllMissed() {
        LongFunction<Optional<Long>> endsAt30s = after -> after < 30_000 ? EVERY_10S.apply(after) : Optional.empty();
        MisfireDecision d = MisfireDecision.decide(ALL, 10_000, endsAt30s, 100_000, THRESHOLD, 10);
        assertThat(d.fires()).containsExactly(10_000L, 20_000L, 30_000L);
        assertThat(d.skipped()).isZero();
    }
}
