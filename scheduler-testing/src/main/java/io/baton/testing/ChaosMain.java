package io.baton.testing;

import io.baton.testing.chaos.ChaosSettings;
import io.baton.testing.chaos.ChaosSuite;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The chaos suite as a program, for {@code deploy/chaos.sh}: starts a 3-node ZooKeeper ensemble, 3
 * schedulers and the workers as separate JVMs, runs the chaos workload while injecting faults for about
 * {@code --minutes}, checks the invariants and prints the report. Exit status: 0 when every invariant held,
 * 1 when any was violated, 2 for bad options, 3 when the rig itself failed (a process would not start, the
 * cluster never became whole again).
 */
@Command(name = "baton-chaos", mixinStandardHelpOptions = true,
        description = "Runs Baton's chaos suite on a local multi-process cluster and checks its invariants.")
public final class ChaosMain implements Callable<Integer> {
    /** Start-up, warm-up, draining and checking around the fault phase. */
    static final Duration OVERHEAD = Duration.ofSeconds(60);

    @Option(names = "--minutes", defaultValue = "10", description = "About how long the run takes; every fault kind is injected at least once however short (default: ${DEFAULT-VALUE})")
    double minutes;
    @Option(names = "--seed", description = "Random seed of the workload and the fault plan (default: the current time)")
    Long seed;
    @Option(names = "--workers", defaultValue = "4", description = "Worker processes (default: ${DEFAULT-VALUE})")
    int workers;
    @Option(names = "--capacity", defaultValue = "4", description = "Shards each worker runs at once (default: ${DEFAULT-VALUE})")
    int capacity;
    @Option(names = "--session-timeout-ms", defaultValue = "2000", description = "ZooKeeper session timeout of every node (default: ${DEFAULT-VALUE})")
    long sessionTimeoutMillis;
    @Option(names = "--run-dir", description = "Where logs, journals, ZooKeeper data and the report go (default: runs/chaos-<timestamp>)")
    Path runDir;

    private final PrintStream out;

    ChaosMain(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        CommandLine cmd = new CommandLine(this);
        if (minutes <= 0) throw new CommandLine.ParameterException(cmd, "--minutes must be positive");
        if (workers < 2) throw new CommandLine.ParameterException(cmd, "--workers must be at least 2");
        if (capacity < 1) throw new CommandLine.ParameterException(cmd, "--capacity must be at least 1");
        if (sessionTimeoutMillis < 1000 || sessionTimeoutMillis > 10_000) {
            throw new CommandLine.ParameterException(cmd, "--session-timeout-ms must be between 1000 and 10000");
        }
        long theSeed = seed != null ? seed : System.currentTimeMillis();
        Path dir = runDir != null ? runDir : Path.of("runs", "chaos-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Duration faultPhase = Duration.ofMillis((long) (minutes * 60_000)).minus(OVERHEAD);
        if (faultPhase.isNegative()) faultPhase = Duration.ZERO;
        ClusterSettings cluster = ClusterSettings.sameJvm(dir.toAbsolutePath()).withSessionTimeout(Duration.ofMillis(sessionTimeoutMillis));
        ChaosSettings settings = new ChaosSettings(faultPhase, theSeed, workers, capacity, Duration.ofMillis(800), cluster);
        out.println("chaos: seed " + theSeed + ", run directory " + dir.toAbsolutePath());
        ChaosSuite.Outcome outcome;
        try {
            outcome = new ChaosSuite(settings).run();
        } catch (RuntimeException e) {
            out.println("CHAOS RIG FAILED: " + e.getMessage() + " (logs in " + dir.toAbsolutePath() + ")");
            return 3;
        }
        out.println(outcome.markdown());
        out.println((outcome.verdict().passed() ? "CHAOS PASSED" : "CHAOS FAILED: " + outcome.verdict().violations().size()
                + " violation(s)") + "; report " + outcome.report().toAbsolutePath());
        return outcome.verdict().passed() ? 0 : 1;
    }

    public static int run(PrintStream out, String... args) {
        return new CommandLine(new ChaosMain(out)).execute(args);
    }

    public static void main(String[] args) {
        System.exit(run(System.out, args));
    }
}
