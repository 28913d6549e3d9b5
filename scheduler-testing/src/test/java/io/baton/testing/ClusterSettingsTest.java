package io.baton.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.process.ProcessRole;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {
    private final ClusterSettings settings = ClusterSettings.sameJvm(Path.of("/tmp/run"))
            .withJvmOptions(List.of("-Xmx1g", "-XX:+UseParallelGC"));

    @Test
    void everyProcessTakesTheClusterOptionsUnlessZooKeeperHasItsOwn() {
        for (ProcessRole role : ProcessRole.values()) assertThat(settings.jvmOptionsOf(role)).containsExactly("-Xmx1g", "-XX:+UseParallelGC");

        ClusterSettings own = settings.withZooKeeperJvmOptions(List.of("-Xmx2g", "-XX:+UseG1GC"));

        assertThat(own.jvmOptionsOf(ProcessRole.ZOOKEEPER)).containsExactly("-Xmx2g", "-XX:+UseG1GC");
        assertThat(own.jvmOptionsOf(ProcessRole.SCHEDULER)).containsExactly("-Xmx1g", "-XX:+UseParallelGC");
        assertThat(own.withNamespace("other").withoutJournals().jvmOptionsOf(ProcessRole.ZOOKEEPER))
                .as("kept by the other withers").containsExactly("-Xmx2g", "-XX:+UseG1GC");
    }
}
