package io.baton.testing.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JvmCommandTest {
    @Test
    void guardedCommandRunsTheMainClassUnderParentWatch() {
        JvmCommand command = new JvmCommand(Path.of("/jdk/bin/java"), List.of("-Xmx256m"), "a.jar:lib/*",
                "io.baton.server.SchedulerMain", List.of("--zk", "127.0.0.1:2181"), true);

        assertThat(command.argv()).containsExactly("/jdk/bin/java", "-Xmx256m", "-cp", "a.jar:lib/*",
                ParentWatch.class.getName(), "io.baton.server.SchedulerMain", "--zk", "127.0.0.1:2181");
    }

    @Test
    void unguardedCommandRunsTheMainClassDirectly() {
        JvmCommand command = new JvmCommand(Path.of("java"), List.of(), "cp", "Main", List.of(), false);

        assertThat(command.argv()).containsExactly("java", "-cp", "cp", "Main");
    }

    @Test
    void smallJvmOptionsSelectTheProcessLoggingConfiguration() {
        assertThat(JvmCommand.SMALL_JVM).contains("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=baton-process-logback.xml");
        assertThat(getClass().getClassLoader().getResource("baton-process-logback.xml")).isNotNull();
    }
}
