package io.baton.common.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.ConcurrencyPolicy;
import io.baton.proto.v1.HistoryPolicy;
import io.baton.proto.v1.JobSpec;
import io.baton.proto.v1.MisfirePolicy;
import io.baton.proto.v1.RetryPolicy;
import org.junit.jupiter.api.Test;

class JobDefaultsTest {

    private static JobSpec.Builder spec() {
        return JobSpec.newBuilder().setName("j").setHandler("h").setShardCount(1);
    }

    @Test
    void unsetPoliciesMeanTheDocumentedDefaults() {
        JobSpec unset = spec().build();
        assertThat(JobDefaults.misfirePolicy(unset)).isEqualTo(MisfirePolicy.MISFIRE_POLICY_FIRE_ONCE_NOW);
        assertThat(JobDefaults.maxMissedFires(unset)).isEqualTo(10);
        assertThat(JobDefaults.concurrencyPolicy(unset)).isEqualTo(ConcurrencyPolicy.CONCURRENCY_POLICY_SKIP);
        assertThat(JobDefaults.maxQueuedRuns(unset)).isEqualTo(5);
        RetryPolicy retry = unset.getRetry();
        assertThat(JobDefaults.maxAttempts(retry)).isEqualTo(1);
        assertThat(JobDefaults.initialBackoffMillis(retry)).isEqualTo(1_000);
        assertThat(JobDefaults.maxBackoffMillis(retry)).isEqualTo(60_000);
        assertThat(JobDefaults.multiplier(retry)).isEqualTo(2.0);
        assertThat(JobDefaults.historyMaxRuns(unset.getHistory())).isEqualTo(100);
    }

    @Test
    void setValuesWinOverDefaults() {
        JobSpec set = spec()
                .setMisfirePolicy(MisfirePolicy.MISFIRE_POLICY_SKIP).setMaxMissedFires(3)
                .setConcurrencyPolicy(ConcurrencyPolicy.CONCURRENCY_POLICY_ALLOW).setMaxQueuedRuns(7)
                .setRetry(RetryPolicy.newBuilder().setMaxAttempts(4).setInitialBackoffMillis(250).setMaxBackoffMillis(900)
                        .setMultiplier(1.5).setJitter(0.1))
                .setHistory(HistoryPolicy.newBuilder().setMaxRuns(20))
                .build();
        assertThat(JobDefaults.misfirePolicy(set)).isEqualTo(MisfirePolicy.MISFIRE_POLICY_SKIP);
        assertThat(JobDefaults.maxMissedFires(set)).isEqualTo(3);
        assertThat(JobDefaults.concurrencyPolicy(set)).isEqualTo(ConcurrencyPolicy.CONCURRENCY_POLICY_ALLOW);
        assertThat(JobDefaults.maxQueuedRuns(set)).isEqualTo(7);
        assertThat(JobDefaults.maxAttempts(set.getRetry())).isEqualTo(4);
        assertThat(JobDefaults.initialBackoffMillis(set.getRetry())).isEqualTo(250);
        assertThat(JobDefaults.maxBackoffMillis(set.getRetry())).isEqualTo(900);
        assertThat(JobDefaults.multiplier(set.getRetry())).isEqualTo(1.5);
        assertThat(JobDefaults.historyMaxRuns(set.getHistory())).isEqualTo(20);
    }

    @Test
    void resolvedSpecSpellsOutEveryDefaultAndKeepsTheRest() {
        JobSpec spec = spec()
                .setConcurrencyPolicy(ConcurrencyPolicy.CONCURRENCY_POLICY_QUEUE)
                .setAttemptTimeoutMillis(5_000)
                .setRetry(RetryPolicy.newBuilder().setMaxAttempts(3).setJitter(0.2))
                .setHistory(HistoryPolicy.newBuilder().setMaxAgeMillis(86_400_000))
                .build();
        JobSpec resolved = JobDefaults.resolve(spec);
        assertThat(resolved).isEqualTo(spec.toBuilder()
                .setMisfirePolicy(MisfirePolicy.MISFIRE_POLICY_FIRE_ONCE_NOW)
                .setMaxMissedFires(10)
                .setMaxQueuedRuns(5)
                .setRetry(RetryPolicy.newBuilder().setMaxAttempts(3).setInitialBackoffMillis(1_000).setMaxBackoffMillis(60_000)
                        .setMultiplier(2.0).setJitter(0.2))
                .setHistory(HistoryPolicy.newBuilder().setMaxRuns(100).setMaxAgeMillis(86_400_000))
                .build());
        assertThat(JobDefaults.resolve(resolved)).as("resolving is idempotent").isEqualTo(resolved);
    }
}
