package io.baton.cli;

import io.baton.cli.render.Names;
import io.baton.cli.render.RunTables;
import io.baton.cli.render.Structured;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code baton run ...}: list, get, cancel. */
@Command(name = "run", description = "Inspect and cancel runs.")
final class RunCommand extends CommandGroup {
    @ParentCommand
    BatonCommand root;

    @Command(name = "list", description = "Lists the runs of a job (active ones and the kept history), oldest fire first.")
    int list(@Parameters(paramLabel = "JOB", description = "Job name.") String job,
             @Option(names = "--state", paramLabel = "S", split = ",", converter = Converters.RunStateConverter.class,
                     description = "Only runs in these states: running, queued, succeeded, failed, cancelled.") List<RunState> states,
             @Mixin OutputOption output) {
        List<RunRecord> runs = root.client().listRuns(job, states == null ? Set.of() : Set.copyOf(states));
        output.print(root.out(), runs, () -> RunTables.list(runs));
        return ExitCode.OK;
    }

    @Command(name = "get", description = "Shows a run and, per shard: state, attempt, failed attempts, worker, epoch, timings, output or error.")
    int get(@Parameters(paramLabel = "RUN_ID", description = "Run id (from job trigger or run list).") String runId, @Mixin OutputOption output) {
        RunRecord run = root.client().getRun(runId);
        output.print(root.out(), run, () -> RunTables.detail(run));
        return ExitCode.OK;
    }

    @Command(name = "cancel", description = "Cancels a running or queued run (exit 4 if it has already finished).")
    int cancel(@Parameters(paramLabel = "RUN_ID", description = "Run id (from job trigger or run list).") String runId, @Mixin OutputOption output) {
        RunRecord run = root.client().cancelRun(runId);
        if (output.format.structured()) {
            root.out().print(Structured.write(run, output.format));
        } else {
            root.out().println("run " + run.getRunId() + " cancelled (state " + Names.of(run.getState()) + ")");
        }
        return ExitCode.OK;
    }
}
