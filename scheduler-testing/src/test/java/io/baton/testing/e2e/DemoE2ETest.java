package io.baton.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.ClusterProcesses;
import io.baton.testing.ClusterSettings;
import io.baton.testing.DemoMain;
import io.baton.testing.demo.DemoVerdict;
import io.baton.testing.process.ManagedProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo program of {@code deploy/dev-cluster.sh} against a cluster of real processes (ZooKeeper, one
 * scheduler node, two workers): its exit status and what it prints, for success, failure and no cluster.
 */
class DemoE2ETest {
    private static ClusterProcesses cluster;

    @BeforeAll
    static void startCluster() {
        cluster = ClusterProcesses.create(ClusterSettings.sameJvm(RunChecks.runDir(DemoE2ETest.class)));
        cluster.startZooKeeper();
        cluster.startNodes(List.of("s1"), List.of("w1", "w2"), 2);
    }

    @AfterAll
    static void stopCluster() {
        List<ManagedProcess> started = cluster.allProcesses();
        cluster.close();
        RunChecks.assertAllExited(started);
    }

    @Test
    void demoRunSucceedsExitsZeroAndPrintsTheShardTable() {
        Output out = new Output();

        int status = DemoMain.run(out.stream, "--zk", cluster.zkConnect(), "--job", "demo-ok", "--shards", "6",
                "--sleep-ms", "300", "--timeout-s", "60");

        assertThat(status).as(out.text()).isZero();
        assertThat(out.text()).contains("cluster: leader s1").contains("submitted job demo-ok")
                .contains("DEMO OK: run demo-ok@").contains("all 6 shards succeeded exactly once")
                .contains("pending 0 assigned 0 running 0 succeeded 6 failed 0");
        assertThat(out.text().lines().filter(l -> l.matches("\\s+\\d+\\s+w[12]\\s+1\\s+\\d+\\s+SUCCEEDED\\s+\\d+ ms\\s+1\\s+.*")))
                .hasSize(6);
    }

    @Test
    void demoOfAFailingJobExitsNonZeroWithTheShardsError() {
        Output out = new Output();

        int status = DemoMain.run(out.stream, "--zk", cluster.zkConnect(), "--job", "demo-fail", "--handler", "demo.fail",
                "--job-parameter", "fail", "--shards", "2", "--timeout-s", "60");

        assertThat(status).as(out.text()).isEqualTo(DemoVerdict.RUN_FAILED);
        assertThat(out.text()).contains("DEMO FAILED: run demo-fail@").contains("failed on purpose");
    }

    @Test
    void demoWithoutAClusterExitsWithUnreachable() throws Exception {
        int unusedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            unusedPort = socket.getLocalPort();
        }
        Output out = new Output();

        int status = DemoMain.run(out.stream, "--zk", "127.0.0.1:" + unusedPort, "--connect-timeout-s", "2");

        assertThat(status).as(out.text()).isEqualTo(DemoVerdict.UNREACHABLE);
        assertThat(out.text()).contains("DEMO FAILED: cannot reach a Baton cluster through ZooKeeper 127.0.0.1:" + unusedPort);
    }

    /** Captures what the demo prints. */
    private static final class Output {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
