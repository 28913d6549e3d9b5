package io.baton.cli;

import io.baton.cli.render.OutputFormat;
import picocli.CommandLine.Option;

/** {@code -o table|json|yaml} of the commands that print records. */
final class OutputOption {
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: table (default), json or yaml (protobuf JSON mapping; lists as arrays).")
    OutputFormat format = OutputFormat.TABLE;

    /** Prints {@code value} in the chosen structured format, or {@code table} for the table format. */
    void print(java.io.PrintWriter out, Object value, java.util.function.Supplier<String> table) {
        out.print(format.structured() ? io.baton.cli.render.Structured.writeAny(value, format) : table.get());
    }
}
