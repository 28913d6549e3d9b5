package io.baton.testing.chaos.check;

import static io.baton.testing.chaos.check.Evidence.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.chaos.FaultKind;
import org.junit.jupiter.api.Test;

class FencingCheckTest {
    @Test
    void epochsThatFollowEachOtherPass() {
        Evidence ev = new Evidence();
        ev.execution("w1", "c@1", 1, 0, 1, 1, T0, T0 + 10, "SUCCEEDED");
        ev.execution("w2", "c@1", 1, 1, 1, 1, T0 + 5, T0 + 10, "SUCCEEDED");
        ev.execution("w1", "c@2", 2, 0, 1, 2, T0 + 100, T0 + 110, "SUCCEEDED");

        assertThat(FencingCheck.check(ev.build())).isEmpty();
    }

    @Test
    void aWorkerTakingOlderEpochWorkAfterNewerIsAViolation() {
        Evidence ev = new Evidence();
        ev.execution("w1", "c@1", 1, 0, 1, 3, T0, T0 + 10, "SUCCEEDED");
        ev.execution("w1", "c@2", 2, 0, 1, 2, T0 - 5, T0 + 10, "SUCCEEDED");

        assertThat(FencingCheck.check(ev.build())).anyMatch(v -> v.contains("worker w1") && v.contains("epoch 2"));
    }

    @Test
    void olderEpochWorkStartingAfterANewerEpochBeganIsSplitBrain() {
        Evidence ev = new Evidence();
        ev.execution("w1", "c@1", 1, 0, 1, 5, T0, T0 + 10, "SUCCEEDED");
        ev.execution("w2", "c@2", 2, 0, 1, 4, T0 + 50, T0 + 60, "SUCCEEDED");

        assertThat(FencingCheck.check(ev.build())).singleElement().asString().contains("two leaders dispatched at once");
    }

    @Test
    void aContinuedOldLeaderMustNotDispatch() {
        Evidence ev = new Evidence().fault(FaultKind.LEADER_STOP, "s1", T0, T0 + 4000, 7);
        ev.execution("w1", "c@1", 1, 0, 1, 7, T0 + 4100, T0 + 4200, "SUCCEEDED");

        assertThat(FencingCheck.check(ev.build())).singleElement().asString().contains("paused leader of epoch 7");
    }

    @Test
    void nothingStartsOnceQuorumIsLostAndTheSessionTimeoutPassed() {
        Evidence ev = new Evidence().fault(FaultKind.ZOOKEEPER_QUORUM_LOSS, "zk1", T0, T0 + 6000, 7);
        ev.execution("w1", "c@1", 1, 0, 1, 7, T0 + 500, T0 + 600, "SUCCEEDED"); // within the timeout: allowed
        assertThat(FencingCheck.check(ev.build())).isEmpty();

        ev.execution("w1", "c@2", 2, 0, 1, 7, T0 + 3000, T0 + 3100, "SUCCEEDED");
        assertThat(FencingCheck.check(ev.build())).singleElement().asString().contains("no quorum");
    }
}
