package io.baton.testing.process;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Runs another main class and exits when standard input reaches end-of-file:
 * {@code java ... ParentWatch io.baton.server.SchedulerMain --zk ...}. The harness keeps a pipe to each
 * child's stdin open and never writes to it; when the harness JVM dies for any reason (a failed test,
 * a surefire timeout, {@code kill -9}) the kernel closes the pipe and the child follows it. Only for
 * children of {@link ManagedProcess}: a shell script's background jobs have no such pipe.
 */
public final class ParentWatch {
    /** How long shutdown hooks may run after the parent is gone before the JVM halts regardless. */
    private static final long HALT_AFTER_MILLIS = 5_000;

    private ParentWatch() {}

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: ParentWatch MAIN_CLASS [ARGS...]");
            System.exit(2);
        }
        Thread watch = new Thread(() -> awaitEndOfInput(System.in), "parent-watch");
        watch.setDaemon(true);
        watch.start();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void awaitEndOfInput(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // the parent never writes; anything read is ignored
            }
        } catch (IOException e) {
            // a broken pipe means the same as end-of-file: the parent is gone
        }
        System.err.println("parent-watch: the process that started this one is gone; exiting");
        Thread halter = new Thread(() -> {
            try {
                Thread.sleep(HALT_AFTER_MILLIS); // a grace period for shutdown hooks, not synchronisation
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watch-halt");
        halter.setDaemon(true);
        halter.start();
        System.exit(3);
    }
}
