package io.baton.bench.macro;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A leader change is read from the successor's log; times of day are placed on the right date. */
class TermLogTest {
    private final List<String> log = List.of(
            "02:07:55.384 INFO  [main] i.b.server.SchedulerNode - scheduler s2 started, client endpoint 127.0.0.1:35809",
            "02:09:24.378 INFO  [baton-election-s2] i.b.s.e.LeaderElection - s2 leads, epoch 2",
            "02:09:24.379 INFO  [baton-election-s2] i.b.server.SchedulerNode - scheduler s2 leads with epoch 2",
            "02:09:31.912 INFO  [baton-coordinator-e2] i.b.s.c.Coordinator - term 2 started: 5005 jobs, 0 stored runs (0 unfinished),"
                    + " 1 registered workers; loaded jobs in 2911 ms, runs in 52 ms, all in 7490 ms",
            "02:10:01.000 INFO  [baton-election-s2] i.b.server.SchedulerNode - scheduler s2 leads with epoch 4");

    @Test
    void findsTheElectionAndTheStartOfItsTerm() {
        TermLog.Elected elected = TermLog.elected(log, "s2", 0).orElseThrow();
        assertThat(elected).isEqualTo(new TermLog.Elected(LocalTime.of(2, 9, 24, 379_000_000), 2));

        assertThat(TermLog.started(log, 2)).contains(new TermLog.Started(LocalTime.of(2, 9, 31, 912_000_000), 2, 5005, 7490));
    }

    @Test
    void anElectionOfAnotherNodeOrAnOlderEpochIsNotIt() {
        assertThat(TermLog.elected(log, "s1", 0)).isEmpty();
        assertThat(TermLog.elected(log, "s2", 2)).map(TermLog.Elected::epoch).contains(4L);
        assertThat(TermLog.started(log, 4)).isEmpty();
    }

    @Test
    void aTermThatFailedToStartIsFollowedByTheNextOne() {
        List<String> renewed = List.of(
                "02:17:32.702 INFO  [baton-election-s2] i.b.server.SchedulerNode - scheduler s2 leads with epoch 2",
                "02:17:37.725 ERROR [baton-coordinator-e2] i.b.server.SchedulerNode - term 2 failed to start; resigning",
                "02:17:42.730 INFO  [baton-election-s2] i.b.server.SchedulerNode - scheduler s2 leads with epoch 3",
                "02:17:46.228 INFO  [baton-coordinator-e3] i.b.s.c.Coordinator - term 3 started: 605 jobs, 0 stored runs (0 unfinished),"
                        + " 1 registered workers; loaded jobs in 1417 ms, runs in 50 ms, all in 3173 ms");

        assertThat(TermLog.elected(renewed, "s2", 0)).map(TermLog.Elected::epoch).contains(2L);
        assertThat(TermLog.started(renewed, 2)).map(TermLog.Started::epoch).contains(3L);
    }

    @Test
    void aTimeOfDayIsPlacedOnTheDateNearestTheReference() {
        ZoneId zone = ZoneOffset.UTC;
        long beforeMidnight = LocalDateTime.of(2026, 11, 29, 23, 59, 59).toInstant(ZoneOffset.UTC).toEpochMilli();

        assertThat(TermLog.epochMillis(LocalTime.of(0, 0, 2), beforeMidnight, zone)).isEqualTo(beforeMidnight + 3_000);
        assertThat(TermLog.epochMillis(LocalTime.of(23, 59, 58), beforeMidnight, zone)).isEqualTo(beforeMidnight - 1_000);
        long afterMidnight = beforeMidnight + 2_000;
        assertThat(TermLog.epochMillis(LocalTime.of(23, 59, 59), afterMidnight, zone)).isEqualTo(beforeMidnight);
    }
}
