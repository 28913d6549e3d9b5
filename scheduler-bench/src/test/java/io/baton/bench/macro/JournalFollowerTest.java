package io.baton.bench.macro;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.testing.journal.JournalEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following journals as they grow: each complete line once, a partial line on a later read, new files too. */
class JournalFollowerTest {
    private static String line(String worker, int shard, long start) {
        return "worker=" + worker + " job=j run=j@1 fire=1 shard=" + shard + " attempt=1 epoch=2 start=" + start + " end=0 outcome=STARTED\n";
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void readsEachCompleteLineOnceAndAPartialLineWhenItIsComplete(@TempDir Path dir) throws Exception {
        Path w1 = dir.resolve("journal-w1.log");
        Path w2 = dir.resolve("journal-w2.log");
        List<Path> journals = new ArrayList<>(List.of(w1));
        JournalFollower follower = new JournalFollower(() -> journals);
        assertThat(follower.since(0)).isEmpty(); // no file yet

        String second = line("w1", 1, 2_000);
        append(w1, line("w1", 0, 1_000) + second.substring(0, 20));
        assertThat(follower.since(0)).extracting(JournalEntry::shard).containsExactly(0);

        append(w1, second.substring(20));
        journals.add(w2);
        append(w2, line("w2", 5, 3_000));
        assertThat(follower.since(0)).extracting(JournalEntry::shard).containsExactly(0, 1, 5);
        assertThat(follower.since(2_000)).extracting(JournalEntry::shard).containsExactly(1, 5);
        assertThat(follower.skipped()).isZero();
    }

    @Test
    void skipsALineThatIsNotAJournalLine(@TempDir Path dir) throws Exception {
        Path w1 = dir.resolve("journal-w1.log");
        append(w1, "worker=w1 job=j run=j@1 fi" + "\n" + line("w1", 3, 1_000));
        JournalFollower follower = new JournalFollower(() -> List.of(w1));

        assertThat(follower.since(0)).extracting(JournalEntry::shard).containsExactly(3);
        assertThat(follower.skipped()).isEqualTo(1);
    }
}
