package io.baton.cli;

import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Entry point of {@code baton}: builds the picocli command tree, maps every failure to a one-line message
 * on stderr and an {@link ExitCode}, and closes the client after the command.
 *
 * <pre>{@code
 * StringWriter out = new StringWriter(), err = new StringWriter();
 * int code = BatonCli.commandLine(environment, new PrintWriter(out), new PrintWriter(err))
 *         .execute("job", "list", "-o", "json");
 * }</pre>
 */
public final class BatonCli {
    private BatonCli() {}

    public static void main(String[] args) {
        // no logging backend on the CLI's class path: keep SLF4J's "no providers" notice off stderr
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = commandLine(CliEnvironment.system(), out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** A command line writing to {@code out} and {@code err}; each {@code execute} is one invocation. */
    public static CommandLine commandLine(CliEnvironment environment, PrintWriter out, PrintWriter err) {
        BatonCommand root = new BatonCommand(environment);
        CommandLine cli = new CommandLine(root);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.registerConverter(Duration.class, new Converters.DurationConverter());
        addRequestTimeout(cli, root);
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.descriptions());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, args) -> fail(err, e.getCommandLine(), Failure.of(e, root.location())));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> fail(err, commandLine, Failure.of(e, root.location())));
        cli.setExecutionStrategy(parseResult -> {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } finally {
                root.closeClient();
            }
        });
        return cli;
    }

    private static int fail(PrintWriter err, CommandLine where, Failure failure) {
        String hint = failure.exitCode() == ExitCode.USAGE && where != null
                ? " (see '" + where.getCommandSpec().qualifiedName() + " --help')" : "";
        err.println("baton: " + failure.message() + hint);
        err.flush();
        return failure.exitCode();
    }

    /**
     * Adds {@code --timeout} (the request timeout) to every command that has no {@code --timeout} of its own
     * ({@code job trigger} and {@code worker drain} use theirs for how long to wait; there the request timeout
     * goes before the subcommand: {@code baton --timeout 5s worker drain w1 --timeout 10m}). Picocli's
     * inherited options cannot do this: a subcommand may not redeclare an inherited name.
     */
    private static void addRequestTimeout(CommandLine cli, BatonCommand root) {
        for (CommandLine sub : cli.getSubcommands().values()) addRequestTimeout(sub, root);
        CommandSpec spec = cli.getCommandSpec();
        if (spec.findOption("--timeout") != null) return;
        spec.addOption(OptionSpec.builder("--timeout").type(Duration.class).paramLabel("DURATION")
                .description("Request timeout, e.g. 500ms, 10s, 1m (env BATON_TIMEOUT; default 20s).")
                .setter(new ISetter() {
                    @Override
                    public <T> T set(T value) {
                        // picocli resets unset options to null on every command it parses: keep a value given elsewhere
                        if (value != null) root.requestTimeout = (Duration) value;
                        return null;
                    }
                }).build());
    }
}
