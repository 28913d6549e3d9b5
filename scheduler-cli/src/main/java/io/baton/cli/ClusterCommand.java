package io.baton.cli;

import io.baton.cli.render.ClusterTables;
import io.baton.cli.render.Structured;
import io.baton.proto.v1.ClusterView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code baton cluster status}. */
@Command(name = "cluster", description = "Cluster-wide views.")
final class ClusterCommand extends CommandGroup {
    @ParentCommand
    BatonCommand root;

    @Command(name = "status", description = "Leader and epoch, scheduler nodes, workers (capacity, running shards, connected/cordoned/draining) and the ZooKeeper connect string or addresses used.")
    int status(@Mixin OutputOption output) {
        ClusterView view = root.client().clusterStatus();
        output.print(root.out(), view, () -> ClusterTables.status(view, root.settings().describe()));
        return ExitCode.OK;
    }
}
