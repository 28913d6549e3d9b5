package io.baton.testing;

import io.baton.testing.process.JvmCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How {@link ClusterProcesses} starts its JVMs: where logs, journals and ZooKeeper data go ({@code runDir}),
 * which {@code java} and class path, the JVM options, the Baton namespace and ZooKeeper session timeout
 * every node uses, how long a process may take to print its READY line, and whether children die with
 * the harness JVM ({@code guardParent}, see {@link io.baton.testing.process.ParentWatch}), whether workers
 * keep an execution journal ({@code journals}), and the JVM options of the ZooKeeper servers it starts
 * ({@code zooKeeperJvmOptions}; empty: {@code jvmOptions}).
 */
public record ClusterSettings(Path runDir, Path javaExecutable, String classPath, List<String> jvmOptions,
                              String namespace, Duration sessionTimeout, Duration readyTimeout, boolean guardParent,
                              boolean journals, List<String> zooKeeperJvmOptions) {
    public ClusterSettings {
        jvmOptions = List.copyOf(jvmOptions);
        zooKeeperJvmOptions = List.copyOf(zooKeeperJvmOptions);
        if (sessionTimeout.toMillis() < 1000) throw new IllegalArgumentException("session timeout below 1 s: " + sessionTimeout);
    }

    /**
     * Children run the same {@code java} and class path as this JVM (under surefire, the test class path),
     * small heaps, namespace {@code baton}, 3 s sessions, 60 s to become ready, and die with this JVM.
     */
    public static ClusterSettings sameJvm(Path runDir) {
        return new ClusterSettings(runDir, JvmCommand.currentJava(), System.getProperty("java.class.path"),
                JvmCommand.SMALL_JVM, "baton", Duration.ofSeconds(3), Duration.ofSeconds(60), true, true, List.of());
    }

    public ClusterSettings withNamespace(String ns) {
        return new ClusterSettings(runDir, javaExecutable, classPath, jvmOptions, ns, sessionTimeout, readyTimeout, guardParent, journals, zooKeeperJvmOptions);
    }

    public ClusterSettings withSessionTimeout(Duration timeout) {
        return new ClusterSettings(runDir, javaExecutable, classPath, jvmOptions, namespace, timeout, readyTimeout, guardParent, journals, zooKeeperJvmOptions);
    }

    public ClusterSettings withReadyTimeout(Duration timeout) {
        return new ClusterSettings(runDir, javaExecutable, classPath, jvmOptions, namespace, sessionTimeout, timeout, guardParent, journals, zooKeeperJvmOptions);
    }

    /** Workers keep no execution journal (benchmarks: a journal line per start and end costs throughput). */
    public ClusterSettings withoutJournals() {
        return new ClusterSettings(runDir, javaExecutable, classPath, jvmOptions, namespace, sessionTimeout, readyTimeout, guardParent, false, zooKeeperJvmOptions);
    }

    public ClusterSettings withJvmOptions(List<String> options) {
        return new ClusterSettings(runDir, javaExecutable, classPath, options, namespace, sessionTimeout, readyTimeout, guardParent, journals, zooKeeperJvmOptions);
    }

    /** The ZooKeeper servers' JVM options instead of {@link #jvmOptions} (empty: the same). */
    public ClusterSettings withZooKeeperJvmOptions(List<String> options) {
        return new ClusterSettings(runDir, javaExecutable, classPath, jvmOptions, namespace, sessionTimeout, readyTimeout, guardParent, journals, options);
    }

    /** The JVM options of a process of {@code role}. */
    public List<String> jvmOptionsOf(io.baton.testing.process.ProcessRole role) {
        return role == io.baton.testing.process.ProcessRole.ZOOKEEPER && !zooKeeperJvmOptions.isEmpty() ? zooKeeperJvmOptions : jvmOptions;
    }
}
