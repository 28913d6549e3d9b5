package io.baton.testing.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalAuditTest {
    @TempDir
    Path dir;

    private static JournalEntry entry(String worker, int shard, int attempt, long epoch, String outcome) {
        return new JournalEntry(worker, "j", "j@1", 1, shard, attempt, epoch, 1000, 2000, outcome);
    }

    @Test
    void parsesAJournalLineAsTheWorkerWritesIt() {
        JournalEntry e = JournalEntry.parse(
                "worker=w1 job=export run=export@1700000000000 fire=1700000000000 shard=3 attempt=2 epoch=5 start=10 end=25 outcome=SUCCEEDED");

        assertThat(e).isEqualTo(new JournalEntry("w1", "export", "export@1700000000000", 1700000000000L, 3, 2, 5, 10, 25, "SUCCEEDED"));
        assertThat(e.succeeded()).isTrue();
    }

    @Test
    void aStartLineCarriesItsStartInMicroseconds() {
        JournalEntry e = JournalEntry.parse(
                "worker=w1 job=export run=export@1000 fire=1000 shard=0 attempt=1 epoch=5 start=1001 end=0 outcome=STARTED startUs=1001234");

        assertThat(e.startMicros()).isEqualTo(1_001_234L);
        assertThat(e.startMillis()).isEqualTo(1001);
        assertThat(JournalEntry.parse("worker=w1 job=j run=j@1 fire=1 shard=0 attempt=1 epoch=5 start=7 end=9 outcome=FAILED").startMicros())
                .isEqualTo(7000);
    }

    @Test
    void rejectsLinesWithMissingFields() {
        assertThatThrownBy(() -> JournalEntry.parse("worker=w1 job=j")).hasMessageContaining("without run");
    }

    @Test
    void readsSeveralJournalsSkippingMissingFilesAndATornLastLine() throws Exception {
        Path w1 = dir.resolve("journal-w1.log");
        Files.writeString(w1, "worker=w1 job=j run=j@1 fire=1 shard=0 attempt=1 epoch=1 start=1 end=2 outcome=SUCCEEDED\n"
                + "worker=w1 job=j run=j@1 fire=1 shard=1 attem");

        List<JournalEntry> entries = JournalEntry.readAll(List.of(w1, dir.resolve("journal-w2.log")));

        assertThat(entries).extracting(JournalEntry::shard).containsExactly(0);
    }

    @Test
    void readsOnlyTheEntriesAskedForAcrossBlockBoundariesAndTabsOrRunsOfSpaces() throws Exception {
        Path w1 = dir.resolve("journal-w1.log");
        StringBuilder text = new StringBuilder();
        // enough lines to cross the reader's 64 KiB blocks several times
        for (int shard = 0; shard < 3_000; shard++) {
            text.append("worker=w1  job=j\trun=j@1 fire=1 shard=").append(shard).append(" attempt=1 epoch=1 start=1 end=2 outcome=")
                    .append(shard % 3 == 0 ? "STARTED" : "SUCCEEDED").append('\n');
        }
        Files.writeString(w1, text + "worker=w1 job=j run=j@1 fire=1 shard=9999 attempt=1 epoch=1 start=1 end=2 outcome=STARTED");

        List<JournalEntry> starts = JournalEntry.read(List.of(w1), JournalEntry::isStart);

        assertThat(starts).hasSize(1_000).allMatch(JournalEntry::isStart);
        assertThat(starts.get(999).shard()).as("the torn last line is not read").isEqualTo(2_997);
        assertThat(JournalEntry.readAll(List.of(w1))).hasSize(3_000);
    }

    @Test
    void aCleanRunHasNoViolations() {
        JournalAudit audit = new JournalAudit("j@1", List.of(
                entry("w1", 0, 1, 1, "SUCCEEDED"), entry("w2", 1, 1, 1, "FAILED"), entry("w3", 1, 2, 1, "SUCCEEDED")));

        assertThat(audit.violations(2)).isEmpty();
        assertThat(audit.executionsByWorker()).containsEntry("w1", 1L).containsEntry("w2", 1L);
    }

    @Test
    void findsShardsNeverExecuted() {
        JournalAudit audit = new JournalAudit("j@1", List.of(entry("w1", 0, 1, 1, "SUCCEEDED"), entry("w1", 2, 1, 1, "SUCCEEDED")));

        assertThat(audit.shardsNeverExecuted(4)).containsExactly(1, 3);
        assertThat(audit.violations(4)).singleElement().asString().contains("never executed: [1, 3]");
    }

    @Test
    void findsAnAttemptThatSucceededTwice() {
        JournalAudit audit = new JournalAudit("j@1", List.of(
                entry("w1", 0, 1, 2, "SUCCEEDED"), entry("w2", 0, 1, 2, "SUCCEEDED"), entry("w2", 0, 1, 3, "SUCCEEDED")));

        assertThat(audit.duplicateSuccessfulAttempts()).containsOnlyKeys("shard=0 attempt=1 epoch=2");
    }

    @Test
    void ignoresOtherRuns() {
        JournalAudit audit = new JournalAudit("j@1", List.of(
                entry("w1", 0, 1, 1, "SUCCEEDED"), new JournalEntry("w1", "j", "j@2", 2, 0, 1, 1, 0, 0, "SUCCEEDED")));

        assertThat(audit.entries()).hasSize(1);
    }

    @Test
    void startLinesDoNotCountAsExecutions() {
        JournalAudit audit = new JournalAudit("j@1", List.of(
                entry("w1", 0, 1, 1, JournalEntry.STARTED), entry("w2", 1, 1, 1, "SUCCEEDED")));

        assertThat(audit.shardsNeverExecuted(2)).containsExactly(0);
        assertThat(audit.entries()).hasSize(1);
    }
}
