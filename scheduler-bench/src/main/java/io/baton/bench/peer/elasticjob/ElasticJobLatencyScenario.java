package io.baton.bench.peer.elasticjob;

import io.baton.bench.macro.MeasuredWindow;

import io.baton.bench.macro.MacroSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Baton's fire → start scenario done by ElasticJob-lite: {@code rate} one-shard cron jobs firing every
 * second ({@code * * * * * ?}) on {@code workers} instances, items spread by round-robin. ElasticJob's cron
 * has second granularity, so all {@code rate} fires of a second happen at its start (Baton spreads them
 * evenly over the second): the same fires per second, in one burst. Once every instance has finished a
 * first fire of every job (sharding done) and one more second has passed, fires scheduled in a measurement
 * window are matched with their shard's start in the journals (start − Quartz's scheduled fire time);
 * ZooKeeper write transactions are counted over the window; the journals are read once every instance has
 * finished a fire of every job scheduled after the window. A fire Quartz finds more than 1 ms late (the
 * job's one Quartz thread still busy, say) is skipped by ElasticJob's misfire threshold and "do nothing"
 * policy: such fires are counted as missed, not timed.
 */
public final class ElasticJobLatencyScenario {
    private static final Duration FIRST_FIRES_TIMEOUT = Duration.ofMinutes(3);
    private static final long SETTLE_MILLIS = 1_000;
    private static final Duration PAST_WINDOW_TIMEOUT = Duration.ofMinutes(2);

    private ElasticJobLatencyScenario() {}

    public static ElasticJobFigures.Latency run(MacroSettings settings, int rate, Path runDir) {
        PeerJobs jobs = new PeerJobs(PeerJobs.Kind.EVERY_SECOND, rate, 1);
        try (ElasticJobCluster cluster = ElasticJobCluster.start(runDir, settings.workers(), jobs)) {
            cluster.awaitRunLines((long) cluster.instances() * jobs.count(), FIRST_FIRES_TIMEOUT);
            MeasuredWindow window = MeasuredWindow.after(SETTLE_MILLIS, settings.latencyWindow().toMillis(), cluster::zxid);
            long from = window.fromMillis();
            long to = window.toMillis();
            long writes = window.zkWrites();
            cluster.awaitJournals(perInstance -> ElasticJobFigures.pastWindow(perInstance, jobs.names(), to), PAST_WINDOW_TIMEOUT);
            long[] delays = ElasticJobFigures.delays(PeerJournal.readAll(cluster.journals()), from, to);
            long scheduled = rate * ElasticJobFigures.secondsStartingIn(from, to);
            return ElasticJobFigures.latency(rate, delays, scheduled, to - from, writes);
        }
    }
}
