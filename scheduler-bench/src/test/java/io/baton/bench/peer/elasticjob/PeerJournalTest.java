package io.baton.bench.peer.elasticjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerJournalTest {
    private static final PeerJournal.Shard SHARD = new PeerJournal.Shard("ej-throughput-0", 7, 1_000_000, 1_000_020, 999);
    private static final PeerJournal.Run RUN = new PeerJournal.Run("ej-throughput-0", 999, 1_000_500);
    private static final PeerJournal.Misfire MISFIRE = new PeerJournal.Misfire("ej-latency-3", 2_000);

    @Test
    void everyKindOfLineReadsBackAsWritten() {
        PeerJournal.Contents c = PeerJournal.parse(SHARD.line() + "\n" + RUN.line() + "\n" + MISFIRE.line() + "\n");

        assertThat(c.shards()).containsExactly(SHARD);
        assertThat(c.runs()).containsExactly(RUN);
        assertThat(c.misfires()).containsExactly(MISFIRE);
    }

    @Test
    void aTornLastLineIsNotYetWrittenAndSkipped() {
        String torn = SHARD.line() + "\n" + RUN.line().substring(0, 9);

        assertThat(PeerJournal.parse(torn).shards()).containsExactly(SHARD);
        assertThat(PeerJournal.parse(torn).runs()).isEmpty();
        assertThat(PeerJournal.parse("SHARD ej").shards()).isEmpty();
    }

    @Test
    void aForeignLineIsAnError() {
        assertThatThrownBy(() -> PeerJournal.parse("hello world\n")).hasMessageContaining("not a peer journal line");
        assertThatThrownBy(() -> PeerJournal.parse("RUN j x 1\n")).hasMessageContaining("bad number");
    }

    @Test
    void journalsOfAllInstancesAreReadTogetherAndAMissingOneIsEmpty(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.log"), SHARD.line() + "\n");
        Files.writeString(dir.resolve("b.log"), RUN.line() + "\n" + MISFIRE.line() + "\n");

        PeerJournal.Contents c = PeerJournal.readAll(List.of(dir.resolve("a.log"), dir.resolve("b.log"), dir.resolve("none.log")));

        assertThat(c.shards()).containsExactly(SHARD);
        assertThat(c.runs()).containsExactly(RUN);
        assertThat(c.misfires()).containsExactly(MISFIRE);
    }
}
