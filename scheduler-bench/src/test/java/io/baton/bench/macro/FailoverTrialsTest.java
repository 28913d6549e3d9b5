package io.baton.bench.macro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.testing.journal.JournalEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The figure of each failover trial, read from journal lines, and the summary of each kind. */
class FailoverTrialsTest {
    private static final long T0 = 1_700_000_000_000L;
    private final List<JournalEntry> journal = new ArrayList<>();

    /** A start line, and an end line {@code endAt} unless 0 (the execution was cut short). */
    private void execution(String worker, String run, int shard, int attempt, long epoch, long startAt, long endAt) {
        journal.add(new JournalEntry(worker, "j", run, 0, shard, attempt, epoch, startAt, 0, JournalEntry.STARTED));
        if (endAt > 0) journal.add(new JournalEntry(worker, "j", run, 0, shard, attempt, epoch, startAt, endAt, "SUCCEEDED"));
    }

    @Test
    void aWorkerKillIsTimedToTheLastOfItsInterruptedShardsStartingElsewhere() {
        execution("w1", "j@1", 0, 1, 3, T0 - 900, 0);
        execution("w1", "j@1", 1, 1, 3, T0 - 500, 0);
        execution("w1", "j@0", 0, 1, 3, T0 - 2000, T0 - 10); // ended before the kill: not interrupted
        execution("w2", "j@1", 0, 2, 3, T0 + 120, T0 + 2000);
        execution("w3", "j@1", 1, 2, 3, T0 + 310, T0 + 2000);

        FailoverTrials.Trial trial = FailoverTrials.workerKill(1, "w1", T0, 3, journal);

        assertThat(trial.shardsInterrupted()).isEqualTo(2);
        assertThat(trial.figureMillis()).isEqualTo(310);
        assertThat(trial.problem()).isEmpty();
        assertThat(trial.describe()).isEqualTo("worker-kill #1 (w1): 310 ms, 2 shards interrupted");
    }

    @Test
    void aWorkerKillIsNotObservedWhileAnInterruptedShardHasNotStartedElsewhere() {
        execution("w1", "j@1", 0, 1, 3, T0 - 900, 0);
        execution("w1", "j@1", 1, 1, 3, T0 - 500, 0);
        execution("w2", "j@1", 0, 2, 3, T0 + 120, 0);

        FailoverTrials.Trial trial = FailoverTrials.workerKill(1, "w1", T0, 3, journal);

        assertThat(trial.observed()).isFalse();
        assertThat(trial.shardsInterrupted()).isEqualTo(2);
        assertThat(trial.problem()).startsWith("1 of 2 shards not yet started elsewhere");
    }

    @Test
    void aWorkerKillWithNothingRunningHasNoFigure() {
        execution("w1", "j@0", 0, 1, 3, T0 - 2000, T0 - 10);

        FailoverTrials.Trial trial = FailoverTrials.workerKill(1, "w1", T0, 3, journal);

        assertThat(trial.observed()).isFalse();
        assertThat(trial.shardsInterrupted()).isZero();
        assertThat(trial.problem()).contains("no shard was running on w1");
    }

    @Test
    void theEndOfATermIsTimedToTheFirstShardStartedUnderANewerEpoch() {
        execution("w1", "j@1", 0, 1, 3, T0 + 50, T0 + 60); // the old leader's, just after the instant
        execution("w2", "j@2", 0, 1, 4, T0 + 2_900, 0);
        execution("w1", "j@3", 0, 1, 4, T0 + 2_750, T0 + 2_760);

        FailoverTrials.Trial trial = FailoverTrials.termEnded(FailoverKind.LEADER_KILL, 2, "s1", T0, 3, journal);

        assertThat(trial.figureMillis()).isEqualTo(2_750);
        assertThat(trial.withPhases(new TakeoverPhases(2_300, 2_700, "s2", true)).describe())
                .isEqualTo("leader-kill #2 (s1): 2750 ms; s2 (had led before) elected after 2300 ms, term started after 2700 ms");
        assertThat(trial.number()).isEqualTo(2);
        assertThat(FailoverTrials.termEnded(FailoverKind.LEADER_RESIGN, 1, "s1", T0, 4, journal).problem())
                .isEqualTo("no shard started under an epoch after 4");
        assertThatThrownBy(() -> FailoverTrials.termEnded(FailoverKind.WORKER_KILL, 1, "w1", T0, 3, journal))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachKindIsSummarisedOverItsObservedTrialsAgainstItsTarget() {
        List<FailoverTrials.Trial> trials = new ArrayList<>();
        for (int i = 1; i <= 10; i++) trials.add(trial(FailoverKind.WORKER_KILL, i, i * 40L)); // 40..400 ms
        trials.add(trial(FailoverKind.LEADER_KILL, 1, 3_600));
        trials.add(trial(FailoverKind.LEADER_KILL, 2, 3_800));
        trials.add(trial(FailoverKind.LEADER_RESIGN, 1, 80));
        trials.add(trial(FailoverKind.LEADER_RESIGN, 2, -1));

        List<FailoverTrials.Summary> summaries = FailoverTrials.summarize(trials, 3_000);

        assertThat(summaries).extracting(FailoverTrials.Summary::kind)
                .containsExactly(FailoverKind.WORKER_KILL, FailoverKind.LEADER_KILL, FailoverKind.LEADER_RESIGN);
        assertThat(summaries.get(0)).isEqualTo(new FailoverTrials.Summary(FailoverKind.WORKER_KILL, 10, 10, 200, 400, 400, 500, -1, -1, 0));
        assertThat(summaries.get(0).met()).isTrue();
        assertThat(summaries.get(1).targetMillis()).isEqualTo(3_700);
        assertThat(summaries.get(1).met()).as("p99 3800 ms over 3700").isFalse();
        assertThat(summaries.get(1).p50ElectedMillis()).isEqualTo(3_000);
        assertThat(summaries.get(1).p50TermStartedMillis()).isEqualTo(3_300);
        assertThat(summaries.get(1).firstTermTakeovers()).isEqualTo(1);
        assertThat(summaries.get(2).observed()).isEqualTo(1);
        assertThat(summaries.get(2).met()).as("a trial not observed misses the target").isFalse();
    }

    private static FailoverTrials.Trial trial(FailoverKind kind, int number, long figure) {
        TakeoverPhases phases = kind == FailoverKind.LEADER_KILL ? new TakeoverPhases(2_900 + 100 * number, 3_200 + 100 * number, "s" + number, number == 1)
                : TakeoverPhases.UNKNOWN;
        return new FailoverTrials.Trial(kind, number, "x", T0, 1, 0, figure, figure < 0 ? "not seen" : "", phases);
    }
}
