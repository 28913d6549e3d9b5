package io.baton.testing.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.baton.cli.BatonCli;
import io.baton.cli.CliEnvironment;
import io.baton.cli.ClientFactory;
import io.baton.client.BatonClient;
import io.baton.client.ClientConfig;
import io.baton.proto.v1.ClusterView;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardState;
import io.baton.server.SchedulerNode;
import io.baton.worker.api.ShardHandler;
import io.baton.worker.handlers.DemoHandlers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code baton} CLI end to end against a real in-process cluster (2 scheduler nodes, 2 workers): each
 * command runs through picocli with captured output and a client pointed at the cluster, and is checked by
 * its output, its exit code and the cluster's state.
 */
class CliIntegrationTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String FAR_FUTURE = "0 0 0 1 1 ? 2099";

    @TempDir
    Path dir;

    private InProcessCluster cluster;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final Set<String> started = GateHandler.newLog();

    /** Exit code and output of one CLI invocation. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    @BeforeEach
    void start() throws Exception {
        cluster = new InProcessCluster();
        cluster.startScheduler("s1");
        cluster.startScheduler("s2");
        cluster.startWorker("w1", 4, handlers("w1"));
        cluster.startWorker("w2", 4, handlers("w2"));
        await().atMost(DEADLINE).until(() -> cluster.leader().map(l -> l.readyWorkers().size() == 2).orElse(false));
    }

    @AfterEach
    void stop() throws Exception {
        gate.countDown();
        cluster.close();
    }

    private Map<String, ShardHandler> handlers(String workerId) {
        Map<String, ShardHandler> handlers = new HashMap<>(DemoHandlers.all());
        handlers.put(GateHandler.NAME, new GateHandler(workerId, gate, started, new AtomicInteger()));
        return handlers;
    }

    /** Runs {@code baton args...} against the cluster (found through BATON_ZK, as a user's shell would). */
    private Result baton(String... args) {
        ClientFactory toCluster = settings -> BatonClient.connect(ClientConfig.zookeeper(cluster.zkSettings())
                .withRequestTimeout(settings.requestTimeout()));
        return run(new CliEnvironment(toCluster, Map.of("BATON_ZK", cluster.connectString()), dir, false, Clock.systemUTC()), args);
    }

    private Result run(CliEnvironment environment, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = BatonCli.commandLine(environment, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private Result ok(String... args) {
        Result r = baton(args);
        assertThat(r.code()).as("baton %s\n%s", String.join(" ", args), r).isZero();
        return r;
    }

    private Result fails(int code, String... args) {
        Result r = baton(args);
        assertThat(r.code()).as("baton %s\n%s", String.join(" ", args), r).isEqualTo(code);
        assertThat(r.err().lines()).as("one-line error\n%s", r).hasSize(1);
        assertThat(r.err()).startsWith("baton: ").doesNotContain("\tat ");
        return r;
    }

    private static <T extends Message.Builder> T parse(String json, Supplier<T> builder) throws InvalidProtocolBufferException {
        T b = builder.get();
        JsonFormat.parser().merge(json, b);
        return b;
    }

    private static List<JsonNode> array(String json) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        new ObjectMapper().readTree(json).forEach(out::add);
        return out;
    }

    private Path spec(String name, String yaml) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    private String applyCron(String name, String handler, int shards, String extra) throws Exception {
        Path file = spec(name + ".yaml", "name: " + name + "\nhandler: " + handler + "\nshardCount: " + shards
                + "\nschedule: {cron: {expression: \"" + FAR_FUTURE + "\"}}\n" + extra);
        ok("job", "apply", "-f", file.toString());
        return name;
    }

    private RunRecord trigger(String job, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("job", "trigger", job, "-o", "json"));
        args.addAll(List.of(more));
        return parse(ok(args.toArray(String[]::new)).out(), RunRecord::newBuilder).build();
    }

    private RunRecord getRun(String runId) throws Exception {
        return parse(ok("run", "get", runId, "-o", "json").out(), RunRecord::newBuilder).build();
    }

    @Test
    void clusterStatusShowsLeaderEpochNodesWorkersAndTheZooKeeperUsed() throws Exception {
        SchedulerNode leader = cluster.leader().orElseThrow();
        Result r = ok("cluster", "status");
        assertThat(r.out()).contains("Connection:  ZooKeeper " + cluster.connectString() + ", namespace baton",
                "Leader:      " + leader.nodeId() + " at ", "epoch " + leader.leaderEpoch().orElseThrow(), "s1 ", "s2 ");
        assertThat(r.out().lines().filter(l -> l.matches("w[12] .*"))).hasSize(2)
                .allSatisfy(l -> assertThat(l).matches("w[12]\\s+127\\.0\\.0\\.1:\\d+\\s+4\\s+0\\s+yes\\s+no\\s+no\\s+.*demo\\.echo.*"));

        ClusterView view = parse(ok("cluster", "status", "-o", "json").out(), ClusterView::newBuilder).build();
        assertThat(view.getLeader().getNodeId()).isEqualTo(leader.nodeId());
        assertThat(view.getSchedulersList()).hasSize(2);
        assertThat(view.getWorkerStatesList()).extracting(w -> w.getWorkerId()).containsExactlyInAnyOrder("w1", "w2");
    }

    @Test
    void applyCreatesUpdatesOrLeavesAJobAndABadFileIsExitTwoNamingTheFileAndField() throws Exception {
        Path file = spec("export.yaml", """
                name: nightly-export
                handler: demo.echo
                shard_count: 2
                schedule:
                  cron: {expression: "0 0 3 * * ?", timeZone: Europe/Paris}
                misfirePolicy: MISFIRE_POLICY_SKIP
                """);
        assertThat(ok("job", "apply", "-f", file.toString()).out()).isEqualTo("job nightly-export created (version 1)\n");
        assertThat(ok("job", "apply", "-f", file.toString()).out()).isEqualTo("job nightly-export unchanged (version 1)\n");
        Files.writeString(file, Files.readString(file).replace("shard_count: 2", "shard_count: 4"));
        assertThat(ok("job", "apply", "-f", file.toString()).out()).isEqualTo("job nightly-export updated (version 2)\n");
        JobRecord stored = parse(ok("job", "get", "nightly-export", "-o", "json").out(), JobRecord::newBuilder).build();
        assertThat(stored.getSpec().getShardCount()).isEqualTo(4);
        assertThat(stored.getSpec().getSchedule().getCron().getTimeZone()).isEqualTo("Europe/Paris");

        Path bad = spec("bad.json", "{\"name\": \"bad\", \"handler\": \"demo.echo\", \"shardCount\": 1, \"retry\": {\"maxAttempt\": 3}}");
        assertThat(fails(2, "job", "apply", "-f", bad.toString()).err())
                .contains(bad.toString(), "field 'retry.maxAttempt'", "unknown field of RetryPolicy");
        Path rejected = spec("rejected.yaml", "name: rejected\nhandler: demo.echo\nshardCount: 0\nschedule: {runNow: {}}\n");
        assertThat(fails(2, "job", "apply", "-f", rejected.toString()).err()).contains(rejected.toString(), "shard_count");
        fails(3, "job", "get", "bad");
        fails(3, "job", "get", "rejected");
    }

    @Test
    void listGetDescribePauseAndResume() throws Exception {
        applyCron("nightly-a", "demo.echo", 1, "");
        applyCron("nightly-b", "demo.echo", 2, "retry: {maxAttempts: 3}\n");
        applyCron("hourly", "demo.echo", 1, "");

        Result list = ok("job", "list", "--prefix", "nightly-");
        assertThat(list.out().lines().skip(1).map(l -> l.split("\\s+")[0])).containsExactly("nightly-a", "nightly-b");
        assertThat(array(ok("job", "list", "-o", "json").out())).extracting(j -> j.at("/spec/name").asText())
                .containsExactly("hourly", "nightly-a", "nightly-b");

        assertThat(ok("job", "get", "nightly-b").out()).contains("Name:", "nightly-b", "Version:             1", "Retry:",
                "maxAttempts 3", "Misfire policy:      unset");
        String describe = ok("job", "describe", "nightly-b").out();
        assertThat(describe).contains("Misfire policy:      FIRE_ONCE_NOW (default)", "Concurrency policy:  SKIP (default)",
                "Retry:               3 attempts, backoff 1.0s x2.0 up to 1m00s", "History:             keep 100 runs, no age limit (default)",
                "Next fire:           by cron \"" + FAR_FUTURE + "\" in UTC", "No runs.");

        assertThat(ok("job", "pause", "nightly-b").out()).isEqualTo("job nightly-b paused (version 1)\n");
        assertThat(parse(ok("job", "get", "nightly-b", "-o", "json").out(), JobRecord::newBuilder).getPaused()).isTrue();
        assertThat(ok("job", "describe", "nightly-b").out()).contains("State:               paused", "Next fire:           none while paused");
        assertThat(array(ok("job", "list", "--state", "paused", "-o", "json").out()))
                .extracting(j -> j.at("/spec/name").asText()).containsExactly("nightly-b");
        assertThat(array(ok("job", "list", "--state", "active", "-o", "json").out()))
                .extracting(j -> j.at("/spec/name").asText()).doesNotContain("nightly-b");
        assertThat(fails(2, "job", "list", "--state", "sleepy").err()).contains("--state", "sleepy");
        assertThat(ok("job", "resume", "nightly-b", "-o", "yaml").out()).contains("paused: false");
        assertThat(ok("job", "list").out()).doesNotContain("paused");
    }

    @Test
    void triggerWaitExitsZeroWhenTheRunSucceedsAndSixWhenItFails() throws Exception {
        applyCron("echo", "demo.echo", 3, "shardParameters: [a, b, c]\n");
        Result done = ok("job", "trigger", "echo", "--wait");
        assertThat(done.out()).contains("SUCCEEDED [####################] 3 succeeded, 0 failed, 0 running, 0 pending of 3",
                "State:          SUCCEEDED", "Trigger:        API");
        assertThat(done.out().lines().filter(l -> l.matches("\\d\\s+SUCCEEDED\\s+1\\s+0\\s+w[12]\\s+.*"))).hasSize(3);

        applyCron("failing", "demo.fail", 2, "jobParameter: fail\n");
        Result failed = baton("job", "trigger", "failing", "--wait", "--timeout", "30s");
        assertThat(failed.code()).as("%s", failed).isEqualTo(6);
        assertThat(failed.out()).contains("State:          FAILED", "error: failed on purpose");

        Result json = baton("job", "trigger", "failing", "--wait", "-o", "json");
        assertThat(json.code()).isEqualTo(6);
        assertThat(parse(json.out(), RunRecord::newBuilder).getState()).isEqualTo(RunState.RUN_STATE_FAILED);
        assertThat(json.err()).contains("FAILED [");
    }

    @Test
    void theSameIdempotencyKeyTwiceStartsOneRun() throws Exception {
        applyCron("billing", "demo.echo", 1, "");
        RunRecord first = trigger("billing", "--idempotency-key", "invoice-2026-11");
        RunRecord again = trigger("billing", "--idempotency-key", "invoice-2026-11");
        assertThat(again.getRunId()).isEqualTo(first.getRunId());
        assertThat(array(ok("run", "list", "billing", "-o", "json").out())).hasSize(1);
        RunRecord other = trigger("billing", "--idempotency-key", "invoice-2026-12", "--param", "x");
        assertThat(other.getRunId()).isNotEqualTo(first.getRunId());
        assertThat(other.getJobParameter()).isEqualTo("x");
    }

    @Test
    void runListGetAndCancel() throws Exception {
        applyCron("gated", GateHandler.NAME, 2, "");
        RunRecord run = trigger("gated");
        await().atMost(DEADLINE).until(() -> started.size() == 2);
        await().atMost(DEADLINE).until(() -> getRun(run.getRunId()).getShardsList().stream()
                .allMatch(s -> s.getState() == ShardState.SHARD_STATE_RUNNING));

        assertThat(ok("run", "list", "gated", "--state", "running,queued").out()).contains(run.getRunId(), "RUNNING", "API");
        assertThat(ok("run", "list", "gated", "--state", "succeeded").out().lines()).hasSize(1);
        String detail = ok("run", "get", run.getRunId()).out();
        assertThat(detail).contains("Run:            " + run.getRunId(), "0 succeeded, 0 failed, 2 running, 0 pending of 2");
        assertThat(detail.lines().filter(l -> l.matches("[01]\\s+RUNNING\\s+1\\s+0\\s+w[12]\\s+\\d+\\s+20\\d\\d-.*"))).hasSize(2);

        assertThat(ok("run", "cancel", run.getRunId()).out()).startsWith("run " + run.getRunId() + " cancelled");
        await().atMost(DEADLINE).until(() -> getRun(run.getRunId()).getState() == RunState.RUN_STATE_CANCELLED);
        fails(4, "run", "cancel", run.getRunId());
        fails(3, "run", "get", "gated@1");
    }

    @Test
    void deleteIsRefusedWhileARunIsActiveUnlessItsRunsAreCancelled() throws Exception {
        applyCron("gated", GateHandler.NAME, 1, "");
        RunRecord run = trigger("gated");
        await().atMost(DEADLINE).until(() -> started.size() == 1);
        assertThat(fails(4, "job", "delete", "gated").err()).contains("--cancel-active-runs");
        assertThat(ok("job", "get", "gated").out()).contains("gated");
        assertThat(ok("job", "delete", "gated", "--cancel-active-runs").out()).isEqualTo("job gated deleted\n");
        fails(3, "job", "get", "gated");
        fails(3, "run", "get", run.getRunId());
    }

    @Test
    void unknownNamesAreExitThree() {
        assertThat(fails(3, "job", "get", "nope").err()).contains("nope");
        fails(3, "job", "describe", "nope");
        fails(3, "job", "trigger", "nope");
        fails(3, "job", "pause", "nope");
        fails(3, "job", "delete", "nope");
        assertThat(ok("worker", "cordon", "nobody").out()).contains("no such worker is registered now");
        ok("worker", "uncordon", "nobody");
    }

    @Test
    void anUnreachableClusterIsExitFiveNamingTheZooKeeperAndTheTimeout() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        CliEnvironment real = new CliEnvironment(ClientFactory.standard(), Map.of(), dir, false, Clock.systemUTC());
        long t0 = System.nanoTime();
        Result r = run(real, "cluster", "status", "--zk", "127.0.0.1:" + deadPort, "--timeout", "1s");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15));
        assertThat(r.code()).as("%s", r).isEqualTo(5);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("cluster unavailable", "ZooKeeper 127.0.0.1:" + deadPort, "within 1000 ms");

        Result addresses = run(real, "job", "list", "--addresses", "127.0.0.1:" + deadPort, "--timeout", "1s");
        assertThat(addresses.code()).isEqualTo(5);
        assertThat(addresses.err()).contains("scheduler addresses 127.0.0.1:" + deadPort, "within 1000 ms");
    }

    @Test
    void workersAreListedCordonedUncordonedAndDrained() throws Exception {
        assertThat(ok("worker", "list").out().lines().skip(1)).hasSize(2)
                .allSatisfy(l -> assertThat(l).matches("w[12]\\s+127\\.0\\.0\\.1:\\d+\\s+4\\s+0\\s+yes\\s+no\\s+no\\s+.*"));

        assertThat(ok("worker", "cordon", "w1").out()).isEqualTo("worker w1 cordoned\n");
        await().atMost(DEADLINE).until(() -> array(ok("worker", "list", "-o", "json").out()).stream()
                .anyMatch(w -> w.path("workerId").asText().equals("w1") && w.path("cordoned").asBoolean()));
        applyCron("gated", GateHandler.NAME, 2, "");
        RunRecord run = trigger("gated");
        await().atMost(DEADLINE).until(() -> started.size() == 2);
        assertThat(started).as("a cordoned worker gets no shards").allMatch(s -> s.startsWith("w2:"));
        assertThat(ok("worker", "uncordon", "w1").out()).isEqualTo("worker w1 uncordoned\n");

        Result notYet = fails(7, "worker", "drain", "w2", "--timeout", "1s");
        assertThat(notYet.err()).contains("worker w2 not drained within 1.0s: 2 shard(s) still running", "stays cordoned");
        gate.countDown();
        assertThat(ok("worker", "drain", "w2", "--timeout", "30s").out()).isEqualTo("worker w2 drained: cordoned, no shard running\n");
        await().atMost(DEADLINE).until(() -> getRun(run.getRunId()).getState() == RunState.RUN_STATE_SUCCEEDED);
        assertThat(ok("worker", "list").out()).containsPattern("w2\\s+\\S+\\s+4\\s+0\\s+yes\\s+yes\\s+no");
        ok("worker", "uncordon", "w2");
    }

    @Test
    void leaderResignHandsLeadershipToAnotherNode() throws Exception {
        SchedulerNode before = cluster.leader().orElseThrow();
        long epoch = before.leaderEpoch().orElseThrow();
        assertThat(ok("leader", "resign").out()).isEqualTo("leader " + before.nodeId() + " (epoch " + epoch
                + ") resigned; another scheduler node takes over\n");
        await().atMost(DEADLINE).until(() -> cluster.leader().map(l -> !l.nodeId().equals(before.nodeId())).orElse(false));
        await().atMost(DEADLINE).until(() -> {
            ClusterView view = parse(ok("cluster", "status", "-o", "json").out(), ClusterView::newBuilder).build();
            return !view.getLeader().getNodeId().equals(before.nodeId()) && view.getLeader().getEpoch() > epoch;
        });
    }
}
