package io.baton.cli;

import io.baton.cli.settings.ConfigFile;
import io.baton.cli.settings.ConnectionSettings;
import io.baton.cli.settings.SettingsResolver;
import io.baton.client.BatonClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root {@code baton} command: the connection options (inherited by every subcommand) and, for the
 * one invocation it serves, the resolved settings and the client, opened on first use and closed by
 * {@link BatonCli} after the command ran.
 */
@Command(name = "baton", synopsisSubcommandLabel = "COMMAND",
        subcommands = {ClusterCommand.class, JobCommand.class, RunCommand.class, WorkerCommand.class, LeaderCommand.class,
                CompletionCommand.class},
        description = "Administers a Baton cluster: jobs, runs, workers and the leader.",
        footer = {"", "Connection settings, highest precedence first:",
                "  1. flags --zk and/or --addresses, --namespace, --timeout",
                "  2. environment BATON_ZK and/or BATON_ADDRESSES, BATON_NAMESPACE, BATON_TIMEOUT",
                "  3. config file ~/.baton/config.yaml (or $BATON_CONFIG): zk, addresses, namespace, timeout",
                "The cluster location (zk/addresses) comes whole from the first source that gives it.",
                "Every command has --help. See docs/CLI.md."})
final class BatonCommand extends CommandGroup {
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--zk", paramLabel = "HOST:PORT[,...]", scope = ScopeType.INHERIT,
            description = "ZooKeeper connect string of the cluster (env BATON_ZK).")
    String zk;

    @Option(names = "--addresses", paramLabel = "HOST:PORT", split = ",", scope = ScopeType.INHERIT,
            description = "Scheduler client addresses, instead of or besides --zk (env BATON_ADDRESSES).")
    List<String> addresses;

    @Option(names = "--namespace", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "ZooKeeper namespace of the cluster (env BATON_NAMESPACE; default baton).")
    String namespace;

    /** Set by the {@code --timeout} option {@link BatonCli} adds to every command without its own. */
    Duration requestTimeout;

    private final CliEnvironment environment;
    private ConnectionSettings settings;
    private BatonClient client;

    BatonCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    CliEnvironment environment() {
        return environment;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    ConnectionSettings settings() {
        if (settings == null) {
            SettingsResolver.Flags flags = new SettingsResolver.Flags(Optional.ofNullable(zk).map(String::trim).filter(s -> !s.isEmpty()),
                    addresses == null ? List.of() : addresses.stream().map(String::trim).filter(s -> !s.isEmpty()).toList(),
                    Optional.ofNullable(namespace), Optional.ofNullable(requestTimeout));
            settings = SettingsResolver.resolve(flags, environment.env(), ConfigFile.load(environment.env(), environment.home()));
        }
        return settings;
    }

    /** Where the CLI looks for the cluster, once the settings are resolved. */
    Optional<String> location() {
        return Optional.ofNullable(settings).map(ConnectionSettings::describe);
    }

    BatonClient client() {
        if (client == null) client = environment.clients().open(settings());
        return client;
    }

    void closeClient() {
        if (client != null) client.close();
        client = null;
    }
}
