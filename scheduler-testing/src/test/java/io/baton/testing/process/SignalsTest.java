package io.baton.testing.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignalsTest {
    @Test
    void readsTheStateFieldAfterTheCommandName() {
        assertThat(Signals.parseState("4242 (java) S 1 4242 4242 0 -1")).contains('S');
        assertThat(Signals.parseState("4242 (my (odd) name) T 1 4242")).contains('T');
    }

    @Test
    void malformedStatHasNoState() {
        assertThat(Signals.parseState("")).isEmpty();
        assertThat(Signals.parseState("4242 (java)")).isEmpty();
    }

    @Test
    void thisProcessIsRunningOrSleeping() {
        assertThat(Signals.state(ProcessHandle.current().pid())).hasValueSatisfying(s -> assertThat("RS").contains(s.toString()));
    }
}
