package io.baton.server;

import io.baton.common.zk.ZkClients.ZkSettings;
import io.baton.server.coordinator.CoordinatorConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Entry point of a scheduler node process. Prints {@code SCHEDULER READY ...} once it serves clients. */
@Command(name = "baton-scheduler", mixinStandardHelpOptions = true,
        description = "Runs one Baton scheduler node: joins the leader election and serves SDK/CLI requests.")
public final class SchedulerMain implements Callable<Integer> {
    @Option(names = "--zk", required = true, description = "ZooKeeper connect string, e.g. 127.0.0.1:2181")
    String zk;
    @Option(names = "--namespace", defaultValue = "baton", description = "ZooKeeper namespace (default: ${DEFAULT-VALUE})")
    String namespace;
    @Option(names = "--node-id", required = true, description = "Unique id of this scheduler node")
    String nodeId;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Host to bind and advertise (default: ${DEFAULT-VALUE})")
    String host;
    @Option(names = "--port", defaultValue = "0", description = "Client port; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;
    @Option(names = "--session-timeout-ms", defaultValue = "3000", description = "ZooKeeper session timeout (default: ${DEFAULT-VALUE})")
    long sessionTimeoutMs;

    @Option(names = "--metrics-log-seconds", defaultValue = "0", description = "Log all metrics every N seconds; 0 = off (default: ${DEFAULT-VALUE})")
    long metricsLogSeconds;

    @Option(names = "--misfire-threshold-ms", defaultValue = "5000",
            description = "A single fire later than this is a misfire (the job's misfire policy decides) (default: ${DEFAULT-VALUE})")
    long misfireThresholdMs;

    @Option(names = "--timeout-grace-ms", defaultValue = "2000",
            description = "After an attempt's timeout, wait this long for the worker's report before timing it out on the leader (default: ${DEFAULT-VALUE})")
    long timeoutGraceMs;

    @Option(names = "--fire-lead-ms", defaultValue = "1000",
            description = "Decide a scheduled fire and store its run up to this long before its time, so its shards start at"
                    + " the fire instant; 0 = decide fires when due (default: ${DEFAULT-VALUE})")
    long fireLeadMs;

    @Option(names = "--dispatch-lead-ms", defaultValue = "50",
            description = "Send a run decided ahead to its workers up to this long before its fire time; each worker holds the"
                    + " slot and starts the shard at the instant. 0 = send at the fire instant; at most --fire-lead-ms"
                    + " takes effect (default: ${DEFAULT-VALUE})")
    long dispatchLeadMs;

    @Option(names = "--warm-worker-links", defaultValue = "" + SchedulerConfig.DEFAULT_WARM_WORKER_LINKS,
            description = "While following, keep a connection to up to this many registered workers, so a term this node"
                    + " wins greets them at once; each carries heartbeats. 0 = none (default: ${DEFAULT-VALUE})")
    int warmWorkerLinks;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (misfireThresholdMs < 0 || timeoutGraceMs < 0 || fireLeadMs < 0 || dispatchLeadMs < 0 || warmWorkerLinks < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--misfire-threshold-ms, --timeout-grace-ms, --fire-lead-ms,"
                    + " --dispatch-lead-ms and --warm-worker-links must not be negative");
        }
        ZkSettings zkSettings = new ZkSettings(zk, namespace, Duration.ofMillis(sessionTimeoutMs), Duration.ofMillis(Math.min(sessionTimeoutMs, 3000)));
        CoordinatorConfig coordinator = CoordinatorConfig.defaults()
                .withMisfireThreshold(Duration.ofMillis(misfireThresholdMs)).withTimeoutGrace(Duration.ofMillis(timeoutGraceMs))
                .withFireLead(Duration.ofMillis(fireLeadMs)).withDispatchLead(Duration.ofMillis(dispatchLeadMs));
        SchedulerConfig config = SchedulerConfig.of(nodeId, zkSettings).withPort(host, port).withCoordinator(coordinator)
                .withWarmWorkerLinks(warmWorkerLinks);
        SchedulerNode node = new SchedulerNode(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "baton-shutdown"));
        node.start();
        if (metricsLogSeconds > 0) {
            com.codahale.metrics.Slf4jReporter.forRegistry(node.metrics())
                    .outputTo(org.slf4j.LoggerFactory.getLogger("baton.metrics")).build()
                    .start(metricsLogSeconds, java.util.concurrent.TimeUnit.SECONDS);
        }
        System.out.println("SCHEDULER READY id=" + nodeId + " address=" + node.address());
        System.out.flush();
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        CommandLine cmd = new CommandLine(new SchedulerMain());
        cmd.setExecutionExceptionHandler((e, c, parsed) -> {
            c.getErr().println("baton-scheduler: " + e.getMessage());
            return 1;
        });
        System.exit(cmd.execute(args));
    }
}
