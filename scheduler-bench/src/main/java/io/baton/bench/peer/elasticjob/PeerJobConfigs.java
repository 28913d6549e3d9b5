package io.baton.bench.peer.elasticjob;

import org.apache.shardingsphere.elasticjob.api.JobConfiguration;

/**
 * The ElasticJob configuration of one benchmark job. ElasticJob's defaults are kept where they shape the
 * work measured: {@code monitorExecution} on (each shard item is marked running in ZooKeeper while it runs,
 * which is how ElasticJob knows what runs and detects misfires), failover off, misfire on, the default
 * executor pool (2 threads per CPU per job). One-off jobs use the average-allocation sharding strategy
 * (the default: items split evenly over the instances); cron jobs of one shard use round-robin by job name,
 * so their single items spread over the instances instead of all landing on the first one.
 */
final class PeerJobConfigs {
    static final String ROUND_ROBIN = "ROUND_ROBIN";

    private PeerJobConfigs() {}

    static JobConfiguration of(PeerJobs jobs, String name) {
        JobConfiguration.Builder b = JobConfiguration.newBuilder(name, jobs.shards())
                .monitorExecution(true)
                .failover(false)
                .misfire(true)
                .overwrite(true);
        if (jobs.kind() == PeerJobs.Kind.EVERY_SECOND) b.cron(PeerJobs.EVERY_SECOND_CRON).jobShardingStrategyType(ROUND_ROBIN);
        return b.build();
    }
}
