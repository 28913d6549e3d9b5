package io.baton.testing;

import io.baton.testing.zookeeper.EnsembleLayout;
import io.baton.testing.zookeeper.QuorumZooKeeper;
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
 *
 * <p>Ensemble mode runs one peer of a real quorum instead:
 * {@code ... ZooKeeperMain --server-id 2 --ensemble 127.0.0.1:c1:q1:e1,127.0.0.1:c2:q2:e2,127.0.0.1:c3:q3:e3
 * --data-dir DIR} (client, quorum and election port per server; the i-th entry is server i, and this
 * server's client port is the one in its entry). It prints
 * {@code ZOOKEEPER READY port=<client port> connect=<the ensemble's connect string> server-id=<id>} once its
 * client port accepts TCP connections: the process is up, which says nothing about a quorum.
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
    @Option(names = "--ensemble", description = "Run one peer of this ensemble: host:clientPort:quorumPort:electionPort,... (server ids 1..n in order)")
    String ensemble;
    @Option(names = "--server-id", description = "This peer's id in --ensemble (1..n)")
    Integer serverId;

    @Override
    public Integer call() throws Exception {
        if (ensemble != null || serverId != null) return runPeer();
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

    private int runPeer() throws Exception {
        if (ensemble == null || serverId == null) throw new IllegalArgumentException("--ensemble and --server-id go together");
        if (dataDir == null) throw new IllegalArgumentException("a peer needs --data-dir: its data must survive a restart");
        EnsembleLayout layout = EnsembleLayout.parse(ensemble);
        QuorumZooKeeper peer = new QuorumZooKeeper(new QuorumZooKeeper.Settings(layout, serverId, dataDir, tickTimeMillis));
        Runtime.getRuntime().addShutdownHook(new Thread(peer::close, "zookeeper-shutdown"));
        peer.start(Duration.ofSeconds(startTimeoutSeconds));
        System.out.println("ZOOKEEPER READY port=" + layout.member(serverId).clientPort() + " connect=" + layout.connectString()
                + " server-id=" + serverId);
        System.out.flush();
        peer.awaitTermination();
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
