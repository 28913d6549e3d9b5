package io.baton.common.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RunIdsTest {
    @Test
    void readsJobAndFireTimeOfAScheduledRun() {
        assertThat(RunIds.parse("nightly@1700000000000")).contains(new RunIds.Parts("nightly", 1_700_000_000_000L));
        assertThat(RunIds.jobName("nightly@1700000000000")).isEqualTo("nightly");
        assertThat(RunIds.fireMillis("nightly@1700000000000")).isEqualTo(1_700_000_000_000L);
    }

    @Test
    void readsRunsStartedNowOrByTheApi() {
        assertThat(RunIds.parse("report.daily-v2@42-now")).contains(new RunIds.Parts("report.daily-v2", 42));
        assertThat(RunIds.parse("a_b@0-api")).contains(new RunIds.Parts("a_b", 0));
    }

    @Test
    void aJobNameWithDashesAndDigitsIsNotMistakenForTheSuffix() {
        assertThat(RunIds.parse("job-1@7-now")).contains(new RunIds.Parts("job-1", 7));
    }

    @Test
    void rejectsWhatIsNotARunId() {
        for (String bad : new String[] {"", "nightly", "@5", "nightly@", "nightly@x", "nightly@5-", "nightly@5-1",
                "nightly@5now", "night@ly@5", "-job@5", "nightly@-5", "nightly@99999999999999999999"}) {
            assertThat(RunIds.parse(bad)).as(bad).isEmpty();
        }
        assertThatThrownBy(() -> RunIds.jobName("nightly")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nightly");
        assertThatThrownBy(() -> RunIds.fireMillis("x@y")).isInstanceOf(IllegalArgumentException.class);
    }
}
