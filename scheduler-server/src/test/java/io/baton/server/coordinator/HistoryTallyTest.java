package io.baton.server.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.HistoryPolicy;
import io.baton.server.store.HistoryRetention;
import org.junit.jupiter.api.Test;

class HistoryTallyTest {
    private static HistoryPolicy keep(int maxRuns) {
        return HistoryPolicy.newBuilder().setMaxRuns(maxRuns).build();
    }

    private final HistoryTally tally = new HistoryTally();

    /** Finishes runs of {@code job} until one asks for a prune; how many it took. */
    private int finishedUntilDue(String job, HistoryPolicy policy, int most) {
        for (int n = 1; n <= most; n++) if (tally.finished(job, policy)) return n;
        return -1;
    }

    @Test
    void theSlackIsHalfTheBoundAndAtLeastOne() {
        assertThat(HistoryRetention.slack(1)).isEqualTo(1);
        assertThat(HistoryRetention.slack(3)).isEqualTo(1);
        assertThat(HistoryRetention.slack(10)).isEqualTo(5);
        assertThat(HistoryRetention.slack(100)).isEqualTo(50);
        assertThat(HistoryRetention.mostHeld(keep(10))).isEqualTo(15);
        assertThat(HistoryRetention.mostHeld(HistoryPolicy.getDefaultInstance())).isEqualTo(150);
    }

    @Test
    void aJobNotListedThisTermIsPrunedAtItsFirstFinishedRun() {
        assertThat(tally.finished("a", keep(10))).isTrue();
        assertThat(tally.bound("a")).isEqualTo(-1);
    }

    @Test
    void onceListedItIsPrunedOnlyWhenItsHistoryPassesTheBoundBySlack() {
        HistoryPolicy policy = keep(10);
        tally.finished("a", policy);
        tally.pruneSent("a");
        assertThat(tally.pruneDone("a", 10, policy)).isFalse();
        assertThat(tally.bound("a")).isEqualTo(10);
        // 10 kept: due when it would hold 16 (10 + slack 5 passed)
        assertThat(finishedUntilDue("a", policy, 100)).isEqualTo(6);
        assertThat(tally.bound("a")).isEqualTo(16);
    }

    @Test
    void theDefaultBoundAppliesWhenMaxRunsIsUnset() {
        HistoryPolicy unset = HistoryPolicy.getDefaultInstance();
        tally.finished("a", unset);
        tally.pruneSent("a");
        tally.pruneDone("a", 100, unset);
        assertThat(finishedUntilDue("a", unset, 1_000)).isEqualTo(51);
    }

    @Test
    void aSmallHistoryStillGrowsFromBelowItsBoundBeforeAPrune() {
        HistoryPolicy policy = keep(4);
        tally.finished("a", policy);
        tally.pruneSent("a");
        tally.pruneDone("a", 1, policy); // a young job: one run so far
        assertThat(finishedUntilDue("a", policy, 100)).as("1 + 6 > 4 + 2").isEqualTo(6);
    }

    @Test
    void runsFinishedWhileAPruneIsInFlightCountOnTopOfWhatItLeaves() {
        HistoryPolicy policy = keep(2);
        tally.finished("a", policy);
        tally.pruneSent("a");
        for (int i = 0; i < 5; i++) assertThat(tally.finished("a", policy)).as("one prune at a time").isFalse();
        // the listing may have seen some of those five already: counted twice, never missed
        assertThat(tally.pruneDone("a", 2, policy)).as("2 + 5 > 2 + 1: again at once").isTrue();
        assertThat(tally.bound("a")).isEqualTo(7);
    }

    @Test
    void aPruneThatFailedLeavesTheCountUnknownSoTheNextFinishedRunListsAgain() {
        HistoryPolicy policy = keep(10);
        tally.finished("a", policy);
        tally.pruneSent("a");
        assertThat(tally.pruneDone("a", -1, policy)).as("nothing finished meanwhile").isFalse();
        assertThat(tally.finished("a", policy)).isTrue();
    }

    @Test
    void aPolicyWithAnAgeLimitIsPrunedAtEveryFinishedRun() {
        HistoryPolicy aged = HistoryPolicy.newBuilder().setMaxRuns(10).setMaxAgeMillis(60_000).build();
        tally.finished("a", aged);
        tally.pruneSent("a");
        tally.pruneDone("a", 3, aged);
        assertThat(tally.finished("a", aged)).isTrue();
    }

    @Test
    void aLoweredBoundTakesEffectAtTheNextFinishedRun() {
        tally.finished("a", keep(100));
        tally.pruneSent("a");
        tally.pruneDone("a", 100, keep(100));
        assertThat(tally.finished("a", keep(100))).isFalse();
        assertThat(tally.finished("a", keep(10))).as("102 > 10 + 5").isTrue();
    }

    @Test
    void aForgottenJobStartsOverAndALatePruneOfItIsIgnored() {
        HistoryPolicy policy = keep(10);
        tally.finished("a", policy);
        tally.pruneSent("a");
        tally.forget("a");
        assertThat(tally.pruneDone("a", 10, policy)).isFalse();
        assertThat(tally.bound("a")).isEqualTo(-1);
        assertThat(tally.finished("a", policy)).as("a new job of that name: listed first").isTrue();
    }

    @Test
    void jobsAreCountedApart() {
        HistoryPolicy policy = keep(2);
        for (String job : new String[] {"a", "b"}) {
            tally.finished(job, policy);
            tally.pruneSent(job);
            tally.pruneDone(job, 2, policy);
        }
        assertThat(tally.finished("a", policy)).isFalse();
        assertThat(tally.finished("a", policy)).isTrue();
        assertThat(tally.bound("b")).isEqualTo(2);
    }
}
