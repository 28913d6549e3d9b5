package io.baton.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.baton.common.job.JobDefaults;
import io.baton.proto.v1.ClusterView;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RunRecord;
import java.time.Instant;
import java.util.List;

/**
 * JSON/YAML documents for outputs that are not a single protobuf message: each part that is a message keeps
 * the protobuf JSON mapping (see {@link Structured}).
 */
public final class Documents {
    private Documents() {}

    /** {@code job describe}: {@code {job, resolvedSpec, nextFire, runs}} (runs: the latest, oldest first). */
    public static JsonNode describe(JobRecord job, List<RunRecord> runs, Instant now) {
        List<RunRecord> latest = runs.subList(Math.max(0, runs.size() - JobTables.DESCRIBE_RUNS), runs.size());
        ObjectNode doc = Structured.object();
        doc.set("job", Structured.node(job));
        doc.set("resolvedSpec", Structured.node(JobDefaults.resolve(job.getSpec())));
        doc.put("nextFire", NextFire.describe(job, runs, now));
        doc.set("runs", Structured.array(latest));
        return doc;
    }

    /**
     * {@code worker list}: one object per worker, the fields of its {@code WorkerInfo} (as registered) followed
     * by those of the leader's {@code WorkerState} (running, connected, cordoned, draining).
     */
    public static JsonNode workers(ClusterView view) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (ClusterTables.WorkerRow row : ClusterTables.workerRows(view)) {
            ObjectNode w = Structured.object();
            w.put("workerId", row.workerId());
            row.info().ifPresent(i -> w.setAll((ObjectNode) Structured.node(i)));
            row.state().ifPresent(s -> w.setAll((ObjectNode) Structured.node(s)));
            array.add(w);
        }
        return array;
    }

    /** {@code job apply}: {@code {result: created|updated|unchanged, job}}. */
    public static JsonNode applied(String result, JobRecord job) {
        ObjectNode doc = Structured.object();
        doc.put("result", result);
        doc.set("job", Structured.node(job));
        return doc;
    }
}
