package io.baton.testing.chaos.check;

import static io.baton.testing.chaos.check.Evidence.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.chaos.FaultKind;
import io.baton.testing.journal.JournalEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverFiguresTest {
    @Test
    void workerLossIsTimedFromTheFaultToEachShardStartingElsewhere() {
        Evidence ev = new Evidence().fault(FaultKind.WORKER_KILL, "w1", T0 + 100, T0 + 2000, 1);
        ev.execution("w1", "c@1", 1, 0, 1, 1, T0, 0, null);
        ev.execution("w1", "c@1", 1, 1, 1, 1, T0, 0, null);
        ev.execution("w1", "c@1", 1, 2, 1, 1, T0, T0 + 50, "SUCCEEDED"); // ended before the kill: not moved
        ev.execution("w2", "c@1", 1, 0, 2, 1, T0 + 400, T0 + 500, "SUCCEEDED");
        ev.execution("w3", "c@1", 1, 1, 2, 1, T0 + 700, T0 + 800, "SUCCEEDED");

        FailoverFigures.Result r = FailoverFigures.compute(ev.build());

        assertThat(r.violations()).isEmpty();
        assertThat(r.workerLoss()).isEqualTo(Percentiles.of(List.of(300L, 600L)));
    }

    @Test
    void anExecutionAlreadySupersededBeforeTheFaultIsNotCountedAsOpen() {
        // w1 was killed earlier mid-shard (no end line); the shard moved to w2 long before w1 is stopped again
        Evidence ev = new Evidence().fault(FaultKind.WORKER_STOP, "w1", T0 + 5000, T0 + 8000, 1);
        ev.execution("w1", "c@1", 1, 0, 1, 1, T0, 0, null);
        ev.execution("w2", "c@1", 1, 0, 2, 1, T0 + 600, T0 + 700, "SUCCEEDED");

        FailoverFigures.Result r = FailoverFigures.compute(ev.build());

        assertThat(r.violations()).isEmpty();
        assertThat(r.workerLoss().count()).isZero();
    }

    @Test
    void aShardOfALostWorkerThatNeverRanElsewhereIsAViolation() {
        Evidence ev = new Evidence().fault(FaultKind.WORKER_STOP, "w1", T0 + 100, T0 + 4000, 1);
        ev.execution("w1", "c@1", 1, 0, 1, 1, T0, T0 + 4100, "SUCCEEDED");

        assertThat(FailoverFigures.compute(ev.build()).violations()).singleElement().asString().contains("never started anywhere else");
    }

    @Test
    void leaderLossIsTimedToTheFirstWorkOfANewerEpoch() {
        Evidence ev = new Evidence().fault(FaultKind.LEADER_KILL, "s1", T0, T0 + 3000, 4);
        ev.execution("w1", "c@1", 1, 0, 1, 4, T0 - 100, T0 + 10, "SUCCEEDED");
        ev.execution("w1", "c@2", 2, 0, 1, 5, T0 + 2500, T0 + 2510, "SUCCEEDED");
        ev.execution("w2", "c@3", 3, 0, 1, 5, T0 + 2600, T0 + 2610, "SUCCEEDED");

        FailoverFigures.Result r = FailoverFigures.compute(ev.build());

        assertThat(r.leaderLoss()).isEqualTo(Percentiles.of(List.of(2500L)));
    }

    @Test
    void theNextLeadersFirstDispatchIsTheEarliestStartOfANewerEpochFromTheInstantOn() {
        List<JournalEntry> journal = List.of(
                new JournalEntry("w1", "c", "c@2", 2, 0, 1, 5, T0 + 300, 0, JournalEntry.STARTED),
                new JournalEntry("w2", "c", "c@3", 3, 0, 1, 5, T0 + 200, 0, JournalEntry.STARTED),
                new JournalEntry("w2", "c", "c@4", 4, 0, 1, 5, T0 + 150, T0 + 150, "SUCCEEDED"), // an end line, not a start
                new JournalEntry("w1", "c", "c@1", 1, 0, 1, 4, T0 + 100, 0, JournalEntry.STARTED), // the old epoch
                new JournalEntry("w1", "c", "c@0", 0, 0, 1, 5, T0 - 50, 0, JournalEntry.STARTED)); // before the instant

        assertThat(FailoverFigures.firstStartOfNewerEpoch(journal, 4, T0)).map(JournalEntry::run).contains("c@3");
        assertThat(FailoverFigures.firstStartOfNewerEpoch(journal, 5, T0)).isEmpty();
    }

    @Test
    void noDispatchAfterALeaderLossIsAViolation() {
        Evidence ev = new Evidence().fault(FaultKind.SCHEDULERS_RESTART, "s1", T0, T0 + 3000, 4);

        assertThat(FailoverFigures.compute(ev.build()).violations()).singleElement().asString().contains("no leader ever dispatched again");
    }

    @Test
    void aDrainedWorkerFinishesOrHandsBackItsShards() {
        Evidence ev = new Evidence().fault(FaultKind.WORKER_TERM, "w1", T0 + 100, T0 + 2000, 1);
        ev.execution("w1", "c@1", 1, 0, 1, 1, T0, T0 + 300, "SUCCEEDED");
        ev.execution("w1", "c@1", 1, 1, 1, 1, T0, T0 + 150, "CANCELLED");
        ev.execution("w2", "c@1", 1, 1, 2, 1, T0 + 200, T0 + 300, "SUCCEEDED");

        FailoverFigures.Result r = FailoverFigures.compute(ev.build());

        assertThat(r.drainedFinished()).isEqualTo(1);
        assertThat(r.drainedHandedBack()).isEqualTo(1);
    }

    @Test
    void aShardHandedBackMayRunAgainOnTheRestartedWorkerOfTheSameName() {
        Evidence ev = new Evidence().fault(FaultKind.WORKER_TERM, "w1", T0 + 100, T0 + 2000, 1);
        ev.execution("w1", "c@1", 1, 0, 1, 1, T0, T0 + 150, "CANCELLED");
        ev.execution("w1", "c@1", 1, 0, 2, 1, T0 + 2500, T0 + 2600, "SUCCEEDED"); // its next incarnation

        FailoverFigures.Result r = FailoverFigures.compute(ev.build());

        assertThat(r.violations()).isEmpty();
        assertThat(r.drainedHandedBack()).isEqualTo(1);
    }

    @Test
    void aShardHandedBackThatNeverRanAgainIsAViolation() {
        Evidence ev = new Evidence().fault(FaultKind.WORKER_TERM, "w1", T0 + 100, T0 + 2000, 1);
        ev.execution("w1", "c@1", 1, 0, 1, 1, T0, T0 + 150, "CANCELLED");

        assertThat(FailoverFigures.compute(ev.build()).violations()).singleElement().asString().contains("neither finished there nor started");
    }

    @Test
    void percentilesUseTheNearestRank() {
        List<Long> sample = new java.util.ArrayList<>();
        for (long i = 1; i <= 200; i++) sample.add(i);

        assertThat(Percentiles.of(sample)).isEqualTo(new Percentiles(200, 100, 198, 200));
        assertThat(Percentiles.of(List.of())).isEqualTo(Percentiles.EMPTY);
    }

    @Test
    void fireToStartIsMeasuredApartForQuietTimesAndSingleZooKeeperNodeLosses() {
        long quietFire = Evidence.T0 + 20_000;
        long coldFire = Evidence.T0 + 1_000;
        long lossFire = Evidence.T0 + 60_000;
        Evidence ev = new Evidence().fault(FaultKind.ZOOKEEPER_LEADERS_NODE_LOSS, "zk1", lossFire - 500, lossFire + 3000, 1);
        ev.execution("w1", "job-c@" + quietFire, quietFire, 0, 1, 1, quietFire + 3, quietFire + 10, "SUCCEEDED");
        ev.execution("w2", "job-c@" + quietFire, quietFire, 1, 1, 1, quietFire + 5, quietFire + 10, "SUCCEEDED");
        ev.execution("w1", "job-c@" + lossFire, lossFire, 0, 1, 2, lossFire + 900, lossFire + 950, "SUCCEEDED");
        ev.execution("w1", "job-c@" + coldFire, coldFire, 0, 1, 1, coldFire + 2000, coldFire + 2010, "SUCCEEDED");
        ev.execution("w1", "job-a@" + quietFire + "-api", quietFire, 0, 1, 1, quietFire + 400, quietFire + 450, "SUCCEEDED");

        FailoverFigures.Result r = FailoverFigures.compute(ev.build());

        assertThat(r.fireToStartQuiet()).isEqualTo(Percentiles.of(List.of(3L)));
        assertThat(r.fireToStartOnNodeLoss()).isEqualTo(Percentiles.of(List.of(900L)));
    }

    @Test
    void aNewEpochWhileOneZooKeeperNodeIsDownIsAViolationTheSameEpochIsNot() {
        long fire = Evidence.T0 + 30_000;
        Evidence same = new Evidence().fault(FaultKind.ZOOKEEPER_NODE_LOSS, "zk2", fire - 500, fire + 3000, 4);
        same.execution("w1", "job-c@" + fire, fire, 0, 1, 4, fire + 700, fire + 750, "SUCCEEDED");
        Evidence renewed = new Evidence().fault(FaultKind.ZOOKEEPER_LEADERS_NODE_LOSS, "zk2", fire - 500, fire + 3000, 4);
        renewed.execution("w1", "job-c@" + fire, fire, 0, 1, 5, fire + 700, fire + 750, "SUCCEEDED");

        FailoverFigures.Result quiet = FailoverFigures.compute(same.build());
        FailoverFigures.Result changed = FailoverFigures.compute(renewed.build());

        assertThat(quiet.violations()).isEmpty();
        assertThat(quiet.leaderChangesOnNodeLoss()).isZero();
        assertThat(changed.leaderChangesOnNodeLoss()).isEqualTo(1);
        assertThat(changed.violations()).singleElement().asString().contains("new epoch while only one ZooKeeper node");
    }
}
