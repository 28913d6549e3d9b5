package io.baton.worker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the fencing core and the handler API pure: no sockets, ZooKeeper, threads or RPC layer. */
class SessionLayeringTest {
    private static final List<String> FORBIDDEN = List.of(
            "import io.netty", "import org.apache.curator", "import org.apache.zookeeper",
            "import java.util.concurrent", "import io.baton.common.rpc", "import io.baton.worker.rpc",
            "import io.baton.worker.execution", "Thread.");

    @Test
    void pureCoreImportsNoInfrastructure() throws IOException {
        List<String> violations;
        try (Stream<Path> files = Stream.concat(
                Files.list(Path.of("src/main/java/io/baton/worker/session")),
                Files.list(Path.of("src/main/java/io/baton/worker/api")))) {
            violations = files.flatMap(SessionLayeringTest::violations).toList();
        }
        assertEquals(List.of(), violations);
    }

    private static Stream<String> violations(Path file) {
        try {
            String text = Files.readString(file);
            return FORBIDDEN.stream().filter(text::contains).map(f -> file.getFileName() + " uses " + f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
