package io.baton.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import io.baton.proto.v1.ClusterView;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RunRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fixed records rendered to tables, JSON and YAML, compared with golden files. */
class RenderGoldenTest {
    private static final Instant NOW = Instant.ofEpochMilli(Fixtures.T0 + 90_000);

    @Test
    void clusterStatusTableShowsConnectionLeaderSchedulersAndWorkerStates() {
        Golden.assertMatches("cluster-status.txt", ClusterTables.status(Fixtures.cluster(), "ZooKeeper zk1:2181,zk2:2181, namespace baton"));
    }

    @Test
    void clusterStatusJsonIsTheClusterViewInProtobufJsonMapping() throws Exception {
        String json = Structured.write(Fixtures.cluster(), OutputFormat.JSON);
        Golden.assertMatches("cluster-status.json", json);
        ClusterView.Builder back = ClusterView.newBuilder();
        JsonFormat.parser().merge(json, back);
        assertThat(back.build()).isEqualTo(Fixtures.cluster());
    }

    @Test
    void workerListMergesRegistrationAndLeaderState() {
        Golden.assertMatches("worker-list.txt", ClusterTables.workers(Fixtures.cluster()));
        Golden.assertMatches("worker-list.json", Structured.write(Documents.workers(Fixtures.cluster()), OutputFormat.JSON));
    }

    @Test
    void jobListTableAndJsonArray() throws Exception {
        List<JobRecord> jobs = List.of(Fixtures.cronJob(), Fixtures.rateJob());
        Golden.assertMatches("job-list.txt", JobTables.list(jobs));
        String json = Structured.write(jobs, OutputFormat.JSON);
        Golden.assertMatches("job-list.json", json);
        assertThat(json.strip()).startsWith("[").endsWith("]");
    }

    @Test
    void jobGetShowsTheRecordAsStored() throws Exception {
        Golden.assertMatches("job-get-cron.txt", JobTables.record(Fixtures.cronJob()));
        Golden.assertMatches("job-get-rate.txt", JobTables.record(Fixtures.rateJob()));
        String json = Structured.write(Fixtures.rateJob(), OutputFormat.JSON);
        Golden.assertMatches("job-get-rate.json", json);
        JobRecord.Builder back = JobRecord.newBuilder();
        JsonFormat.parser().merge(json, back);
        assertThat(back.build()).isEqualTo(Fixtures.rateJob());
    }

    @Test
    void jobDescribeResolvesDefaultsAndShowsNextFireAndLatestRuns() {
        Golden.assertMatches("job-describe-cron.txt", JobTables.describe(Fixtures.cronJob(), Fixtures.runs(), NOW));
        Golden.assertMatches("job-describe-rate.txt", JobTables.describe(Fixtures.rateJob(), List.of(), NOW));
        Golden.assertMatches("job-describe-cron.json",
                Structured.write(Documents.describe(Fixtures.cronJob(), Fixtures.runs(), NOW), OutputFormat.JSON));
    }

    @Test
    void runListAndRunGet() throws Exception {
        Golden.assertMatches("run-list.txt", RunTables.list(Fixtures.runs()));
        Golden.assertMatches("run-list.json", Structured.write(Fixtures.runs(), OutputFormat.JSON));
        Golden.assertMatches("run-get-failed.txt", RunTables.detail(Fixtures.failedRun()));
        Golden.assertMatches("run-get-running.txt", RunTables.detail(Fixtures.runningRun()));
        String json = Structured.write(Fixtures.failedRun(), OutputFormat.JSON);
        Golden.assertMatches("run-get-failed.json", json);
        RunRecord.Builder back = RunRecord.newBuilder();
        JsonFormat.parser().merge(json, back);
        assertThat(back.build()).isEqualTo(Fixtures.failedRun());
    }

    @Test
    void yamlOutputKeepsInt64StringsQuoted() {
        String yaml = Structured.write(Fixtures.failedRun(), OutputFormat.YAML);
        Golden.assertMatches("run-get-failed.yaml", yaml);
        assertThat(yaml).contains("fireTimeMillis: \"" + Fixtures.T0 + "\"");
    }
}
