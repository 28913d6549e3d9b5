package io.baton.testing;

import io.baton.testing.process.JvmCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How {@link ClusterProcesses} starts its JVMs: where logs, journals and ZooKeeper data go ({@code runDir}),
 * which {@code java} and class path, the JVM options, the Baton namespace and ZooKeeper session timeout
 * every node uses, how long a process may take to print its READY line, and whether children die with
 * the harness JVM ({@code guardParent}, see {@link io.baton.testing.process.ParentWatch}), and whether workers
 * keep an execution journal ({@code journals}).
 */
public record ClusterSettings(Path runDir, Path javaExecutable, String classPath, List<String> jvmOptions,
                              String namespace, Duration sessionTimeout, Duration readyTimeout, boolean guardParent,
                              boolean journals) {
    public ClusterSettings {
        jvmOptions = List.copyOf(jvmOptions);
        if (sessionTimeout.toMillis() < 1000) throw new IllegalArgumentException("session timeout below 1 s: " + sessionTimeout);
    }

    /**
     * Children run the same {@code java} and class path as this JVM (under surefire, the test class path),
     * small heaps, namespace {@code baton}, 3 s sessions, 60 s to become ready, and die with this JVM.
     */
    public static ClusterSettings sameJvm(Path runDir) {
        return new ClusterSettings(runDir, JvmCommand.currentJava(), System.getProperty("java.class.path"),
                JvmCommand.SMALL_JVM, "baton", Duration.ofSeconds(3), Duration.ofSeconds(60), true, true);
    }

    public ClusterSettings withNamespace(String ns) {
        return new ClusterSettings(runDir, javaExecutable, classPath, jvmOptions, ns, sessionTimeout, readyTimeout, guardParent, journals);
    }

    public ClusterSettings withSessionTimeout(Duration timeout) {
        return new ClusterSettings(runDir, javaExecutable, classPath, jvmOptions, namespace, timeout, readyTimeout, guardParent, journals);
    }

    public ClusterSettings withReadyTimeout(Duration timeout) {
        return new ClusterSettings(runDir, javaExecutable, classPath, jvmOptions, namespace, sessionTimeout, timeout, guardParent, journals);
    }

    /** Workers keep no execution journal (benchmarks: a journal line per start and end costs throughput). */
    public ClusterSettings withoutJournals() {
        return new ClusterSettings(runDir, javaExecutable, classPath, jvmOptions, namespace, sessionTimeout, readyTimeout, guardParent, false);
    }

    public ClusterSettings withJvmOptions(List<String> options) {
        return new ClusterSettings(runDir, javaExecutable, classPath, options, namespace, sessionTimeout, readyTimeout, guardParent, journals);
    }
}
