package io.baton.bench.peer.elasticjob;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.shardingsphere.elasticjob.api.JobConfiguration;
import org.apache.shardingsphere.elasticjob.lite.api.bootstrap.JobBootstrap;
import org.apache.shardingsphere.elasticjob.lite.api.bootstrap.impl.OneOffJobBootstrap;
import org.apache.shardingsphere.elasticjob.lite.api.bootstrap.impl.ScheduleJobBootstrap;
import org.apache.shardingsphere.elasticjob.reg.base.CoordinatorRegistryCenter;
import org.apache.shardingsphere.elasticjob.reg.zookeeper.ZookeeperConfiguration;
import org.apache.shardingsphere.elasticjob.reg.zookeeper.ZookeeperRegistryCenter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One ElasticJob-lite instance as its own JVM, the peer Baton's macro benchmark is compared with:
 * {@code java -cp ... ElasticJobPeerMain --zk 127.0.0.1:port --namespace ns --jobs one-off:16:1000 --journal FILE}.
 * It connects ElasticJob's ZooKeeper registry center, bootstraps the {@link PeerJobs} with a
 * {@link NoOpShardJob} (one-off jobs, or cron jobs scheduled at once), journals every shard execution and
 * every finished fire, and prints {@code PEER READY instance=<ElasticJob instance id> control=<port>} once
 * every job is registered. {@code trigger} on the control port ({@link PeerControl}) runs every one-off job
 * now on all instances. SIGTERM shuts the jobs and the registry center down.
 */
@Command(name = "elasticjob-peer", mixinStandardHelpOptions = true, description = "Runs one ElasticJob-lite instance for Baton's benchmark.")
public final class ElasticJobPeerMain implements Callable<Integer> {
    /** Threads that trigger the one-off jobs at once, as many users would (Baton's throughput run uses up to 16 too). */
    static final int TRIGGER_THREADS = 16;

    @Option(names = "--zk", required = true, description = "ZooKeeper connect string")
    String zk;
    @Option(names = "--namespace", defaultValue = "elasticjob-bench", description = "ElasticJob's ZooKeeper namespace (default: ${DEFAULT-VALUE})")
    String namespace;
    @Option(names = "--jobs", required = true, description = "kind:count:shards, kind one-off or every-second")
    String jobs;
    @Option(names = "--journal", required = true, description = "File to append shard executions to")
    Path journalFile;
    @Option(names = "--session-timeout-ms", defaultValue = "3000", description = "ZooKeeper session timeout (default: ${DEFAULT-VALUE})")
    int sessionTimeoutMillis;

    @Override
    public Integer call() throws Exception {
        PeerJobs peerJobs = PeerJobs.parse(jobs);
        Clock clock = Clock.systemUTC();
        JournalWriter journal = new JournalWriter(journalFile);
        ZookeeperConfiguration zkConfig = new ZookeeperConfiguration(zk, namespace);
        zkConfig.setSessionTimeoutMilliseconds(sessionTimeoutMillis);
        CoordinatorRegistryCenter registry = new ZookeeperRegistryCenter(zkConfig);
        registry.init();
        FireTimes fireTimes = new FireTimes();
        NoOpShardJob job = new NoOpShardJob(journal, fireTimes, clock);
        List<JobBootstrap> bootstraps = new ArrayList<>();
        List<OneOffJobBootstrap> oneOffs = new ArrayList<>();
        for (String name : peerJobs.names()) {
            JobConfiguration config = PeerJobConfigs.of(peerJobs, name);
            if (peerJobs.kind() == PeerJobs.Kind.ONE_OFF) {
                OneOffJobBootstrap b = new OneOffJobBootstrap(registry, job, config);
                oneOffs.add(b);
                bootstraps.add(b);
            } else {
                ScheduleJobBootstrap b = new ScheduleJobBootstrap(registry, job, config);
                bootstraps.add(b);
            }
            QuartzRunObserver.attach(name, fireTimes, journal, clock);
        }
        for (JobBootstrap b : bootstraps) if (b instanceof ScheduleJobBootstrap s) s.schedule();
        ExecutorService triggerPool = Executors.newFixedThreadPool(TRIGGER_THREADS);
        PeerControl control = PeerControl.serve(() -> triggerAll(triggerPool, oneOffs));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            control.close();
            triggerPool.shutdownNow();
            for (JobBootstrap b : bootstraps) b.shutdown();
            registry.close();
            journal.close();
        }, "peer-shutdown"));
        String instance = org.apache.shardingsphere.elasticjob.lite.internal.schedule.JobRegistry.getInstance()
                .getJobInstance(peerJobs.names().get(0)).getJobInstanceId();
        System.out.println("PEER READY instance=" + instance + " control=" + control.port() + " jobs=" + peerJobs.count());
        System.out.flush();
        Thread.currentThread().join(); // serve until SIGTERM
        return 0;
    }

    /** Triggers every one-off job from {@link #TRIGGER_THREADS} threads; returns once every trigger is written. */
    private static int triggerAll(ExecutorService pool, List<OneOffJobBootstrap> oneOffs) {
        List<Future<?>> done = new ArrayList<>();
        for (OneOffJobBootstrap b : oneOffs) done.add(pool.submit(b::execute));
        for (Future<?> f : done) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while triggering", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a trigger failed: " + e.getCause(), e.getCause());
            }
        }
        return oneOffs.size();
    }

    public static void main(String[] args) {
        CommandLine cmd = new CommandLine(new ElasticJobPeerMain());
        cmd.setExecutionExceptionHandler((e, c, parsed) -> {
            e.printStackTrace();
            c.getErr().println("elasticjob-peer: cannot start: " + e);
            return 1;
        });
        System.exit(cmd.execute(args));
    }
}
