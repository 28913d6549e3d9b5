package io.baton.cli;

import io.baton.cli.render.Documents;
import io.baton.cli.render.JobTables;
import io.baton.cli.render.ProgressPrinter;
import io.baton.cli.render.Names;
import io.baton.cli.render.RunTables;
import io.baton.cli.render.Structured;
import io.baton.cli.spec.JobSpecParser;
import io.baton.cli.spec.SpecException;
import io.baton.client.BatonClient;
import io.baton.client.BatonException;
import io.baton.proto.v1.JobRecord;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code baton job ...}: apply, list, get, describe, pause, resume, delete, trigger. */
@Command(name = "job", description = "Create, change, inspect and run jobs.")
final class JobCommand extends CommandGroup {
    @ParentCommand
    BatonCommand root;

    @Command(name = "apply", description = "Creates the job in FILE or updates it to FILE (YAML or JSON: a JobSpec in the protobuf JSON mapping). Prints created, updated or unchanged, and the job's version.")
    int apply(@Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "Job spec file (.yaml, .yml or .json).") Path file,
              @Mixin OutputOption output) {
        JobSpec spec = JobSpecParser.parse(file.toString(), read(file));
        BatonClient client = root.client();
        Optional<JobRecord> before = find(client, spec.getName());
        JobRecord after;
        try {
            after = client.apply(spec);
        } catch (BatonException e) {
            if (e.code() != BatonException.Code.INVALID) throw e;
            throw new SpecException(file + ": rejected by the cluster: " + e.getMessage());
        }
        String result = before.isEmpty() ? "created" : before.get().getVersion() == after.getVersion() ? "unchanged" : "updated";
        if (output.format.structured()) {
            root.out().print(Structured.write(Documents.applied(result, after), output.format));
        } else {
            root.out().println("job " + after.getSpec().getName() + " " + result + " (version " + after.getVersion() + ")");
        }
        return ExitCode.OK;
    }

    @Command(name = "list", description = "Lists jobs in name order.")
    int list(@Option(names = "--prefix", paramLabel = "P", defaultValue = "", description = "Only jobs whose name starts with P.") String prefix,
             @Option(names = "--state", paramLabel = "S", description = "Only jobs in this state: active or paused.") String state,
             @Mixin OutputOption output) {
        java.util.Optional<Boolean> paused;
        if (state == null) paused = java.util.Optional.empty();
        else if (state.equalsIgnoreCase("paused")) paused = java.util.Optional.of(true);
        else if (state.equalsIgnoreCase("active")) paused = java.util.Optional.of(false);
        else throw new picocli.CommandLine.ParameterException(spec.commandLine().getSubcommands().get("list"),
                "--state: '" + state + "' is not a job state (active, paused)");
        List<JobRecord> jobs = root.client().listJobs(prefix, paused);
        output.print(root.out(), jobs, () -> JobTables.list(jobs));
        return ExitCode.OK;
    }

    @Command(name = "get", description = "Shows the job as stored (its record: spec, version, state).")
    int get(@Parameters(paramLabel = "NAME", description = "Job name.") String name, @Mixin OutputOption output) {
        JobRecord job = root.client().getJob(name);
        output.print(root.out(), job, () -> JobTables.record(job));
        return ExitCode.OK;
    }

    @Command(name = "describe", description = "Shows the job, its policies with defaults resolved, its next fire and its latest runs.")
    int describe(@Parameters(paramLabel = "NAME", description = "Job name.") String name, @Mixin OutputOption output) {
        JobRecord job = root.client().getJob(name);
        List<RunRecord> runs = root.client().listRuns(name);
        Instant now = root.environment().clock().instant();
        output.print(root.out(), Documents.describe(job, runs, now), () -> JobTables.describe(job, runs, now));
        return ExitCode.OK;
    }

    @Command(name = "pause", description = "Pauses the job's schedule (active runs go on; trigger still works).")
    int pause(@Parameters(paramLabel = "NAME", description = "Job name.") String name, @Mixin OutputOption output) {
        return printJob(root.client().pause(name), "paused", output);
    }

    @Command(name = "resume", description = "Resumes a paused job (missed fires follow its misfire policy).")
    int resume(@Parameters(paramLabel = "NAME", description = "Job name.") String name, @Mixin OutputOption output) {
        return printJob(root.client().resume(name), "resumed", output);
    }

    @Command(name = "delete", description = "Deletes the job and its run history; refused (exit 4) while it has active runs.")
    int delete(@Parameters(paramLabel = "NAME", description = "Job name.") String name,
               @Option(names = "--cancel-active-runs", description = "Cancel the job's running and queued runs first.") boolean cancelActive) {
        try {
            root.client().delete(name, cancelActive);
        } catch (BatonException e) {
            if (e.code() != BatonException.Code.CONFLICT || cancelActive) throw e;
            throw new BatonException(e.code(), e.getMessage() + " (--cancel-active-runs cancels them first)");
        }
        root.out().println("job " + name + " deleted");
        return ExitCode.OK;
    }

    @Command(name = "trigger", description = "Starts a run of the job now. With --wait, shows the shards' progress until the run ends and exits 0 if it succeeded, 6 if it failed or was cancelled, 7 if --timeout passed first.")
    int trigger(@Parameters(paramLabel = "NAME", description = "Job name.") String name,
                @Option(names = "--param", paramLabel = "TEXT", description = "Job parameter for this run only.") String param,
                @Option(names = "--idempotency-key", paramLabel = "KEY",
                        description = "Triggers with the same key (24 h) start one run: a retried trigger never starts two.") String key,
                @Option(names = "--wait", description = "Wait for the run to end, showing its progress.") boolean wait,
                @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10m",
                        description = "With --wait: how long to wait (default 10m); the run goes on after.") Duration timeout,
                @Mixin OutputOption output) throws InterruptedException {
        BatonClient client = root.client();
        RunRecord run = client.trigger(name, Optional.ofNullable(param), Optional.ofNullable(key));
        if (!wait) {
            if (output.format.structured()) {
                root.out().print(Structured.write(run, output.format));
            } else {
                root.out().println("run " + run.getRunId() + " of job " + name + ": " + Names.of(run.getState())
                        + " (" + run.getShardsCount() + " shards)");
            }
            return ExitCode.OK;
        }
        // with -o json/yaml stdout carries the document only: progress goes to stderr
        ProgressPrinter progress = output.format.structured() ? new ProgressPrinter(root.err(), false)
                : new ProgressPrinter(root.out(), root.environment().terminal());
        RunWaiter.Outcome outcome = RunWaiter.await(client, run.getRunId(), timeout, progress);
        if (outcome.finished().isEmpty()) {
            root.err().println("baton: run " + run.getRunId() + " did not finish within " + timeout.toMillis() + " ms (it goes on; see baton run get "
                    + run.getRunId() + ")");
            return ExitCode.TIMED_OUT;
        }
        RunRecord done = outcome.finished().get();
        output.print(root.out(), done, () -> RunTables.detail(done));
        return done.getState() == RunState.RUN_STATE_SUCCEEDED ? ExitCode.OK : ExitCode.RUN_FAILED;
    }

    private int printJob(JobRecord job, String what, OutputOption output) {
        if (output.format.structured()) {
            root.out().print(Structured.write(job, output.format));
        } else {
            root.out().println("job " + job.getSpec().getName() + " " + what + " (version " + job.getVersion() + ")");
        }
        return ExitCode.OK;
    }

    private static Optional<JobRecord> find(BatonClient client, String name) {
        try {
            return Optional.of(client.getJob(name));
        } catch (BatonException e) {
            if (e.code() == BatonException.Code.NOT_FOUND) return Optional.empty();
            throw e;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpecException("cannot read " + file + ": " + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.toString()));
        }
    }
}
