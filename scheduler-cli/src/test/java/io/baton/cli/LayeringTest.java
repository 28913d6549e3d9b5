package io.baton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CLI stays on the public SDK: from Baton it uses the client API, the proto messages and the two
 * common types that API exposes (ZooKeeper settings, job defaults) — no SDK internals, no server, no Netty,
 * no Curator. The pure packages (render, spec, settings) do not depend on picocli or the command classes.
 */
class LayeringTest {
    private static final Path MAIN = Path.of("src", "main", "java");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)", Pattern.MULTILINE);
    private static final List<String> ALLOWED_BATON = List.of("io.baton.cli.", "io.baton.proto.v1.", "io.baton.common.zk.ZkClients",
            "io.baton.common.job.JobDefaults");

    @Test
    void mainCodeUsesOnlyThePublicSdkFromBaton() throws IOException {
        for (Path file : sources()) {
            for (String imported : imports(file)) {
                if (imported.startsWith("io.baton.client.")) {
                    assertThat(imported).as(file + " uses SDK internals").doesNotStartWith("io.baton.client.internal");
                } else if (imported.startsWith("io.baton.")) {
                    assertThat(ALLOWED_BATON).as(file + " imports " + imported).anyMatch(imported::startsWith);
                }
                assertThat(imported).as(file + " imports " + imported)
                        .doesNotStartWith("io.netty.").doesNotStartWith("org.apache.curator.").doesNotStartWith("org.apache.zookeeper.");
            }
        }
    }

    @Test
    void purePackagesKnowNothingOfTheCommandLine() throws IOException {
        for (Path file : sources()) {
            String pkg = MAIN.relativize(file.getParent()).toString().replace('/', '.');
            if (pkg.equals("io.baton.cli")) continue;
            for (String imported : imports(file)) {
                assertThat(imported).as(file + " imports " + imported).doesNotStartWith("picocli.");
                if (imported.startsWith("io.baton.cli.")) {
                    assertThat(imported).as(file + " imports " + imported).matches("io\\.baton\\.cli\\.[a-z]+\\.[A-Z].*");
                }
            }
        }
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".java")).toList();
            assertThat(list).hasSizeGreaterThan(20);
            return list;
        }
    }

    private static List<String> imports(Path file) throws IOException {
        Matcher m = IMPORT.matcher(Files.readString(file));
        return m.results().map(r -> r.group(1)).toList();
    }
}
