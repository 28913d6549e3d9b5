package io.baton.testing.chaos.check;

import static io.baton.testing.chaos.check.Evidence.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.MisfirePolicy;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardState;
import io.baton.testing.chaos.ChaosJob;
import org.junit.jupiter.api.Test;

class RunLedgerCheckTest {
    private static final MisfirePolicy ALL = MisfirePolicy.MISFIRE_POLICY_FIRE_ALL_MISSED;
    private static final MisfirePolicy ONCE = MisfirePolicy.MISFIRE_POLICY_FIRE_ONCE_NOW;

    @Test
    void aRunForEveryFireOfTheWindowPasses() {
        Evidence ev = new Evidence().job(Evidence.cron("c", ALL)).everySecond("c", "w1", 1);

        RunLedgerCheck.Result r = RunLedgerCheck.check(ev.build());

        assertThat(r.violations()).isEmpty();
        assertThat(r.expected()).isEqualTo(5);
        assertThat(r.found()).isEqualTo(5);
    }

    @Test
    void aMissingFireOfAFireAllMissedJobIsLost() {
        Evidence ev = new Evidence().job(Evidence.cron("c", ALL));
        ev.run("c", T0, T0, "w1", 1, 1).run("c", T0 + 1000, T0 + 1000, "w1", 1, 1)
                .run("c", T0 + 3000, T0 + 3000, "w1", 1, 1).run("c", T0 + 4000, T0 + 4000, "w1", 1, 1);

        RunLedgerCheck.Result r = RunLedgerCheck.check(ev.build());

        assertThat(r.lost()).isEqualTo(1);
        assertThat(r.violations()).singleElement().asString().contains("made no run for its fire at " + (T0 + 2000));
    }

    @Test
    void fireOnceNowFoldsMissedFiresIntoTheLateRunThatFollowedThem() {
        Evidence ev = new Evidence().job(Evidence.cron("c", ONCE));
        // fires 1, 2 and 3 s were missed in an outage; the run for 1 s was created late, at 3.5 s
        ev.run("c", T0, T0, "w1", 1, 1).run("c", T0 + 1000, T0 + 3500, "w1", 1, 2).run("c", T0 + 4000, T0 + 4000, "w1", 1, 2);

        RunLedgerCheck.Result r = RunLedgerCheck.check(ev.build());

        assertThat(r.violations()).isEmpty();
        assertThat(r.folded()).isEqualTo(2);
    }

    @Test
    void fireOnceNowMayNotDropAFireThatNoLateRunCovers() {
        Evidence ev = new Evidence().job(Evidence.cron("c", ONCE));
        ev.run("c", T0, T0, "w1", 1, 1).run("c", T0 + 1000, T0 + 1000, "w1", 1, 1)
                .run("c", T0 + 3000, T0 + 3000, "w1", 1, 1).run("c", T0 + 4000, T0 + 4000, "w1", 1, 1);

        assertThat(RunLedgerCheck.check(ev.build()).lost()).isEqualTo(1);
    }

    @Test
    void twoRunsForOneFireAreDoubled() {
        Evidence ev = new Evidence().job(Evidence.cron("c", ALL)).everySecond("c", "w1", 1);
        ev.runs.add(Evidence.record("c@" + (T0 + 2000) + "-now", "c", T0 + 2000, T0 + 2000, RunState.RUN_STATE_SUCCEEDED,
                Evidence.shard(0, ShardState.SHARD_STATE_SUCCEEDED, 1, 1, "w1", 1)));

        RunLedgerCheck.Result r = RunLedgerCheck.check(ev.build());

        assertThat(r.doubled()).isEqualTo(1);
        assertThat(r.violations()).anyMatch(v -> v.contains("made 2 runs"));
    }

    @Test
    void aRunAtATimeTheScheduleNeverFiresIsReported() {
        ChaosJob job = new ChaosJob("c", ChaosJob.Kind.CRON, "*/2 * * * * ?", ALL, 1, T0 - 5_000);
        Evidence ev = new Evidence().job(job);
        ev.run("c", T0, T0, "w1", 1, 1).run("c", T0 + 1000, T0 + 1000, "w1", 1, 1)
                .run("c", T0 + 2000, T0 + 2000, "w1", 1, 1).run("c", T0 + 4000, T0 + 4000, "w1", 1, 1);

        assertThat(RunLedgerCheck.check(ev.build()).violations()).singleElement().asString()
                .contains("never calls for").contains("c@" + (T0 + 1000));
    }

    @Test
    void anExecutedRunTheClusterDoesNotKnowIsLost() {
        Evidence ev = new Evidence().job(Evidence.cron("c", ALL)).everySecond("c", "w1", 1);
        ev.execution("w2", "c@" + (T0 + 9000), T0 + 9000, 0, 1, 1, T0 + 9000, T0 + 9100, "SUCCEEDED");

        RunLedgerCheck.Result r = RunLedgerCheck.check(ev.build());

        assertThat(r.lost()).isEqualTo(1);
        assertThat(r.violations()).singleElement().asString().contains("no record of it");
    }

    @Test
    void acknowledgedTriggersEachNeedTheirOwnRecordedRun() {
        ChaosJob api = new ChaosJob("a", ChaosJob.Kind.API, "", ONCE, 1, T0 - 5_000);
        Evidence ev = new Evidence().job(api);
        ev.run("a", T0 + 10, T0 + 10, "w1", 1, 1);
        ev.trigger("a", "k1", "a@" + (T0 + 10)).trigger("a", "k2", "a@" + (T0 + 20));

        RunLedgerCheck.Result r = RunLedgerCheck.check(ev.build());

        assertThat(r.expected()).isEqualTo(2);
        assertThat(r.lost()).isEqualTo(1);
        assertThat(r.violations()).singleElement().asString().contains("k2");
    }

    @Test
    void runsWithoutAnAcknowledgedTriggerAreAllowedOnlyForUnacknowledgedTriggers() {
        ChaosJob api = new ChaosJob("a", ChaosJob.Kind.API, "", ONCE, 1, T0 - 5_000);
        Evidence ev = new Evidence().job(api);
        ev.run("a", T0 + 10, T0 + 10, "w1", 1, 1).run("a", T0 + 20, T0 + 20, "w1", 1, 1);
        ev.trigger("a", "k1", "a@" + (T0 + 10)).trigger("a", "k2", null);

        assertThat(RunLedgerCheck.check(ev.build()).violations()).isEmpty();

        ev.run("a", T0 + 30, T0 + 30, "w1", 1, 1);
        RunLedgerCheck.Result r = RunLedgerCheck.check(ev.build());
        assertThat(r.doubled()).isEqualTo(1);
    }
}
