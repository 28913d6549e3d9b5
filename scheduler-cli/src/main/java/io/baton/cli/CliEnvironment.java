package io.baton.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What a {@code baton} invocation takes from its surroundings, injectable for tests: how to open a client,
 * the environment variables, the home directory ($HOME, else {@code user.home}) (for {@code ~/.baton/config.yaml}), whether stdout is a
 * terminal (progress redrawn in place) and the clock.
 */
public record CliEnvironment(ClientFactory clients, Map<String, String> env, Path home, boolean terminal, Clock clock) {
    public CliEnvironment {
        env = Map.copyOf(env);
    }

    /** The real process: environment variables, the home directory, {@link #stdoutIsTerminal()}, the system clock. */
    public static CliEnvironment system() {
        String home = System.getenv().getOrDefault("HOME", "").isBlank() ? System.getProperty("user.home") : System.getenv("HOME");
        return new CliEnvironment(ClientFactory.standard(), System.getenv(), Path.of(home),
                stdoutIsTerminal(), Clock.systemUTC());
    }

    /** {@code -Dbaton.terminal=true|false} (the launcher tests stdout with {@code -t 1}), else whether there is a console. */
    static boolean stdoutIsTerminal() {
        String told = System.getProperty("baton.terminal", "");
        return told.isEmpty() ? System.console() != null : Boolean.parseBoolean(told);
    }

    public CliEnvironment withClients(ClientFactory factory) {
        return new CliEnvironment(factory, env, home, terminal, clock);
    }
}
