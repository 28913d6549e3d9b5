package io.baton.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pure arithmetic of the store's sequence node. */
class StoreSequenceTest {
    private final StoreSequence sequence = new StoreSequence(3);

    @Test
    void versionsCountUpAndTheNodeIsRecreatedAtTheWrapPoint() {
        assertThat(sequence.next(0)).isEqualTo(1);
        assertThat(sequence.next(2)).isEqualTo(3);
        assertThat(sequence.recreates(2)).isFalse();
        assertThat(sequence.recreates(3)).isTrue();
        assertThat(sequence.next(3)).isZero();
        assertThatThrownBy(() -> new StoreSequence(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMarkSurvivesItsBytesAndForeignDataIsNoMark() {
        StoreSequence.Mark mark = new StoreSequence.Mark(-42L, 1L << 40);

        assertThat(StoreSequence.Mark.parse(mark.toBytes())).contains(mark);
        assertThat(StoreSequence.Mark.parse(new byte[0])).isEmpty();
        assertThat(StoreSequence.Mark.parse(null)).isEmpty();
        assertThat(StoreSequence.Mark.parse(new byte[15])).isEmpty();
    }

    @Test
    void aMultiInDoubtWasStoredExactlyIfTheMarkNamesItOrALaterMultiOfTheSameWriter() {
        Optional<StoreSequence.Mark> mark = Optional.of(new StoreSequence.Mark(7, 100));

        assertThat(StoreSequence.stored(7, 99, mark)).isTrue();
        assertThat(StoreSequence.stored(7, 100, mark)).isTrue();
        assertThat(StoreSequence.stored(7, 101, mark)).isFalse();
    }

    @Test
    void anotherWritersMarkOrNoMarkMeansNotStoredByThisWriter() {
        // e.g. a new leader's first multi met a connection loss: the mark still names the previous leader
        assertThat(StoreSequence.stored(7, 5, Optional.of(new StoreSequence.Mark(8, 100)))).isFalse();
        assertThat(StoreSequence.stored(7, 5, Optional.empty())).isFalse();
    }
}
