package io.baton.testing.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * POSIX signals the JDK cannot send ({@code SIGSTOP}, {@code SIGCONT}) through the {@code kill} command,
 * and the scheduling state of a process from Linux's {@code /proc}. Used by {@link ManagedProcess}.
 */
public final class Signals {
    private Signals() {}

    /** Sends {@code signal} (a name such as {@code STOP}) to {@code pid}; throws if {@code kill} fails. */
    public static void send(long pid, String signal) {
        if (!signal.matches("[A-Z0-9]+")) throw new IllegalArgumentException("bad signal name: " + signal);
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                throw new IllegalStateException("kill -" + signal + " " + pid + " did not return");
            }
            String output = new String(kill.getInputStream().readAllBytes()).strip();
            if (kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + pid, e);
        }
    }

    /**
     * The one-letter state of {@code pid} from {@code /proc/<pid>/stat} ({@code R} running, {@code S}
     * sleeping, {@code T} stopped, {@code Z} zombie...), or empty if there is no such process or no /proc.
     */
    public static Optional<Character> state(long pid) {
        try {
            return parseState(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException e) {
            return Optional.empty(); // the process is gone (NoSuchFileException) or this is not Linux
        }
    }

    /** The state field of a {@code /proc/<pid>/stat} line; the command name in parentheses may hold spaces. */
    static Optional<Character> parseState(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0 || close + 2 >= stat.length()) return Optional.empty();
        return Optional.of(stat.charAt(close + 2));
    }
}
