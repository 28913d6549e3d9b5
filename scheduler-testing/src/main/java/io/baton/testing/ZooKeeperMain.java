package io.baton.testing;

import io.baton.testing.zookeeper.StandaloneZooKeeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A real standalone ZooKeeper server as its own process, for the dev cluster script and end-to-end tests:
 * {@code java -cp ... io.baton.testing.ZooKeeperMain --port 0 --data-dir runs/x/zookeeper}. Prints
 * {@code ZOOKEEPER READY port=<port>} on stdout once it accepts connections; logs go to stderr; SIGTERM
 * stops it. Not for production, where Baton points at an external ensemble.
 */
@Command(name = "baton-zookeeper", mixinStandardHelpOptions = true,
        description = "Runs a standalone ZooKeeper server for a local Baton cluster.")
public final class ZooKeeperMain implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE})")
    String host;
    @Option(names = "--port", defaultValue = "0", description = "Client port; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;
    @Option(names = "--data-dir", description = "Snapshot and transaction log directory (default: a new temporary directory)")
    Path dataDir;
    @Option(names = "--tick-time-ms", defaultValue = "500",
            description = "ZooKeeper tick; sessions may last 2 to 20 ticks (default: ${DEFAULT-VALUE})")
    int tickTimeMillis;
    @Option(names = "--start-timeout-s", defaultValue = "60", description = "Give up starting after this long (default: ${DEFAULT-VALUE})")
    int startTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("baton-zookeeper-");
        Files.createDirectories(dir);
        StandaloneZooKeeper server = new StandaloneZooKeeper(new StandaloneZooKeeper.Settings(host, port, dir, tickTimeMillis));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "zookeeper-shutdown"));
        server.start(Duration.ofSeconds(startTimeoutSeconds));
        System.out.println("ZOOKEEPER READY port=" + server.port() + " connect=" + server.connectString());
        System.out.flush();
        server.awaitTermination();
        return 0;
    }

    public static void main(String[] args) {
        CommandLine cmd = new CommandLine(new ZooKeeperMain());
        cmd.setExecutionExceptionHandler((e, c, parsed) -> {
            c.getErr().println("baton-zookeeper: cannot start: " + e);
            return 1;
        });
        System.exit(cmd.execute(args));
    }
}
