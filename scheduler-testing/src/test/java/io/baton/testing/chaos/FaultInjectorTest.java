package io.baton.testing.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.journal.JournalEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {
    private static JournalEntry line(int shard, long start, long end, String outcome) {
        return new JournalEntry("w1", "j", "j@1", 1, shard, 1, 1, start, end, outcome);
    }

    @Test
    void countsExecutionsOfThisIncarnationThatHaveNotEnded() {
        List<JournalEntry> journal = List.of(
                line(0, 100, 0, JournalEntry.STARTED),                      // cut short by an earlier kill -9
                line(1, 2_000, 0, JournalEntry.STARTED), line(1, 2_000, 2_300, "SUCCEEDED"),
                line(2, 2_100, 0, JournalEntry.STARTED));

        assertThat(FaultInjector.openExecutions(journal, 0)).isEqualTo(2);
        assertThat(FaultInjector.openExecutions(journal, 1_000)).isEqualTo(1);
    }
}
