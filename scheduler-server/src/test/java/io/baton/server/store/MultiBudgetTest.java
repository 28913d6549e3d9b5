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
}
