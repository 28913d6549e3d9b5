package io.baton.common.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
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

    @Test
    void takesAtMostEighteenDigitsOfFireTime() {
        assertThat(RunIds.parse("j@999999999999999999")).contains(new RunIds.Parts("j", 999_999_999_999_999_999L));
        assertThat(RunIds.parse("j@0999999999999999999")).isEmpty();
        assertThat(RunIds.parse("j@5-now-api")).isEmpty();
        assertThat(RunIds.parse("j@5-NOW")).isEmpty();
        assertThat(RunIds.parse("j k@5")).isEmpty();
    }

    /** The grammar as a regular expression, which {@link RunIds} used to match with: the parser must agree with it. */
    private static final Pattern GRAMMAR = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*)@([0-9]{1,18})(?:-[a-z]+)?");

    @Test
    void agreesWithTheGrammarOnRandomStrings() {
        Random random = new Random(7);
        String alphabet = "aZ9._-@0-nowapi X";
        int wellFormed = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(24);
            for (int i = 0; i < length; i++) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            if (random.nextInt(4) == 0) b.insert(Math.min(b.length(), 3), "@" + random.nextInt(1_000_000));
            String id = b.toString();
            var m = GRAMMAR.matcher(id);
            if (m.matches()) {
                wellFormed++;
                assertThat(RunIds.parse(id)).as(id).contains(new RunIds.Parts(m.group(1), Long.parseLong(m.group(2))));
            } else {
                assertThat(RunIds.parse(id)).as(id).isEmpty();
            }
        }
        assertThat(wellFormed).isGreaterThan(1_000);
    }
}
