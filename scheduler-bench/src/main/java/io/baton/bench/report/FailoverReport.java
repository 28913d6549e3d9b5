package io.baton.bench.report;

import io.baton.bench.macro.FailoverKind;
import io.baton.bench.macro.FailoverScenario;
import io.baton.bench.macro.FailoverTrials;
import java.util.Locale;

/**
 * The failover trials in the report: one Markdown row per kind (continuing {@link MacroReport}'s table:
 * figure, value, target, met) and {@code failover.csv} with one line per trial. Pure.
 */
public final class FailoverReport {
    private FailoverReport() {}

    /** Rows of the macro table: p50/p99/max over the trials of each kind against its p99 target. */
    public static String markdownRows(FailoverScenario.Result result) {
        StringBuilder md = new StringBuilder();
        for (FailoverTrials.Summary s : result.summaries()) {
            String value = s.observed() == 0 ? "not observed" : String.format(Locale.ROOT, "p50 %d ms, p99 %d ms, max %d ms", s.p50Millis(),
                    s.p99Millis(), s.maxMillis());
            value += " (n=" + s.observed() + (s.observed() < s.trials() ? ", " + (s.trials() - s.observed()) + " of " + s.trials()
                    + " trials not observed" : "") + ")";
            if (s.p50ElectedMillis() >= 0) {
                value += "; medians: new leader elected after " + s.p50ElectedMillis() + " ms, its term started (state loaded) after "
                        + s.p50TermStartedMillis() + " ms; " + s.firstTermTakeovers() + " of " + s.trials()
                        + " taken over by a node on its first term since it started";
            }
            String target = "p99 ≤ " + s.targetMillis() + " ms" + (s.kind() == FailoverKind.LEADER_KILL
                    ? " (session " + result.sessionTimeoutMillis() + " ms + 0.7 s)" : "");
            md.append("| ").append(s.kind().description()).append(" | ").append(value).append(" | ").append(target).append(" | ")
                    .append(s.met() ? "yes" : "**no**").append(" |\n");
        }
        return md.toString();
    }

    /**
     * One line per trial, in the order run; figure_ms is -1 when the trial's recovery was not observed, elected_ms
     * and term_started_ms (see {@link io.baton.bench.macro.TakeoverPhases}) -1 when unknown or not a leader change.
     */
    public static String csv(FailoverScenario.Result result) {
        StringBuilder csv = new StringBuilder("kind,trial,victim,injected_ms,epoch_before,shards_interrupted,figure_ms,target_ms,"
                + "session_timeout_ms,elected_ms,term_started_ms,successor,successor_had_led,problem\n");
        for (FailoverTrials.Trial t : result.trials()) {
            csv.append(t.kind().label()).append(',').append(t.number()).append(',').append(t.victim()).append(',').append(t.injectedMillis())
                    .append(',').append(t.epochBefore()).append(',').append(t.shardsInterrupted()).append(',').append(t.figureMillis())
                    .append(',').append(t.kind().targetMillis(result.sessionTimeoutMillis())).append(',').append(result.sessionTimeoutMillis())
                    .append(',').append(t.phases().electedMillis()).append(',').append(t.phases().termStartedMillis())
                    .append(',').append(t.phases().successor()).append(',').append(t.phases().successorHadLed())
                    .append(',').append(quoted(t.problem())).append('\n');
        }
        return csv.toString();
    }

    private static String quoted(String text) {
        return text.isEmpty() ? "" : '"' + text.replace("\"", "\"\"").replace('\n', ' ') + '"';
    }
}
