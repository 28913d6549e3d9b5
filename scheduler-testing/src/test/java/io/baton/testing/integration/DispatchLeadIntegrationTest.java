package io.baton.testing.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.baton.client.BatonClient;
import io.baton.client.ClientConfig;
import io.baton.client.JobSpecs;
import io.baton.worker.api.ShardResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Shards sent ahead of their fire time (the dispatch lead) on a real in-process cluster: the leader sends
 * them a whole lead early and the worker still starts each at its fire time, never before.
 */
class DispatchLeadIntegrationTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** Long enough that a shard started on arrival would start far too early to pass for clock noise. */
    private static final Duration DISPATCH_LEAD = Duration.ofMillis(300);

    private InProcessCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = new InProcessCluster();
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    /** When a shard's handler ran, against its run's fire time (both wall-clock milliseconds). */
    private record Start(long fireMillis, long startMillis) {}

    @Test
    void shardsSentAheadStartAtTheirFireTimeNotOnArrival() throws Exception {
        cluster.startScheduler("s1", InProcessCluster.coordinatorConfig().withFireLead(Duration.ofSeconds(1)).withDispatchLead(DISPATCH_LEAD));
        List<Start> starts = new CopyOnWriteArrayList<>();
        cluster.startWorker("w1", 8, Map.of("stamp", ctx -> {
            starts.add(new Start(ctx.fireTime().toEpochMilli(), System.currentTimeMillis()));
            return ShardResult.succeeded("");
        }));
        try (BatonClient client = BatonClient.connect(ClientConfig.zookeeper(cluster.zkSettings()))) {
            client.submit(JobSpecs.fixedRate("ahead", "stamp", 2, 500).build());

            await().atMost(DEADLINE).until(() -> starts.size() >= 8);
        }

        // the clock is the same one on both sides here; a start on arrival would be up to 300 ms early
        assertThat(starts).allSatisfy(s -> assertThat(s.startMillis()).as("started at or after its fire time").isGreaterThanOrEqualTo(s.fireMillis()));
        assertThat(starts).as("and not held back much beyond it")
                .anySatisfy(s -> assertThat(s.startMillis() - s.fireMillis()).isLessThan(DISPATCH_LEAD.toMillis()));
    }
}
