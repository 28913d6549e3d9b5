package io.baton.testing.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real child JVM under {@link ParentWatch}: it runs its main class, and exits once its stdin closes. */
class ParentWatchTest {
    @TempDir
    Path dir;

    @Test
    void childRunsItsMainAndExitsWhenTheParentsPipeCloses() throws Exception {
        List<String> argv = new ArrayList<>(new JvmCommand(JvmCommand.currentJava(), JvmCommand.SMALL_JVM,
                System.getProperty("java.class.path"), BlockingMain.class.getName(), List.of("hello"), true).argv());
        Process child = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(dir.resolve("child.log")).contains("BLOCKING READY arg=hello"));

            child.getOutputStream().close(); // what the kernel does when the parent dies

            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(3);
        } finally {
            child.destroyForcibly();
        }
    }
}
