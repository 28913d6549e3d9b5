package io.baton.bench.macro;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A leader change's phases, read from scheduler log lines that carry the time of day only. */
class TakeoverPhasesTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    /** 2026-11-29 02:07:54.809 UTC. */
    private static final long ENDED = ZonedDateTime.of(2026, 11, 29, 2, 7, 54, 809_000_000, UTC).toInstant().toEpochMilli();

    @Test
    void theFirstNewerTermIsTimedFromTheEndOfThePreviousOne() {
        List<String> s1 = List.of(
                "02:07:44.885 INFO  [baton-election-s1] i.b.s.e.LeaderElection - s1 leads, epoch 2",
                "02:07:45.552 INFO  [baton-coordinator-e2] i.b.s.c.Coordinator - term 2 started: 21 jobs, 2 stored runs",
                "02:07:57.734 INFO  [baton-election-s1] i.b.s.e.LeaderElection - s1 leads, epoch 4",
                "02:07:57.861 INFO  [baton-coordinator-e4] i.b.s.c.Coordinator - term 4 started: 21 jobs");
        List<String> s2 = List.of(
                "02:07:54.995 INFO  [baton-election-s2] i.b.s.e.LeaderElection - s2 leads, epoch 3 (handed over)",
                "02:07:55.536 INFO  [baton-coordinator-e3] i.b.s.c.Coordinator - term 3 started: 21 jobs, 2 stored runs (2 unfinished)");

        assertThat(TakeoverPhases.of(List.of(s1, s2), 2, ENDED, UTC)).isEqualTo(new TakeoverPhases(186, 727, "s2", false));
        assertThat(TakeoverPhases.of(List.of(s1, s2), 3, ENDED, UTC)).isEqualTo(new TakeoverPhases(2_925, 3_052, "s1", true));
        assertThat(TakeoverPhases.of(List.of(s1, s2), 4, ENDED, UTC)).isEqualTo(TakeoverPhases.UNKNOWN);
        assertThat(TakeoverPhases.of(List.of(s1, s2.subList(0, 1)), 2, ENDED, UTC)).as("term not started yet")
                .isEqualTo(new TakeoverPhases(186, -1, "s2", false));
    }

    @Test
    void aTimeOfDayIsPlacedOnTheDayNearestToTheReferenceInstant() {
        long justBeforeMidnight = ZonedDateTime.of(2026, 11, 29, 23, 59, 59, 900_000_000, UTC).toInstant().toEpochMilli();

        assertThat(TakeoverPhases.at("00:00:00.400", justBeforeMidnight, UTC)).isEqualTo(justBeforeMidnight + 500);
        assertThat(TakeoverPhases.at("23:59:59.000", justBeforeMidnight + 1_000, UTC)).isEqualTo(justBeforeMidnight - 900);
    }
}
