package io.baton.server.coordinator;

import static io.baton.server.coordinator.TestRecords.T0;
import static io.baton.server.coordinator.TestRecords.cronJob;
import static io.baton.server.coordinator.TestRecords.runNowJob;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.TriggerKind;
import io.baton.server.run.Run;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A follower's rehearsal of a term walks every step a takeover takes, in memory, and stops by itself. */
class TermRehearsalTest {
    private static final CoordinatorConfig CONFIG = new CoordinatorConfig(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMillis(100));

    @Test
    void aRehearsalFiresPlacesReportsAndFlushesTheRunsOfTheStoredJobs() {
        // every second with 3 shards, created a minute before the rehearsal starts on a whole second
        JobRecord everySecond = cronJob("every-second", "h", 3, "* * * * * ?", T0);

        TermRehearsal.Outcome played = TermRehearsal.play(List.of(everySecond), List.of(), CONFIG, T0 + 60_000);

        // it fires at each whole second of the 3 s played, both ends included: 4 runs, each shard placed,
        // reported and flushed
        assertThat(played.runsCreated()).isEqualTo(4);
        assertThat(played.shardsAssigned()).isEqualTo(4 * 3);
        assertThat(played.reports()).isEqualTo(played.shardsAssigned());
        assertThat(played.flushes()).isPositive();
        assertThat(played.bytesSerialised()).isPositive();
    }

    @Test
    void theWorkersTheStoredRunsNameClaimTheirAttemptsAndTheRestIsDispatched() {
        // a run stored by an earlier term with 2 of its 3 shards on w1
        JobRecord job = runNowJob("nightly", "h", 3);
        Run run = Run.create("nightly@" + T0, "nightly", T0, TriggerKind.TRIGGER_KIND_SCHEDULE, T0, 1, "h", "", List.of(), 3);
        run.dispatch(0, "w1", 1);
        run.dispatch(1, "w1", 1);

        TermRehearsal.Outcome played = TermRehearsal.play(List.of(job), List.of(run.toRecord()), CONFIG, T0 + 1_000);

        assertThat(played.attemptsClaimed()).isEqualTo(2);
        assertThat(played.shardsAssigned()).as("only the shard nobody ran").isEqualTo(1);
        assertThat(played.runsCreated()).isZero();
    }

    @Test
    void anEmptyStoreRehearsesNothingButStillRuns() {
        TermRehearsal.Outcome played = TermRehearsal.play(List.of(), List.of(), CONFIG, T0);

        assertThat(played).isEqualTo(new TermRehearsal.Outcome(0, 0, 0, 0, 0, 0));
    }
}
