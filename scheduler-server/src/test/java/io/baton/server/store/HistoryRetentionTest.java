package io.baton.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.baton.proto.v1.HistoryPolicy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryRetentionTest {
    private static final long NOW = 1_000_000;

    @Test
    void keepsTheNewestMaxRunsByFireTimeWhateverTheListingOrder() {
        List<HistoryRetention.Stored> stored = List.of(run(300), run(100), run(500), run(200), run(400));

        assertThat(ids(HistoryRetention.toDelete(stored, policy(3, 0), NOW))).containsExactly("job@100", "job@200");
    }

    @Test
    void dropsRunsFiredBeforeTheAgeLimit() {
        List<HistoryRetention.Stored> stored = List.of(run(NOW - 5_000), run(NOW - 3_001), run(NOW - 3_000), run(NOW));

        assertThat(ids(HistoryRetention.toDelete(stored, policy(10, 3_000), NOW)))
                .containsExactly("job@" + (NOW - 5_000), "job@" + (NOW - 3_001));
    }

    @Test
    void appliesBothLimits() {
        List<HistoryRetention.Stored> stored = List.of(run(10), run(20), run(NOW - 10), run(NOW - 5), run(NOW));

        assertThat(ids(HistoryRetention.toDelete(stored, policy(2, 100), NOW)))
                .containsExactly("job@10", "job@20", "job@" + (NOW - 10));
    }

    @Test
    void unsetMaxRunsKeepsAHundredAndUnsetMaxAgeKeepsAnyAge() {
        List<HistoryRetention.Stored> stored = new ArrayList<>();
        for (int i = 1; i <= 103; i++) stored.add(run(i));

        assertThat(ids(HistoryRetention.toDelete(stored, HistoryPolicy.getDefaultInstance(), NOW)))
                .containsExactly("job@1", "job@2", "job@3");
        assertThat(HistoryRetention.maxRuns(HistoryPolicy.getDefaultInstance())).isEqualTo(HistoryRetention.DEFAULT_MAX_RUNS).isEqualTo(100);
    }

    @Test
    void runsOfOneFireTimeAreOrderedByIdSoTheDecisionIsStable() {
        List<HistoryRetention.Stored> stored = List.of(
                new HistoryRetention.Stored("job@7-now", 7), new HistoryRetention.Stored("job@7", 7),
                new HistoryRetention.Stored("job@7-api", 7));

        assertThat(ids(HistoryRetention.toDelete(stored, policy(1, 0), NOW))).containsExactly("job@7", "job@7-api");
    }

    @Test
    void deletesNothingWithinTheLimitsOrOfNothing() {
        assertThat(HistoryRetention.toDelete(List.of(run(NOW - 1), run(NOW)), policy(2, 10), NOW)).isEmpty();
        assertThat(HistoryRetention.toDelete(List.of(), policy(1, 1), NOW)).isEmpty();
    }

    @Test
    void aHugeMaxAgeDoesNotOverflow() {
        assertThat(HistoryRetention.toDelete(List.of(run(0), run(-5)), policy(10, Long.MAX_VALUE), -10)).isEmpty();
        assertThat(HistoryRetention.toDelete(List.of(run(Long.MIN_VALUE)), policy(10, Long.MAX_VALUE), -10)).isEmpty();
    }

    @Test
    void refusesAMaxRunsBelowOneGivenDirectly() {
        assertThatThrownBy(() -> HistoryRetention.toDelete(List.of(), 0, 0, NOW)).isInstanceOf(IllegalArgumentException.class);
    }

    private static HistoryRetention.Stored run(long fireMillis) {
        return new HistoryRetention.Stored("job@" + fireMillis, fireMillis);
    }

    private static HistoryPolicy policy(int maxRuns, long maxAgeMillis) {
        return HistoryPolicy.newBuilder().setMaxRuns(maxRuns).setMaxAgeMillis(maxAgeMillis).build();
    }

    private static List<String> ids(List<HistoryRetention.Stored> stored) {
        return stored.stream().map(HistoryRetention.Stored::runId).toList();
    }
}
