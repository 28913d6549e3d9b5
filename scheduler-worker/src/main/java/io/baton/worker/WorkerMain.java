package io.baton.worker;

import io.baton.common.zk.ZkClients;
import io.baton.worker.handlers.DemoHandlers;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.curator.framework.CuratorFramework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one worker process with the demo handlers:
 * {@code java -cp ... io.baton.worker.WorkerMain --zk 127.0.0.1:2181 [--worker-id w1] [--capacity 4] ...}.
 * Prints {@code WORKER READY id=<id> address=<host:port>} once registered (scripts wait for that line);
 * SIGTERM closes the worker. Exit codes: 2 for bad arguments, 1 when the worker cannot start.
 */
public final class WorkerMain {
    private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

    private WorkerMain() {}

    public static void main(String[] args) throws InterruptedException {
        WorkerArguments parsed;
        try {
            parsed = WorkerArguments.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("baton-worker: " + e.getMessage() + " (--help for usage)");
            System.exit(2);
            return;
        }
        if (parsed.help()) {
            System.out.println(WorkerArguments.USAGE);
            return;
        }
        run(parsed);
    }

    private static void run(WorkerArguments parsed) throws InterruptedException {
        CuratorFramework client = ZkClients.create(parsed.zk());
        WorkerNode node;
        try {
            node = new WorkerNode(parsed.worker(), client, DemoHandlers.all());
        } catch (RuntimeException e) {
            System.err.println("baton-worker: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            client.close();
            stopped.countDown();
        }, "baton-worker-shutdown"));
        try {
            client.start();
            node.start();
        } catch (RuntimeException e) {
            log.error("worker failed to start", e);
            System.err.println("baton-worker: cannot start: " + e.getMessage());
            System.exit(1);
        }
        System.out.println("WORKER READY id=" + node.workerId() + " address=" + node.address());
        System.out.flush();
        // Every worker thread is a daemon or belongs to a closed component: the process lives until a signal.
        stopped.await();
    }
}
