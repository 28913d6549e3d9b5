package io.baton.server.coordinator;

import io.baton.proto.v1.AttemptRef;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RunRecord;
import java.util.List;
import java.util.Map;

/**
 * One group commit: the run and job records changed since the previous one, and the report
 * acknowledgements that may be sent once these records are durable.
 */
public record FlushBatch(long id, List<RunRecord> records, List<JobRecord> jobs, Map<String, List<AttemptRef>> acks) {
    public FlushBatch(long id, List<RunRecord> records, Map<String, List<AttemptRef>> acks) {
        this(id, records, List.of(), acks);
    }

    public int shardCount() {
        return records.stream().mapToInt(RunRecord::getShardsCount).sum();
    }
}
