package io.baton.bench.peer.quartz;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;

/**
 * One member of the peer's Quartz cluster, in its own JVM: a clustered scheduler ({@link QuartzProperties})
 * whose jobs are {@link JournaledJob}s writing to this member's journal. Prints
 * {@code WORKER READY id=<instance>} once started (it plays the part of a Baton worker); on SIGTERM it
 * shuts Quartz down, waiting for running jobs, then flushes the journal.
 * <pre>QuartzInstanceMain --url JDBC_URL --user U --password P --id q1 --threads 256 --connections 120 --journal FILE</pre>
 */
public final class QuartzInstanceMain {
    private QuartzInstanceMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = options(List.of(args));
        DatabaseAddress db = new DatabaseAddress(a.get("url"), a.get("user"), a.get("password"));
        String id = a.get("id");
        ExecutionJournal journal = ExecutionJournal.open(Path.of(a.get("journal")));
        Scheduler scheduler = new StdSchedulerFactory(QuartzProperties.member(db, id, Integer.parseInt(a.get("threads")),
                Integer.parseInt(a.get("connections")))).getScheduler();
        scheduler.setJobFactory((bundle, s) -> new JournaledJob(journal));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                scheduler.shutdown(true);
            } catch (SchedulerException e) {
                System.err.println("Quartz did not shut down cleanly: " + e);
            } finally {
                journal.close();
                stopped.countDown();
            }
        }, "quartz-stop"));
        scheduler.start();
        System.out.println("WORKER READY id=" + id + " scheduler=" + scheduler.getSchedulerInstanceId());
        stopped.await();
    }

    /** {@code --key value} pairs; every key this main needs must be present. */
    static Map<String, String> options(List<String> args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String key = args.get(i);
            if (!key.startsWith("--") || i + 1 >= args.size()) throw new IllegalArgumentException("expected --key value at '" + key + "'");
            out.put(key.substring(2), args.get(++i));
        }
        for (String required : List.of("url", "user", "password", "id", "threads", "connections", "journal")) {
            if (!out.containsKey(required)) throw new IllegalArgumentException("missing --" + required);
        }
        return out;
    }
}
