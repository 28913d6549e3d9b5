package io.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import io.baton.cli.settings.ConnectionSettings;
import io.baton.client.BatonException;
import io.baton.client.FakeClients;
import io.baton.proto.v1.ClientRequest;
import io.baton.proto.v1.ClientResponse;
import io.baton.proto.v1.ClusterView;
import io.baton.proto.v1.ErrorCode;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.proto.v1.ShardRecord;
import io.baton.proto.v1.ShardState;
import io.baton.proto.v1.WorkerState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command tree end to end (parsing, output, exit codes) against a fake transport instead of a cluster. */
class BatonCliTest {
    @TempDir
    Path home;

    private final List<ConnectionSettings> opened = new ArrayList<>();
    private Function<ClientRequest, ClientResponse> cluster = r -> ClientResponse.newBuilder()
            .setError(ErrorCode.ERROR_CODE_INVALID).setErrorMessage("unexpected request " + r.getOpCase()).build();

    /** Output and exit code of one invocation. */
    record Result(int code, String out, String err) {}

    private Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(settings -> {
            opened.add(settings);
            return FakeClients.answering(cluster);
        }, env, home, false, Clock.fixed(Instant.parse("2024-05-01T03:00:00Z"), ZoneOffset.UTC));
        int code = BatonCli.commandLine(environment, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private Result run(String... args) {
        return run(Map.of("BATON_ZK", "zk.example:2181"), args);
    }

    private static ClientResponse ok(ClientResponse.Builder b) {
        return b.setError(ErrorCode.ERROR_CODE_OK).build();
    }

    private static ClientResponse error(ErrorCode code, String message) {
        return ClientResponse.newBuilder().setError(code).setErrorMessage(message).build();
    }

    private static void assertOneLineError(Result r, int code, String... fragments) {
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("baton: ").contains(fragments).doesNotContain("Exception\n", "\tat ");
    }

    @Test
    void helpListsCommandsAndExitCodesAndEveryCommandHasHelp() {
        Result r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("cluster", "job", "run", "worker", "leader", "completion", "Exit codes:",
                "5   cluster unavailable", "7   timed out waiting", "BATON_ZK", "~/.baton/config.yaml");
        List<String> names = new ArrayList<>();
        collect(BatonCli.commandLine(new CliEnvironment(s -> null, Map.of(), home, false, Clock.systemUTC()),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), names);
        assertThat(names).contains("baton job trigger", "baton worker drain", "baton run cancel", "baton leader resign", "baton completion");
        for (String name : names) {
            List<String> args = new ArrayList<>(List.of(name.split(" ")).subList(1, name.split(" ").length));
            args.add("--help");
            Result help = run(args.toArray(String[]::new));
            assertThat(help.code()).as(name).isZero();
            assertThat(help.out()).as(name).startsWith("Usage: " + name);
        }
        assertThat(opened).isEmpty();
    }

    private static void collect(CommandLine cli, List<String> names) {
        names.add(cli.getCommandSpec().qualifiedName());
        cli.getSubcommands().values().forEach(sub -> collect(sub, names));
    }

    @Test
    void usageErrorsAreOneLineWithExitTwo() {
        assertOneLineError(run(), 2, "missing command");
        assertOneLineError(run("job"), 2, "missing command: one of apply", "see 'baton job --help'");
        assertOneLineError(run("job", "list", "--bogus"), 2, "Unknown option: '--bogus'");
        assertOneLineError(run("job", "get"), 2, "Missing required parameter: 'NAME'");
        assertOneLineError(run("run", "list", "j", "--state", "sleeping"), 2, "unknown run state 'sleeping'");
        assertOneLineError(run("job", "trigger", "j", "--wait", "--timeout", "soon"), 2, "invalid duration 'soon'");
        assertOneLineError(run("job", "list", "-o", "xml"), 2, "expected one of [TABLE, JSON, YAML]");
    }

    @Test
    void withoutAnyClusterSettingTheErrorSaysWhereToPutOne() {
        assertOneLineError(run(Map.of(), "job", "list"), 2, "no cluster given", "--zk", "BATON_ZK", home.resolve(".baton/config.yaml").toString());
    }

    @Test
    void settingsComeFromFlagsEnvironmentAndTheRequestTimeoutWorksBeforeOrAfterTheCommand() {
        cluster = r -> ok(ClientResponse.newBuilder());
        run(Map.of("BATON_ZK", "env:2181", "BATON_NAMESPACE", "envns"), "job", "list", "--timeout", "3s");
        run("--timeout", "4s", "--zk", "flag:2181", "job", "list");
        run("job", "list", "--addresses", "a:1,b:2", "--namespace", "ns");
        assertThat(opened).extracting(ConnectionSettings::describe).containsExactly(
                "ZooKeeper env:2181, namespace envns", "ZooKeeper flag:2181, namespace baton", "scheduler addresses a:1, b:2");
        assertThat(opened).extracting(ConnectionSettings::requestTimeout)
                .containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(20));
    }

    @Test
    void sdkErrorsMapToExitCodesWithTheServersMessage() {
        cluster = r -> error(ErrorCode.ERROR_CODE_NOT_FOUND, "no job named nope");
        assertOneLineError(run("job", "get", "nope"), 3, "no job named nope");
        cluster = r -> error(ErrorCode.ERROR_CODE_CONFLICT, "job j has 1 active run");
        assertOneLineError(run("job", "delete", "j"), 4, "job j has 1 active run (--cancel-active-runs cancels them first)");
        cluster = r -> {
            throw new BatonException(BatonException.Code.UNAVAILABLE, "no leader answered within 1000 ms (tried [])");
        };
        assertOneLineError(run("cluster", "status"), 5, "cluster unavailable (tried ZooKeeper zk.example:2181, namespace baton): no leader answered within 1000 ms");
    }

    @Test
    void applyCreatesUpdatesOrLeavesAJobAndNamesTheFileOfABadSpec() throws Exception {
        Map<String, JobRecord> jobs = new HashMap<>();
        cluster = r -> switch (r.getOpCase()) {
            case GET_JOB -> jobs.containsKey(r.getGetJob().getJobName())
                    ? ok(ClientResponse.newBuilder().setJob(jobs.get(r.getGetJob().getJobName())))
                    : error(ErrorCode.ERROR_CODE_NOT_FOUND, "no job");
            case SUBMIT_JOB -> {
                jobs.put(r.getSubmitJob().getSpec().getName(), JobRecord.newBuilder().setSpec(r.getSubmitJob().getSpec()).setVersion(1).build());
                yield ok(ClientResponse.newBuilder());
            }
            case UPDATE_JOB -> {
                JobRecord next = jobs.get(r.getUpdateJob().getSpec().getName()).toBuilder().setSpec(r.getUpdateJob().getSpec())
                        .setVersion(r.getUpdateJob().getExpectedVersion() + 1).build();
                jobs.put(next.getSpec().getName(), next);
                yield ok(ClientResponse.newBuilder().setJob(next));
            }
            default -> error(ErrorCode.ERROR_CODE_INVALID, "unexpected");
        };
        Path spec = home.resolve("job.yaml");
        Files.writeString(spec, "name: j\nhandler: demo.echo\nshardCount: 2\nschedule: {cron: {expression: '0 0 3 * * ?'}}\n");
        assertThat(run("job", "apply", "-f", spec.toString()).out()).isEqualTo("job j created (version 1)\n");
        assertThat(run("job", "apply", "-f", spec.toString()).out()).isEqualTo("job j unchanged (version 1)\n");
        Files.writeString(spec, "name: j\nhandler: demo.echo\nshardCount: 3\nschedule: {cron: {expression: '0 0 3 * * ?'}}\n");
        Result updated = run("job", "apply", "-f", spec.toString(), "-o", "json");
        assertThat(updated.out()).contains("\"result\" : \"updated\"", "\"shardCount\" : 3");

        Files.writeString(spec, "name: j\nshardCount: 3\nmisfirePolicy: SOMETIMES\n");
        assertOneLineError(run("job", "apply", "-f", spec.toString()), 2, spec + ": field 'misfirePolicy': invalid value 'SOMETIMES'");
        assertOneLineError(run("job", "apply", "-f", home.resolve("missing.yaml").toString()), 2, "missing.yaml: no such file");

        cluster = r -> r.getOpCase() == ClientRequest.OpCase.GET_JOB ? error(ErrorCode.ERROR_CODE_NOT_FOUND, "no job")
                : error(ErrorCode.ERROR_CODE_INVALID, "handler: must not be empty");
        Files.writeString(spec, "name: j\nshardCount: 3\n");
        assertOneLineError(run("job", "apply", "-f", spec.toString()), 2, spec + ": rejected by the cluster: handler: must not be empty");
    }

    @Test
    void jsonOutputParsesBackIntoTheRecord() throws Exception {
        JobRecord job = JobRecord.newBuilder().setSpec(JobSpec.newBuilder().setName("j").setHandler("h").setShardCount(1)).setVersion(4).build();
        cluster = r -> ok(ClientResponse.newBuilder().setJob(job));
        Result r = run("job", "get", "j", "-o", "json");
        JobRecord.Builder back = JobRecord.newBuilder();
        JsonFormat.parser().merge(r.out(), back);
        assertThat(back.build()).isEqualTo(job);
        assertThat(run("job", "get", "j", "-o", "yaml").out()).contains("version: \"4\"");
    }

    private static RunRecord run(RunState state, ShardState... shards) {
        RunRecord.Builder b = RunRecord.newBuilder().setRunId("j@1").setJobName("j").setState(state);
        for (int i = 0; i < shards.length; i++) b.addShards(ShardRecord.newBuilder().setIndex(i).setState(shards[i]));
        return b.build();
    }

    @Test
    void triggerWaitShowsProgressAndExitsByTheRunsOutcome() {
        List<RunRecord> states = List.of(run(RunState.RUN_STATE_RUNNING, ShardState.SHARD_STATE_PENDING, ShardState.SHARD_STATE_PENDING),
                run(RunState.RUN_STATE_RUNNING, ShardState.SHARD_STATE_SUCCEEDED, ShardState.SHARD_STATE_RUNNING),
                run(RunState.RUN_STATE_SUCCEEDED, ShardState.SHARD_STATE_SUCCEEDED, ShardState.SHARD_STATE_SUCCEEDED));
        AtomicInteger reads = new AtomicInteger();
        cluster = r -> switch (r.getOpCase()) {
            case TRIGGER_JOB -> ok(ClientResponse.newBuilder().setRun(states.get(0)));
            case GET_RUN -> ok(ClientResponse.newBuilder().setRun(states.get(Math.min(reads.getAndIncrement(), states.size() - 1))));
            default -> error(ErrorCode.ERROR_CODE_INVALID, "unexpected");
        };
        Result ok = run("job", "trigger", "j", "--wait");
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).contains("j@1 RUNNING [....................] 0 succeeded, 0 failed, 0 running, 2 pending of 2\n",
                "j@1 RUNNING [##########>>>>>>>>>>] 1 succeeded, 0 failed, 1 running, 0 pending of 2\n",
                "j@1 SUCCEEDED [####################] 2 succeeded", "State:          SUCCEEDED");

        cluster = r -> ok(ClientResponse.newBuilder().setRun(run(RunState.RUN_STATE_FAILED, ShardState.SHARD_STATE_FAILED)));
        Result failed = run("job", "trigger", "j", "--wait", "-o", "json");
        assertThat(failed.code()).isEqualTo(ExitCode.RUN_FAILED);
        assertThat(failed.out()).startsWith("{").contains("\"state\" : \"RUN_STATE_FAILED\"");
        assertThat(failed.err()).contains("j@1 FAILED");

        cluster = r -> ok(ClientResponse.newBuilder().setRun(run(RunState.RUN_STATE_RUNNING, ShardState.SHARD_STATE_RUNNING)));
        Result slow = run("job", "trigger", "j", "--wait", "--timeout", "300ms");
        assertThat(slow.code()).isEqualTo(ExitCode.TIMED_OUT);
        assertThat(slow.err()).contains("did not finish within 300 ms");
    }

    @Test
    void drainThatDoesNotEmptyTheWorkerInTimeExitsSeven() {
        cluster = r -> ok(ClientResponse.newBuilder().setCluster(ClusterView.newBuilder()
                .addWorkerStates(WorkerState.newBuilder().setWorkerId("w1").setRunning(2))));
        Result r = run("worker", "drain", "w1", "--timeout", "300ms");
        assertOneLineError(r, ExitCode.TIMED_OUT, "worker w1 not drained within 300ms: 2 shard(s) still running");
        cluster = r2 -> ok(ClientResponse.newBuilder().setCluster(ClusterView.newBuilder()
                .addWorkerStates(WorkerState.newBuilder().setWorkerId("w1").setRunning(0))));
        assertThat(run("worker", "drain", "w1").out()).isEqualTo("worker w1 drained: cordoned, no shard running\n");
    }

    @Test
    void completionPrintsABashScriptCoveringTheCommands() {
        Result r = run("completion");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("#!/usr/bin/env bash").contains("complete -F", "trigger", "--idempotency-key", "drain");
        assertThat(opened).isEmpty();
    }
}
