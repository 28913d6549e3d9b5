package io.baton.bench.peer.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every member joins one clustered JDBC job store under its own id; the harness's client never fires. */
class QuartzPropertiesTest {
    private final DatabaseAddress db = new DatabaseAddress("jdbc:h2:tcp://127.0.0.1:9092/quartz", "quartz", "secret");

    @Test
    void membersShareTheSchedulerNameAndTheClusteredStoreUnderDistinctIds() {
        Properties q1 = QuartzProperties.member(db, "q1", 256, 300);
        Properties q2 = QuartzProperties.member(db, "q2", 256, 300);

        assertThat(q1.getProperty("org.quartz.scheduler.instanceName")).isEqualTo(q2.getProperty("org.quartz.scheduler.instanceName"));
        assertThat(q1.getProperty("org.quartz.scheduler.instanceId")).isEqualTo("q1");
        assertThat(q2.getProperty("org.quartz.scheduler.instanceId")).isEqualTo("q2");
        assertThat(q1.getProperty("org.quartz.jobStore.class")).isEqualTo("org.quartz.impl.jdbcjobstore.JobStoreTX");
        assertThat(q1.getProperty("org.quartz.jobStore.isClustered")).isEqualTo("true");
        assertThat(q1.getProperty("org.quartz.dataSource.peer.provider")).isEqualTo("hikaricp");
        assertThat(q1.getProperty("org.quartz.dataSource.peer.URL")).isEqualTo(db.jdbcUrl());
        assertThat(q1.getProperty("org.quartz.dataSource.peer.password")).isEqualTo("secret");
    }

    @Test
    void aMemberIsSizedLikeABatonWorker() {
        Properties q1 = QuartzProperties.member(db, "q1", 256, 300);

        assertThat(q1.getProperty("org.quartz.threadPool.threadCount")).isEqualTo("256");
        assertThat(q1.getProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount")).isEqualTo("256");
        assertThat(q1.getProperty("org.quartz.dataSource.peer.maxConnections")).isEqualTo("300");
        assertThatThrownBy(() -> QuartzProperties.member(db, "q1", 0, 300)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void instanceArgumentsAreKeyValuePairsWithNoneMissing() {
        List<String> args = List.of("--url", "jdbc:h2:x", "--user", "u", "--password", "p", "--id", "q1", "--threads", "4", "--connections", "7",
                "--journal", "/j");

        assertThat(QuartzInstanceMain.options(args)).containsEntry("id", "q1").containsEntry("threads", "4").hasSize(7);
        assertThatThrownBy(() -> QuartzInstanceMain.options(args.subList(0, 12))).hasMessageContaining("missing --journal");
        assertThatThrownBy(() -> QuartzInstanceMain.options(List.of("--url"))).hasMessageContaining("expected --key value");
    }
}
