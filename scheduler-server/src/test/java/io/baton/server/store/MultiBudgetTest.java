package io.baton.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MultiBudgetTest {
    @Test
    void packsItemsInOrderUpToTheBudget() {
        List<List<Integer>> chunks = MultiBudget.chunk(List.of(4, 4, 2, 5, 1, 9), Integer::longValue, 10);

        assertThat(chunks).containsExactly(List.of(4, 4, 2), List.of(5, 1), List.of(9));
    }

    @Test
    void givesAnItemLargerThanTheBudgetAChunkOfItsOwn() {
        assertThat(MultiBudget.chunk(List.of(3, 25, 3), Integer::longValue, 10))
                .containsExactly(List.of(3), List.of(25), List.of(3));
    }

    @Test
    void makesNoChunkOfNothing() {
        assertThat(MultiBudget.chunk(List.<Integer>of(), Integer::longValue, 10)).isEmpty();
    }

    @Test
    void estimatesAnOpAsAtLeastItsPathAndData() {
        assertThat(MultiBudget.opSize("/baton/runs/r1", 1000)).isGreaterThanOrEqualTo(1000 + "/baton/runs/r1".length());
        assertThat(MultiBudget.CHUNK_TARGET).isLessThan(MultiBudget.HARD_LIMIT);
        assertThat(MultiBudget.HARD_LIMIT).isLessThan(1024 * 1024);
    }

    @Test
    void countsUtf8BytesWithoutEncoding() {
        for (String s : new String[] {"", "/baton/runs/ab/job@1", "caf\u00e9", "\u65e5\u672c", "\ud83d\ude00 x", "a\u0080\u07ff\u0800\uffff"}) {
            assertThat(MultiBudget.utf8Length(s)).as(s).isEqualTo(s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
        // a lone surrogate (never in a valid name) is counted as three bytes: an estimate on the large side
        assertThat(MultiBudget.utf8Length("\ud83d")).isGreaterThanOrEqualTo("\ud83d".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(MultiBudget.opSizeOfPathBytes(14, 1000)).isEqualTo(MultiBudget.opSize("/baton/runs/r1", 1000));
    }
}
