package io.baton.cli;

import io.baton.cli.settings.SettingsException;
import io.baton.cli.spec.SpecException;
import io.baton.client.BatonException;
import java.util.Optional;
import picocli.CommandLine;

/**
 * What {@code baton} prints and returns when a command fails: an exit code ({@link ExitCode}) and a
 * one-line message, never a stack trace. Pure. {@code location} (where the CLI looked for the cluster)
 * is added to "unavailable" messages so the user sees what was tried.
 */
public record Failure(int exitCode, String message) {

    public static Failure of(Throwable error, Optional<String> location) {
        Throwable t = error;
        while (t instanceof CommandLine.ExecutionException && t.getCause() != null) t = t.getCause();
        String message = oneLine(t.getMessage());
        if (t instanceof CommandLine.ParameterException) return new Failure(ExitCode.USAGE, message);
        if (t instanceof SpecException || t instanceof SettingsException) return new Failure(ExitCode.USAGE, message);
        if (t instanceof BatonException b) {
            return switch (b.code()) {
                case INVALID -> new Failure(ExitCode.USAGE, "invalid request: " + message);
                case NOT_FOUND -> new Failure(ExitCode.NOT_FOUND, message);
                case ALREADY_EXISTS, CONFLICT -> new Failure(ExitCode.CONFLICT, message);
                case UNAVAILABLE -> new Failure(ExitCode.UNAVAILABLE, "cluster unavailable"
                        + location.map(l -> " (tried " + l + ")").orElse("") + ": " + message);
                case INTERNAL -> new Failure(ExitCode.INTERNAL, "internal error on the scheduler: " + message);
            };
        }
        return new Failure(ExitCode.INTERNAL, "unexpected error: " + t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message));
    }

    static String oneLine(String text) {
        if (text == null) return "";
        return text.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
