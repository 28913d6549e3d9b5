package io.baton.bench.macro;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BenchClusterOptionsTest {
    @AfterEach
    void clear() {
        System.clearProperty(BenchCluster.JVM_PROPERTY);
        System.clearProperty(BenchCluster.ZK_JVM_PROPERTY);
    }

    @Test
    void theClusterJvmsCommitTheirWholeHeapAtStartByDefault() {
        assertThat(BenchCluster.clusterJvmOptions()).containsExactly("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC");
        System.setProperty(BenchCluster.JVM_PROPERTY, "  ");
        assertThat(BenchCluster.clusterJvmOptions()).isEqualTo(BenchCluster.DEFAULT_JVM);
    }

    @Test
    void givenOptionsReplaceTheDefaultsWhole() {
        System.setProperty(BenchCluster.JVM_PROPERTY, " -Xms2g  -Xmx2g -XX:+UseG1GC ");
        assertThat(BenchCluster.clusterJvmOptions()).containsExactly("-Xms2g", "-Xmx2g", "-XX:+UseG1GC");
    }

    @Test
    void zooKeeperHasItsOwnOptionsWhenGiven() {
        assertThat(BenchCluster.zooKeeperJvmOptions()).isEqualTo(BenchCluster.DEFAULT_ZK_JVM);
        System.setProperty(BenchCluster.ZK_JVM_PROPERTY, "-Xms2g -Xmx2g");
        assertThat(BenchCluster.zooKeeperJvmOptions()).containsExactly("-Xms2g", "-Xmx2g");
        assertThat(BenchCluster.clusterJvmOptions()).as("the others keep theirs").isEqualTo(BenchCluster.DEFAULT_JVM);
    }
}
