package io.baton.testing.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.baton.client.BatonClient;
import io.baton.client.ClientConfig;
import io.baton.examples.SubmitShardedJob;
import io.baton.proto.v1.RunRecord;
import io.baton.proto.v1.RunState;
import io.baton.worker.handlers.DemoHandlers;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The examples/ program works against a real cluster (so it never rots). */
class ExamplesIntegrationTest {
    @Test
    void theShardedJobExampleRunsToSuccess() throws Exception {
        try (InProcessCluster cluster = new InProcessCluster()) {
            cluster.startScheduler("s1");
            cluster.startWorker("w1", 4, DemoHandlers.all());
            cluster.startWorker("w2", 4, DemoHandlers.all());
            await().atMost(Duration.ofSeconds(30)).until(() -> cluster.leader().map(l -> l.readyWorkers().size() == 2).orElse(false));
            try (BatonClient client = BatonClient.connect(ClientConfig.zookeeper(cluster.zkSettings()))) {
                RunRecord run = SubmitShardedJob.run(client, "example", 6, Duration.ofSeconds(30));

                assertThat(run.getState()).isEqualTo(RunState.RUN_STATE_SUCCEEDED);
                assertThat(run.getShardsList()).hasSize(6);
                assertThat(run.getShards(5).getMessage()).isEqualTo("part-5");
            }
        }
    }
}
