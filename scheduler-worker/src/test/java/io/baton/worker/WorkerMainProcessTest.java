package io.baton.worker;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.baton.common.zk.ZkClients;
import io.baton.common.zk.ZkClients.ZkSettings;
import io.baton.common.zk.ZkPaths;
import io.baton.proto.v1.WorkerInfo;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WorkerMain as a real process: the READY line, registration, SIGTERM, and exit code 2 on bad input. */
class WorkerMainProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void printsReadyOnceRegisteredAndDeregistersOnSigterm() throws Exception {
        try (TestingServer zookeeper = new TestingServer(true);
             CuratorFramework client = ZkClients.create(ZkSettings.of(zookeeper.getConnectString()))) {
            client.start();
            Path out = dir.resolve("out.txt");
            Process worker = start(out, "--zk", zookeeper.getConnectString(), "--worker-id", "p1", "--capacity", "3");
            try {
                await().atMost(WAIT).until(() -> readyLine(out) != null);
                String ready = readyLine(out);
                assertTrue(ready.matches("WORKER READY id=p1 address=127\\.0\\.0\\.1:[1-9][0-9]*"), ready);
                WorkerInfo info = WorkerInfo.parseFrom(client.getData().forPath(ZkPaths.worker("p1")));
                assertEquals(ready.substring(ready.indexOf("address=") + 8), info.getAddress());
                assertEquals(3, info.getCapacity());

                worker.destroy();
                assertTrue(worker.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
                await().atMost(WAIT).until(() -> client.checkExists().forPath(ZkPaths.worker("p1")) == null);
            } finally {
                worker.destroyForcibly();
            }
        }
    }

    @Test
    void badArgumentsExitWithCode2AndOneLine() throws Exception {
        Path out = dir.resolve("out.txt");
        Process worker = start(out, "--zk", "127.0.0.1:1", "--capacity", "many");

        assertTrue(worker.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(2, worker.exitValue());
        assertEquals(List.of("baton-worker: --capacity must be a whole number >= 1, got 'many' (--help for usage)"),
                Files.readAllLines(out));
    }

    private static Process start(Path out, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WorkerMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    private static String readyLine(Path out) throws Exception {
        File file = out.toFile();
        if (!file.exists()) return null;
        return Files.readAllLines(out).stream().filter(l -> l.startsWith("WORKER READY")).findFirst().orElse(null);
    }
}
