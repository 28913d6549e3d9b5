package io.baton.cli.render;

import io.baton.proto.v1.RunRecord;
import java.io.PrintWriter;

/**
 * Prints a run's {@link ProgressLine} as it changes. On a terminal the line is redrawn in place ({@code \r},
 * padded to wipe the previous one); otherwise (a pipe, a file, a CI log) one line per change is printed.
 * Called from one thread at a time (the run watch's); {@link #finish()} ends the line.
 */
public final class ProgressPrinter {
    private final PrintWriter out;
    private final boolean terminal;
    private String last = "";

    public ProgressPrinter(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public synchronized void update(RunRecord run) {
        String line = ProgressLine.of(run);
        if (line.equals(last)) return;
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, last.length() - line.length())));
        } else {
            out.println(line);
        }
        out.flush();
        last = line;
    }

    /** Ends the redrawn line so that what follows starts on a line of its own. */
    public synchronized void finish() {
        if (terminal && !last.isEmpty()) out.println();
        out.flush();
    }
}
