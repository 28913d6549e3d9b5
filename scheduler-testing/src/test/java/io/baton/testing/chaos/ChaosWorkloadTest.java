package io.baton.testing.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.ConcurrencyPolicy;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChaosWorkloadTest {
    @Test
    void cronAndApiJobsWithAParameterPerShardThatAllowOverlapAndRetry() {
        List<ChaosWorkload.Job> jobs = ChaosWorkload.jobs(new Random(7));

        assertThat(jobs).extracting(j -> j.job().kind()).contains(ChaosJob.Kind.CRON, ChaosJob.Kind.API);
        assertThat(jobs).allSatisfy(j -> {
            assertThat(j.spec().getName()).isEqualTo(j.job().name());
            assertThat(j.spec().getShardParametersCount()).isEqualTo(j.spec().getShardCount()).isEqualTo(j.job().shards());
            assertThat(j.spec().getConcurrencyPolicy()).isEqualTo(ConcurrencyPolicy.CONCURRENCY_POLICY_ALLOW);
            assertThat(j.spec().getRetry().getMaxAttempts()).isGreaterThanOrEqualTo(10);
        });
        assertThat(jobs).filteredOn(j -> j.job().kind() == ChaosJob.Kind.CRON)
                .allSatisfy(j -> assertThat(j.spec().getSchedule().getCron().getExpression()).isEqualTo(j.job().cron()));
        assertThat(jobs.stream().map(j -> j.job().misfire()).distinct().count()).isEqualTo(2);
    }
}
