package io.baton.server.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptIdTest {

    @Test
    void laterEpochSupersedesAnyAttemptNumberOfAnEarlierOne() {
        assertThat(new AttemptId(2, 1).isAfter(new AttemptId(1, 99))).isTrue();
        assertThat(new AttemptId(1, 99).isAfter(new AttemptId(2, 1))).isFalse();
    }

    @Test
    void withinAnEpochHigherAttemptIsLater() {
        assertThat(new AttemptId(3, 2).isAfter(new AttemptId(3, 1))).isTrue();
        assertThat(new AttemptId(3, 2).isAfter(new AttemptId(3, 2))).isFalse();
        assertThat(new AttemptId(3, 2).compareTo(new AttemptId(3, 2))).isZero();
    }

    @Test
    void noneIsBeforeEveryRealAttempt() {
        assertThat(new AttemptId(0, 1).isAfter(AttemptId.NONE)).isTrue();
        assertThat(new AttemptId(1, 0).isAfter(AttemptId.NONE)).isTrue();
    }

    @Test
    void sortsByEpochThenAttempt() {
        List<AttemptId> ids = new ArrayList<>(List.of(new AttemptId(2, 1), new AttemptId(1, 3), new AttemptId(1, 1)));
        ids.sort(null);
        assertThat(ids).containsExactly(new AttemptId(1, 1), new AttemptId(1, 3), new AttemptId(2, 1));
        assertThat(new AttemptId(1, 3)).hasToString("3@e1");
    }
}
