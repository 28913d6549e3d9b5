package io.baton.testing;

import io.baton.client.BatonClient;
import io.baton.client.BatonException;
import io.baton.client.ClientConfig;
import io.baton.client.JobSpecs;
import io.baton.common.zk.ZkClients.ZkSettings;
import io.baton.proto.v1.JobSpec;
import io.baton.testing.demo.DemoSession;
import io.baton.testing.demo.DemoVerdict;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The demo program of {@code deploy/dev-cluster.sh}: submits a sharded {@code demo.sleep} job to a running
 * cluster and shows its progress live until the run finishes, then a table of shard, worker, attempt,
 * state and duration. Exit status: 0 when the run SUCCEEDED with every shard succeeded exactly once,
 * 1 when it failed (or a shard was not counted exactly once), 2 for bad options, 3 on timeout,
 * 4 when no cluster answers.
 *
 * <pre>
 * java -cp ... io.baton.testing.DemoMain --zk 127.0.0.1:2181 --shards 12 --sleep-ms 1500
 * </pre>
 */
@Command(name = "baton-demo", mixinStandardHelpOptions = true,
        description = "Submits a sharded demo job to a Baton cluster and shows its progress until it finishes.")
public final class DemoMain implements Callable<Integer> {
    @Option(names = "--zk", defaultValue = "127.0.0.1:2181", description = "ZooKeeper connect string (default: ${DEFAULT-VALUE})")
    String zk;
    @Option(names = "--namespace", defaultValue = "baton", description = "ZooKeeper namespace (default: ${DEFAULT-VALUE})")
    String namespace;
    @Option(names = "--job", description = "Job name (default: demo-<timestamp>)")
    String jobName;
    @Option(names = "--handler", defaultValue = "demo.sleep", description = "Shard handler (default: ${DEFAULT-VALUE})")
    String handler;
    @Option(names = "--shards", defaultValue = "12", description = "Number of shards (default: ${DEFAULT-VALUE})")
    int shards;
    @Option(names = "--sleep-ms", defaultValue = "1500", description = "Job parameter: how long each demo.sleep shard sleeps (default: ${DEFAULT-VALUE})")
    long sleepMillis;
    @Option(names = "--job-parameter", description = "Job parameter passed to every shard (default: the --sleep-ms value)")
    String jobParameter;
    @Option(names = "--timeout-s", defaultValue = "120", description = "Give up when the run has not finished after this long (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;
    @Option(names = "--connect-timeout-s", defaultValue = "15", description = "How long one request may look for a leader (default: ${DEFAULT-VALUE})")
    long connectTimeoutSeconds;
    @Option(names = "--width", defaultValue = "0", description = "Terminal width: a redrawn status line is cut to fit (default: no limit)")
    int width;
    @Option(names = "--plain", description = "Print one line per change even on a terminal (no redrawing)")
    boolean plain;

    private final PrintStream out;

    DemoMain(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        if (shards < 1) throw new CommandLine.ParameterException(new CommandLine(this), "--shards must be at least 1");
        String name = jobName != null ? jobName : "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        JobSpec spec = JobSpecs.runNow(name, handler, shards)
                .setJobParameter(jobParameter != null ? jobParameter : Long.toString(sleepMillis)).build();
        ZkSettings settings = new ZkSettings(zk, namespace, Duration.ofSeconds(10), Duration.ofSeconds(5));
        ClientConfig config = ClientConfig.zookeeper(settings).withRequestTimeout(Duration.ofSeconds(connectTimeoutSeconds));
        DemoVerdict verdict;
        try {
            verdict = zooKeeperReachable(settings) ? runDemo(spec, config) : DemoVerdict.unreachable(zk, namespace,
                    "no ZooKeeper session within " + connectTimeoutSeconds + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            verdict = new DemoVerdict(DemoVerdict.RUN_FAILED, "interrupted");
        }
        out.println((verdict.ok() ? "DEMO OK: " : "DEMO FAILED: ") + verdict.message());
        out.flush();
        return verdict.exitCode();
    }

    /**
     * Checked before the SDK is used: with ZooKeeper down, the SDK's leader discovery retries ZooKeeper
     * for far longer than its request timeout, and the user would wait without a word.
     */
    private boolean zooKeeperReachable(ZkSettings settings) throws InterruptedException {
        try (ZooKeeperProbe probe = new ZooKeeperProbe(settings)) {
            return probe.awaitConnected(Duration.ofSeconds(connectTimeoutSeconds));
        }
    }

    private DemoVerdict runDemo(JobSpec spec, ClientConfig config) {
        DemoVerdict verdict;
        try (BatonClient client = BatonClient.connect(config)) {
            boolean redraw = !plain && System.console() != null;
            verdict = new DemoSession(client, out, redraw, width).run(spec, Duration.ofSeconds(timeoutSeconds));
        } catch (BatonException e) {
            verdict = e.code() == BatonException.Code.UNAVAILABLE
                    ? DemoVerdict.unreachable(zk, namespace, e.getMessage())
                    : new DemoVerdict(DemoVerdict.RUN_FAILED, "request refused: " + e.code() + ": " + e.getMessage());
        }
        return verdict;
    }

    /** Runs the demo and returns its exit status (for tests and embedding); prints to {@code out}. */
    public static int run(PrintStream out, String... args) {
        return new CommandLine(new DemoMain(out)).execute(args);
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            // before the first logger exists: keep client-side chatter off the progress display
            System.setProperty("logback.configurationFile", "baton-demo-logback.xml");
        }
        System.exit(run(System.out, args));
    }
}
