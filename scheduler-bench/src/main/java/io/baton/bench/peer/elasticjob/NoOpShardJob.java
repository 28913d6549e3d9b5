package io.baton.bench.peer.elasticjob;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.shardingsphere.elasticjob.api.ShardingContext;
import org.apache.shardingsphere.elasticjob.simple.job.SimpleJob;

/**
 * The peer's no-op ElasticJob {@link SimpleJob}: does nothing but journal the shard item's start and end
 * (epoch µs) with the job's scheduled fire time, like Baton's {@code demo.echo} handler with a worker journal.
 * One instance serves every job of a peer JVM.
 */
final class NoOpShardJob implements SimpleJob {
    private final JournalWriter journal;
    private final FireTimes fireTimes;
    private final Clock clock;

    NoOpShardJob(JournalWriter journal, FireTimes fireTimes, Clock clock) {
        this.journal = journal;
        this.fireTimes = fireTimes;
        this.clock = clock;
    }

    @Override
    public void execute(ShardingContext context) {
        long start = micros(clock.instant());
        long fire = fireTimes.current(context.getJobName());
        long end = micros(clock.instant());
        journal.append(new PeerJournal.Shard(context.getJobName(), context.getShardingItem(), start, end, fire).line());
    }

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
