package io.baton.worker.rpc;

import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.ShardOutcome;
import io.baton.proto.v1.ShardReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reports waiting to leave together in one batch. A STARTED report whose attempt's final report is in the
 * same batch is dropped: the final report carries the start time, and the leader would only replace the one
 * with the other (a shard that ends as fast as a no-op costs the leader one report, not two). Pure.
 */
final class ReportBatch {
    private final List<ShardReport> reports = new ArrayList<>();

    void add(ShardReport report) {
        reports.add(report);
    }

    boolean isEmpty() {
        return reports.isEmpty();
    }

    /** The reports in the order added, less the STARTED ones made redundant; empties the batch. */
    List<ShardReport> drain() {
        Set<AttemptRef> ended = new HashSet<>();
        for (ShardReport r : reports) if (r.getOutcome() != ShardOutcome.SHARD_OUTCOME_STARTED) ended.add(r.getRef());
        List<ShardReport> out = new ArrayList<>(reports.size());
        for (ShardReport r : reports) {
            if (r.getOutcome() == ShardOutcome.SHARD_OUTCOME_STARTED && ended.contains(r.getRef())) continue;
            out.add(r);
        }
        reports.clear();
        return out;
    }
}
