package io.baton.bench.peer.elasticjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElasticJobFiguresTest {
    private static final PeerJobs TWO_JOBS_OF_TWO = new PeerJobs(PeerJobs.Kind.ONE_OFF, 2, 2);
    private static final long TRIGGER = 10_000_000; // µs

    @Test
    void theRoundCountsOnlyShardsStartedSinceTheTriggerAndBothWindows() {
        List<PeerJournal.Shard> shards = new ArrayList<>(List.of(
                shard("ej-throughput-0", 0, 1_000_000, 1_000_010), // warm-up round: ignored
                shard("ej-throughput-0", 0, TRIGGER + 100_000, TRIGGER + 100_050),
                shard("ej-throughput-0", 1, TRIGGER + 120_000, TRIGGER + 150_000),
                shard("ej-throughput-1", 0, TRIGGER + 200_000, TRIGGER + 250_000),
                shard("ej-throughput-1", 1, TRIGGER + 300_000, TRIGGER + 300_000)));
        List<PeerJournal.Run> runs = List.of(new PeerJournal.Run("ej-throughput-0", 1, 2_000_000),
                new PeerJournal.Run("ej-throughput-0", 1, TRIGGER + 400_000), new PeerJournal.Run("ej-throughput-1", 1, TRIGGER + 500_000));

        ElasticJobFigures.Throughput t = ElasticJobFigures.throughput(new PeerJournal.Contents(shards, runs, List.of()), TRIGGER, TWO_JOBS_OF_TWO, 9);

        assertThat(t.startToEnd().shards()).isEqualTo(4);
        assertThat(t.startToEnd().windowMillis()).isEqualTo(200); // first start +100 ms to last end +300 ms
        assertThat(t.triggerToDone().windowMillis()).isEqualTo(500); // trigger to the last fire done
        assertThat(t.startToEnd().zkWrites()).isEqualTo(9);
        assertThat(t.startToEnd().shardsPerSecond()).isEqualTo(20.0);
        assertThat(t.triggerToDone().shardsPerSecond()).isEqualTo(8.0);
        assertThat(t.completionsPer100ms()).containsExactly(2L, 1L, 1L); // ends at +100, +150, +250, +300 ms
    }

    @Test
    void aRoundMissingAnItemOrRunningOneTwiceIsAnError() {
        List<PeerJournal.Run> done = List.of(new PeerJournal.Run("ej-throughput-0", 1, TRIGGER + 1));
        List<PeerJournal.Shard> missing = List.of(shard("ej-throughput-0", 0, TRIGGER, TRIGGER), shard("ej-throughput-0", 1, TRIGGER, TRIGGER),
                shard("ej-throughput-1", 0, TRIGGER, TRIGGER));
        List<PeerJournal.Shard> twice = new ArrayList<>(missing);
        twice.add(shard("ej-throughput-1", 0, TRIGGER, TRIGGER));
        List<PeerJournal.Shard> foreign = new ArrayList<>(missing);
        foreign.add(shard("ej-throughput-1", 2, TRIGGER, TRIGGER));

        assertThatThrownBy(() -> ElasticJobFigures.throughput(new PeerJournal.Contents(missing, done, List.of()), TRIGGER, TWO_JOBS_OF_TWO, 0))
                .hasMessageContaining("ran 3 of 4");
        assertThatThrownBy(() -> ElasticJobFigures.throughput(new PeerJournal.Contents(twice, done, List.of()), TRIGGER, TWO_JOBS_OF_TWO, 0))
                .hasMessageContaining("ran twice");
        assertThatThrownBy(() -> ElasticJobFigures.throughput(new PeerJournal.Contents(foreign, done, List.of()), TRIGGER, TWO_JOBS_OF_TWO, 0))
                .hasMessageContaining("not submitted");
    }

    @Test
    void delaysAreStartMinusScheduledFireForFiresInsideTheWindowOnly() {
        PeerJournal.Contents c = new PeerJournal.Contents(List.of(
                new PeerJournal.Shard("ej-latency-0", 0, 4_999_000_000L + 3_000, 0, 4_999_000), // before the window
                new PeerJournal.Shard("ej-latency-0", 0, 5_000_000_000L + 1_500, 0, 5_000_000),
                new PeerJournal.Shard("ej-latency-1", 0, 5_000_000_000L + 2_500, 0, 5_000_000),
                new PeerJournal.Shard("ej-latency-0", 0, 6_000_000_000L + 800, 0, 6_000_000)), // at the window's end: excluded
                List.of(), List.of());

        long[] delays = ElasticJobFigures.delays(c, 5_000_000, 6_000_000);

        assertThat(delays).containsExactly(1_500, 2_500);
        ElasticJobFigures.Latency latency = ElasticJobFigures.latency(3, delays, 3, 1_000, 6);
        assertThat(latency.figures().fires()).isEqualTo(2);
        assertThat(latency.figures().p50Micros()).isEqualTo(1_500);
        assertThat(latency.figures().maxMicros()).isEqualTo(2_500);
        assertThat(latency.figures().zkWritesPerShard()).isEqualTo(3.0);
        assertThat(latency.missedFires()).isEqualTo(1); // 3 jobs fired once each, 2 shards started
    }

    @Test
    void anEverySecondCronFiresOnceForEachWholeSecondOfTheWindow() {
        assertThat(ElasticJobFigures.secondsStartingIn(5_000, 7_000)).isEqualTo(2); // 5 s and 6 s
        assertThat(ElasticJobFigures.secondsStartingIn(5_001, 7_001)).isEqualTo(2); // 6 s and 7 s
        assertThat(ElasticJobFigures.secondsStartingIn(5_001, 5_999)).isZero();
        assertThat(ElasticJobFigures.secondsStartingIn(4_999, 7_000)).isEqualTo(2);
    }

    @Test
    void theWindowIsOverOnceEveryInstanceFinishedALaterFireOfEveryJob() {
        List<String> jobs = List.of("ej-latency-0", "ej-latency-1");
        PeerJournal.Contents bothPast = runs(new PeerJournal.Run("ej-latency-0", 7_000, 1), new PeerJournal.Run("ej-latency-1", 8_000, 1));
        PeerJournal.Contents oneInside = runs(new PeerJournal.Run("ej-latency-0", 7_000, 1), new PeerJournal.Run("ej-latency-1", 6_000, 1));

        assertThat(ElasticJobFigures.pastWindow(List.of(bothPast, bothPast), jobs, 7_000)).isTrue();
        assertThat(ElasticJobFigures.pastWindow(List.of(bothPast, oneInside), jobs, 7_000)).isFalse();
        assertThat(ElasticJobFigures.pastWindow(List.of(bothPast, runs()), jobs, 7_000)).isFalse();
    }

    private static PeerJournal.Contents runs(PeerJournal.Run... runs) {
        return new PeerJournal.Contents(List.of(), List.of(runs), List.of());
    }

    private static PeerJournal.Shard shard(String job, int item, long start, long end) {
        return new PeerJournal.Shard(job, item, start, end, -1);
    }
}
