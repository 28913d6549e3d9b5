package io.baton.cli;

import io.baton.proto.v1.LeaderInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code baton leader resign}. */
@Command(name = "leader", description = "The leader scheduler node.")
final class LeaderCommand extends CommandGroup {
    @ParentCommand
    BatonCommand root;

    @Command(name = "resign", description = "The leader steps down; another scheduler node becomes leader.")
    int resign() {
        LeaderInfo before = root.client().clusterStatus().getLeader();
        root.client().resignLeader();
        root.out().println(before.getNodeId().isEmpty() ? "leader resigned"
                : "leader " + before.getNodeId() + " (epoch " + before.getEpoch() + ") resigned; another scheduler node takes over");
        return ExitCode.OK;
    }
}
