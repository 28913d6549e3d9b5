package io.baton.server.policy;

import static io.baton.server.policy.ConcurrencyDecision.QUEUE;
import static io.baton.server.policy.ConcurrencyDecision.SKIP;
import static io.baton.server.policy.ConcurrencyDecision.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.baton.proto.v1.ConcurrencyPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConcurrencyDecisionTest {
    @ParameterizedTest(name = "{0} running={1} queued={2} max={3} -> {4}")
    @CsvSource({
            "CONCURRENCY_POLICY_UNSPECIFIED, 0, 0, 5, START",
            "CONCURRENCY_POLICY_UNSPECIFIED, 1, 0, 5, SKIP",
            "CONCURRENCY_POLICY_SKIP,        0, 0, 5, START",
            "CONCURRENCY_POLICY_SKIP,        1, 0, 5, SKIP",
            "CONCURRENCY_POLICY_QUEUE,       0, 0, 2, START",
            "CONCURRENCY_POLICY_QUEUE,       1, 0, 2, QUEUE",
            "CONCURRENCY_POLICY_QUEUE,       1, 1, 2, QUEUE",
            "CONCURRENCY_POLICY_QUEUE,       1, 2, 2, SKIP",
            "CONCURRENCY_POLICY_QUEUE,       0, 1, 2, QUEUE",
            "CONCURRENCY_POLICY_ALLOW,       0, 0, 5, START",
            "CONCURRENCY_POLICY_ALLOW,       7, 0, 5, START",
    })
    void decides(ConcurrencyPolicy policy, int running, int queued, int max, ConcurrencyDecision expected) {
        assertThat(ConcurrencyDecision.decide(policy, running, queued, max)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0, START", "1, SKIP"})
    void skipIsTheDefault(int running, ConcurrencyDecision expected) {
        assertThat(ConcurrencyDecision.decide(ConcurrencyPolicy.CONCURRENCY_POLICY_UNSPECIFIED, running, 0, 5))
                .isEqualTo(expected).isIn(START, SKIP).isNotEqualTo(QUEUE);
    }
}
