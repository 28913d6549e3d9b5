package io.baton.server.layering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the leader's decision core pure: no Netty, Curator, ZooKeeper, threads or wall clock in the
 * packages and classes that decide. Checked on the sources so a violation names the file and line.
 */
class PureCoreLayeringTest {
    private static final Path MAIN = Path.of("src/main/java/io/baton/server");
    private static final List<String> PURE_PACKAGES = List.of("run", "placement", "schedule", "job", "policy");
    private static final Set<String> PURE_COORDINATOR_CLASSES = Set.of(
            "CoordinatorState.java", "Effects.java", "FlushBatch.java", "WorkerBook.java", "ShardKey.java",
            "CoordinatorCounters.java");
    private static final List<String> FORBIDDEN = List.of(
            "import io.netty", "import org.apache.curator", "import org.apache.zookeeper",
            "import java.util.concurrent", "import java.time.Clock", "Thread", "System.currentTimeMillis", "System.nanoTime");

    @Test
    void decisionCodeImportsNoIoThreadsOrClock() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : pureFiles()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                for (String bad : FORBIDDEN) {
                    if (line.contains(bad) && !line.trim().startsWith("*") && !line.trim().startsWith("//")) {
                        violations.add(file + ":" + (i + 1) + " uses " + bad);
                    }
                }
            }
        }
        assertThat(pureFiles()).hasSizeGreaterThan(10);
        assertThat(violations).isEmpty();
    }

    private static List<Path> pureFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String pkg : PURE_PACKAGES) {
            try (Stream<Path> s = Files.list(MAIN.resolve(pkg))) {
                s.filter(p -> p.toString().endsWith(".java")).forEach(out::add);
            }
        }
        for (String c : PURE_COORDINATOR_CLASSES) out.add(MAIN.resolve("coordinator").resolve(c));
        return out;
    }
}
