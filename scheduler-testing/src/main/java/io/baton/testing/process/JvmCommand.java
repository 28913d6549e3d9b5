package io.baton.testing.process;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of one child JVM: which {@code java}, JVM options, class path, main class and program
 * arguments. With {@code guardParent} the main class runs under {@link ParentWatch}, so the child exits
 * when the JVM that started it dies (even by {@code kill -9}) and tests never leave stray processes.
 * Built by {@link io.baton.testing.ClusterProcesses}; pure, so the command line is unit-tested.
 */
public record JvmCommand(Path javaExecutable, List<String> jvmOptions, String classPath, String mainClass,
                         List<String> args, boolean guardParent) {

    /**
     * Small, fast-starting JVMs: a 2-core machine runs seven of them next to the tests. C1 only because
     * these processes live for seconds to minutes and start-up time dominates; SerialGC because it has
     * no GC threads to compete for the two cores.
     */
    public static final List<String> SMALL_JVM = List.of(
            "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Xss512k", "-Dlogback.configurationFile=baton-process-logback.xml");

    public JvmCommand {
        jvmOptions = List.copyOf(jvmOptions);
        args = List.copyOf(args);
        if (classPath == null || classPath.isBlank()) throw new IllegalArgumentException("class path is empty");
    }

    /** {@code java} of the running JVM ({@code java.home}), for children of the same version. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    public List<String> argv() {
        List<String> argv = new ArrayList<>();
        argv.add(javaExecutable.toString());
        argv.addAll(jvmOptions);
        argv.add("-cp");
        argv.add(classPath);
        if (guardParent) argv.add(ParentWatch.class.getName());
        argv.add(mainClass);
        argv.addAll(args);
        return argv;
    }
}
