package io.baton.bench.peer.elasticjob;

import io.baton.bench.macro.MacroFigures;
import io.baton.bench.macro.MacroSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Baton's throughput scenario done by ElasticJob-lite: {@code throughputRuns} one-off jobs of
 * {@code shardsPerRun} shard items each, registered on {@code workers} instances beforehand, then all
 * triggered at once ({@code OneOffJobBootstrap.execute()} from 16 threads, which marks every instance of the
 * job to run now), on a no-op {@code SimpleJob}. A first round warms up and lets ElasticJob shard (it assigns
 * items to instances lazily, at the first fire after instances change); the second round is measured.
 * ZooKeeper write transactions are counted from the server's zxid over the measured round, from just before
 * the trigger until every instance has finished (every running mark removed).
 */
public final class ElasticJobThroughputScenario {
    private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(10);

    private ElasticJobThroughputScenario() {}

    public static ElasticJobFigures.Throughput run(MacroSettings settings, Path runDir) {
        PeerJobs jobs = new PeerJobs(PeerJobs.Kind.ONE_OFF, settings.throughputRuns(), settings.shardsPerRun());
        try (ElasticJobCluster cluster = ElasticJobCluster.start(runDir, settings.workers(), jobs)) {
            long firesPerRound = (long) cluster.instances() * jobs.count();
            cluster.triggerAll(); // warm-up: sharding, JIT, connections
            cluster.awaitRunLines(firesPerRound, ROUND_TIMEOUT);
            long zxidBefore = cluster.zxid();
            long triggerMicros = NoOpShardJob.micros(java.time.Instant.now());
            cluster.triggerAll();
            PeerJournal.Contents journals = cluster.awaitRunLines(2 * firesPerRound, ROUND_TIMEOUT);
            long writes = MacroFigures.writesBetween(zxidBefore, cluster.zxid());
            return ElasticJobFigures.throughput(journals, triggerMicros, jobs, writes);
        }
    }
}
