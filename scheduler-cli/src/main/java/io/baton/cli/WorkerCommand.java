package io.baton.cli;

import io.baton.cli.render.ClusterTables;
import io.baton.cli.render.Documents;
import io.baton.cli.render.Structured;
import io.baton.cli.render.Times;
import io.baton.proto.v1.ClusterView;
import io.baton.proto.v1.WorkerState;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code baton worker ...}: list, cordon, uncordon, drain. */
@Command(name = "worker", description = "Inspect, cordon and drain workers.")
final class WorkerCommand extends CommandGroup {
    @ParentCommand
    BatonCommand root;

    @Command(name = "list", description = "Lists workers: address, capacity, running shards, connected/cordoned/draining, handlers.")
    int list(@Mixin OutputOption output) {
        ClusterView view = root.client().clusterStatus();
        output.print(root.out(), Documents.workers(view), () -> ClusterTables.workers(view));
        return ExitCode.OK;
    }

    @Command(name = "cordon", description = "The worker gets no new shards (its running ones go on). Survives a leader change.")
    int cordon(@Parameters(paramLabel = "ID", description = "Worker id.") String id) {
        root.client().cordon(id, true);
        // the cluster accepts a cordon for a worker that is not registered (yet): say so, a typo is likely
        boolean known = ClusterTables.workerRows(root.client().clusterStatus()).stream().anyMatch(w -> w.workerId().equals(id));
        root.out().println("worker " + id + " cordoned" + (known ? "" : " (no such worker is registered now; the cordon applies when one joins)"));
        return ExitCode.OK;
    }

    @Command(name = "uncordon", description = "The worker gets new shards again.")
    int uncordon(@Parameters(paramLabel = "ID", description = "Worker id.") String id) {
        root.client().cordon(id, false);
        root.out().println("worker " + id + " uncordoned");
        return ExitCode.OK;
    }

    @Command(name = "drain", description = "Cordons the worker and waits until no shard runs on it; exit 7 if shards still run after --timeout (it stays cordoned either way; uncordon undoes it).")
    int drain(@Parameters(paramLabel = "ID", description = "Worker id.") String id,
              @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", description = "How long to wait (default 5m).") Duration timeout) {
        if (root.client().drain(id, timeout)) {
            root.out().println("worker " + id + " drained: cordoned, no shard running");
            return ExitCode.OK;
        }
        int running = root.client().clusterStatus().getWorkerStatesList().stream().filter(w -> w.getWorkerId().equals(id))
                .mapToInt(WorkerState::getRunning).findFirst().orElse(0);
        root.err().println("baton: worker " + id + " not drained within " + Times.duration(timeout.toMillis()) + ": " + running
                + " shard(s) still running; it stays cordoned (baton worker uncordon " + id + " undoes it)");
        return ExitCode.TIMED_OUT;
    }
}
