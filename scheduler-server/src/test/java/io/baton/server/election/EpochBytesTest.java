package io.baton.server.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EpochBytesTest {
    @Test
    void storesTheEpochAsEightBigEndianBytes() {
        assertThat(EpochBytes.encode(0x0102030405060708L)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(EpochBytes.decode(EpochBytes.encode(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aHandedEpochNamesTheSuccessorsLatchNodeAfterTheEpoch() {
        byte[] handed = EpochBytes.encode(42, "/election/_c_1-latch-0000000007");

        assertThat(EpochBytes.decode(handed)).isEqualTo(42);
        assertThat(EpochBytes.handedTo(handed)).contains("/election/_c_1-latch-0000000007");
        assertThat(EpochBytes.handedTo(EpochBytes.encode(42))).isEmpty();
        assertThatThrownBy(() -> EpochBytes.encode(42, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesDataThatIsNotAnEpoch() {
        assertThatThrownBy(() -> EpochBytes.decode(new byte[4])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> EpochBytes.decode(null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> EpochBytes.handedTo(new byte[7])).isInstanceOf(IllegalStateException.class);
    }
}
