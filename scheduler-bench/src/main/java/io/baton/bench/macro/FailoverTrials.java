package io.baton.bench.macro;

import io.baton.testing.chaos.ChaosEvidence;
import io.baton.testing.chaos.FaultKind;
import io.baton.testing.chaos.FaultRecord;
import io.baton.testing.chaos.check.FailoverFigures;
import io.baton.testing.journal.JournalEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The figures of the failover trials, read from the workers' journals with the chaos checker's own
 * measures ({@link FailoverFigures}): a worker kill is timed to the <em>last</em> of the victim's interrupted
 * shards starting again on another worker (the loss is repaired only then); the end of a leader's term (kill,
 * resign, SIGTERM) to the first shard started under a newer epoch. Pure.
 */
public final class FailoverTrials {
    private FailoverTrials() {}

    /**
     * One trial.
     *
     * @param number            the trial's number within its kind, from 1
     * @param victim            the process killed, stopped or resigned
     * @param injectedMillis    the instant of the kill, signal or resign request (wall clock, like the journals)
     * @param epochBefore       the leader epoch just before
     * @param shardsInterrupted shards running on a killed worker (0 for leader trials)
     * @param figureMillis      injected → recovered (see the class comment); -1 when not observed
     * @param problem           why the figure is missing, or empty
     * @param phases            where a leader change spent its time (from the logs); unknown for worker kills
     */
    public record Trial(FailoverKind kind, int number, String victim, long injectedMillis, long epochBefore,
                        int shardsInterrupted, long figureMillis, String problem, TakeoverPhases phases) {
        public boolean observed() {
            return figureMillis >= 0;
        }

        /** One line for the progress output. */
        public String describe() {
            String head = kind.label() + " #" + number + " (" + victim + "): " + (observed() ? figureMillis + " ms" : "not observed: " + problem);
            if (!kind.endsTerm()) return head + ", " + shardsInterrupted + " shards interrupted";
            return head + "; " + phases.successor() + (phases.successorHadLed() ? " (had led before)" : " (first term since it started)")
                    + " elected after " + phases.electedMillis() + " ms, term started after " + phases.termStartedMillis() + " ms";
        }

        public Trial withPhases(TakeoverPhases found) {
            return new Trial(kind, number, victim, injectedMillis, epochBefore, shardsInterrupted, figureMillis, problem, found);
        }
    }

    /**
     * The trials of one kind: p50/p99/max of the observed figures, in milliseconds, against the target; and
     * the medians of the leader changes' phases ({@link TakeoverPhases}; -1 when unknown) and how many were taken
     * over by a node on its first term since it started.
     */
    public record Summary(FailoverKind kind, int trials, int observed, long p50Millis, long p99Millis, long maxMillis,
                          long targetMillis, long p50ElectedMillis, long p50TermStartedMillis, int firstTermTakeovers) {
        /** Every trial observed and the p99 within the target. */
        public boolean met() {
            return trials > 0 && observed == trials && p99Millis <= targetMillis;
        }
    }

    /**
     * A worker killed at {@code killedMillis}: each execution open on it then (started, not ended, not yet
     * superseded) must start again on another worker under a newer attempt; the figure is the last of those
     * restarts. Not observed while one has not restarted, or when nothing was running on the victim.
     */
    public static Trial workerKill(int number, String victim, long killedMillis, long epochBefore, List<JournalEntry> journal) {
        FaultRecord kill = new FaultRecord(FaultKind.WORKER_KILL, List.of(victim), killedMillis, killedMillis, epochBefore);
        FailoverFigures.Result r = FailoverFigures.compute(new ChaosEvidence(List.of(), killedMillis, killedMillis, List.of(), journal,
                List.of(kill), List.of(), 0, 0, 0));
        int interrupted = r.workerLoss().count() + r.violations().size();
        String problem = !r.violations().isEmpty() ? r.violations().size() + " of " + interrupted + " shards not yet started elsewhere: "
                + r.violations().get(0)
                : interrupted == 0 ? "no shard was running on " + victim + " at the kill" : "";
        long figure = problem.isEmpty() ? r.workerLoss().max() : -1;
        return new Trial(FailoverKind.WORKER_KILL, number, victim, killedMillis, epochBefore, interrupted, figure, problem,
                TakeoverPhases.UNKNOWN);
    }

    /** The leader's term ended at {@code atMillis} ({@code kind} says how): timed to the next epoch's first shard start. */
    public static Trial termEnded(FailoverKind kind, int number, String victim, long atMillis, long epochBefore, List<JournalEntry> journal) {
        if (!kind.endsTerm()) throw new IllegalArgumentException(kind + " does not end a term");
        Optional<JournalEntry> first = FailoverFigures.firstStartOfNewerEpoch(journal, epochBefore, atMillis);
        return new Trial(kind, number, victim, atMillis, epochBefore, 0, first.map(s -> s.startMillis() - atMillis).orElse(-1L),
                first.isPresent() ? "" : "no shard started under an epoch after " + epochBefore, TakeoverPhases.UNKNOWN);
    }

    /** One summary per kind that has trials, in the kinds' order. */
    public static List<Summary> summarize(List<Trial> trials, long sessionTimeoutMillis) {
        List<Summary> out = new ArrayList<>();
        for (FailoverKind kind : FailoverKind.values()) {
            List<Trial> ofKind = trials.stream().filter(t -> t.kind() == kind).toList();
            if (ofKind.isEmpty()) continue;
            long[] figures = ofKind.stream().filter(Trial::observed).mapToLong(Trial::figureMillis).toArray();
            List<TakeoverPhases> phases = ofKind.stream().map(Trial::phases).toList();
            out.add(new Summary(kind, ofKind.size(), figures.length, MacroFigures.percentile(figures, 50),
                    MacroFigures.percentile(figures, 99), MacroFigures.percentile(figures, 100), kind.targetMillis(sessionTimeoutMillis),
                    TakeoverPhases.median(phases, TakeoverPhases::electedMillis), TakeoverPhases.median(phases, TakeoverPhases::termStartedMillis),
                    (int) phases.stream().filter(p -> !p.successor().isEmpty() && !p.successorHadLed()).count()));
        }
        return out;
    }
}
