package io.baton.testing.chaos;

import java.util.List;

/**
 * One injected fault as it happened: what, against which processes, when it was injected, when it was
 * healed (the process continued or restarted, the ZooKeeper nodes back), and the leader epoch just before.
 * Times are wall-clock milliseconds of this machine, comparable with the worker journals.
 */
public record FaultRecord(FaultKind kind, List<String> targets, long injectedMillis, long healedMillis, long epochBefore) {
    public FaultRecord {
        targets = List.copyOf(targets);
        if (healedMillis < injectedMillis) throw new IllegalArgumentException("healed before injected: " + this);
    }

    /** Whether {@code [from, to]} overlaps this fault, widened by {@code slackMillis} after it healed. */
    public boolean overlaps(long from, long to, long slackMillis) {
        return from <= healedMillis + slackMillis && to >= injectedMillis;
    }

    public String describe() {
        return kind + " " + String.join(",", targets) + " at " + injectedMillis + " (+" + (healedMillis - injectedMillis) + " ms)";
    }
}
