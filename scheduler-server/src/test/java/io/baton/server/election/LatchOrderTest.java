package io.baton.server.election;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatchOrderTest {
    private static final String A = "_c_5b0e8d5e-aaaa-latch-0000000003";
    private static final String B = "_c_01d2c3b4-bbbb-latch-0000000011";
    private static final String C = "_c_ffee0011-cccc-latch-0000000007";

    @Test
    void theSuccessorIsTheNextBySequenceNotByName() {
        List<String> children = List.of(B, C, A);

        assertThat(LatchOrder.successorOf(children, "/election/" + A)).contains("/election/" + C);
        assertThat(LatchOrder.successorOf(children, "/election/" + C)).contains("/election/" + B);
    }

    @Test
    void noSuccessorForTheLastOrAnAbsentNode() {
        assertThat(LatchOrder.successorOf(List.of(A, B), "/election/" + B)).isEmpty();
        assertThat(LatchOrder.successorOf(List.of(A), "/election/" + A)).isEmpty();
        assertThat(LatchOrder.successorOf(List.of(A, B), "/election/" + C)).isEmpty();
        assertThat(LatchOrder.successorOf(List.of(A, "not-a-candidate", B), "/election/" + A)).contains("/election/" + B);
    }
}
