package io.baton.bench.peer.quartz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal lines Quartz instances write and the harness reads. */
class ExecutionJournalTest {
    private final ExecutionRecord record = new ExecutionRecord("latency", "t7", 1_700_000_000_010L, 1_700_000_000_012_345L, 1_700_000_000_012_400L);

    @Test
    void aRecordIsOneLineAndReadsBackEqual() {
        assertThat(record.line()).isEqualTo("latency t7 1700000000010 1700000000012345 1700000000012400");
        assertThat(ExecutionRecord.parse(record.line())).isEqualTo(record);
    }

    @Test
    void theDelayIsTheStartMinusTheScheduledFireTimeInMicroseconds() {
        assertThat(record.delayMicros()).isEqualTo(2_345);
        assertThat(new ExecutionRecord("g", "t", 2_000, 1_999_000, 1_999_100).delayMicros()).isEqualTo(-1_000);
    }

    @Test
    void instantsAreCountedInMicroseconds() {
        assertThat(ExecutionRecord.micros(Instant.ofEpochSecond(3, 4_567_891))).isEqualTo(3_004_567);
    }

    @Test
    void malformedLinesAndNamesAreRefused() {
        assertThatThrownBy(() -> ExecutionRecord.parse("latency t7 12")).hasMessageContaining("not a journal line");
        assertThatThrownBy(() -> ExecutionRecord.parse("latency t7 a b c")).hasMessageContaining("not a journal line");
        assertThatThrownBy(() -> new ExecutionRecord("a group", "t", 1, 2, 3)).hasMessageContaining("non-empty words");
    }

    @Test
    void aLastLineCutShortIsLeftOut() {
        assertThat(ExecutionJournal.parse(record.line() + "\n" + "latency t8 17000")).containsExactly(record);
        assertThat(ExecutionJournal.parse("")).isEmpty();
    }

    @Test
    void whatIsAppendedIsReadBackAfterClose(@TempDir Path dir) {
        Path file = dir.resolve("q1.journal");
        ExecutionJournal journal = ExecutionJournal.open(file);
        journal.append(record);
        journal.append(new ExecutionRecord("throughput", "t1", 1, 2, 3));
        journal.close();
        journal.close();

        assertThat(ExecutionJournal.read(file)).containsExactly(record, new ExecutionRecord("throughput", "t1", 1, 2, 3));
    }
}
