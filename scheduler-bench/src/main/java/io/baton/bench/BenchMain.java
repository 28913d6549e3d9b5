package io.baton.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.baton.bench.report.MicroResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code deploy/bench.sh}: runs the benchmarks and writes the report (Markdown, CSV, JMH's JSON) to a
 * results folder. {@code --quick} shortens every measurement (a few minutes in all); the default runs each
 * benchmark as its annotations say. Exit 0 when the report was written, 2 for bad arguments, 1 otherwise.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> {
                    if (i + 1 >= args.length) usage("--out needs a folder");
                    out = Path.of(args[++i]);
                }
                case "-h", "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                default -> usage("unknown argument: " + args[i]);
            }
        }
        if (out == null) out = Path.of("bench-results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(out);
        Path json = out.resolve("jmh.json");
        ChainedOptionsBuilder options = new OptionsBuilder().include("io\\.baton\\.bench\\.micro\\..*")
                .resultFormat(ResultFormatType.JSON).result(json.toString());
        if (quick) {
            options.warmupIterations(2).warmupTime(TimeValue.seconds(1)).measurementIterations(3)
                    .measurementTime(TimeValue.seconds(1)).forks(1);
        }
        new Runner(options.build()).run();
        List<MicroResults.Row> rows = MicroResults.parse(new ObjectMapper().readTree(json.toFile()));
        String header = "# Baton benchmark report\n\n" + (quick ? "Quick run (`--quick`): short measurements, wider error bars.\n\n" : "")
                + "Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, Java " + System.getProperty("java.version")
                + ". Ratios compare figures of the same run.\n\n";
        Files.writeString(out.resolve("report.md"), header + MicroResults.markdown(rows));
        Files.writeString(out.resolve("micro.csv"), MicroResults.csv(rows));
        System.out.println("BENCH REPORT " + out.resolve("report.md").toAbsolutePath());
    }

    private static final String USAGE = "usage: deploy/bench.sh [--quick] [--out DIR]";

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println(USAGE);
        System.exit(2);
    }
}
