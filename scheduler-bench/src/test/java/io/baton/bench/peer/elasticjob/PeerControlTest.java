package io.baton.bench.peer.elasticjob;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PeerControlTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void triggerRunsTheTriggerOnceAndAnswersWithTheJobCount() {
        AtomicInteger calls = new AtomicInteger();
        try (PeerControl control = PeerControl.serve(() -> {
            calls.incrementAndGet();
            return 16;
        })) {
            assertThat(PeerControl.send(control.port(), PeerControl.TRIGGER, TIMEOUT)).isEqualTo("TRIGGERED 16");
            assertThat(calls).hasValue(1);
            assertThat(PeerControl.send(control.port(), PeerControl.TRIGGER, TIMEOUT)).isEqualTo("TRIGGERED 16");
            assertThat(calls).hasValue(2);
        }
    }

    @Test
    void anUnknownCommandOrAFailedTriggerIsAnsweredWithAnError() {
        try (PeerControl control = PeerControl.serve(() -> {
            throw new IllegalStateException("registry center lost");
        })) {
            assertThat(PeerControl.send(control.port(), "shutdown", TIMEOUT)).isEqualTo("ERROR unknown command: shutdown");
            assertThat(PeerControl.send(control.port(), PeerControl.TRIGGER, TIMEOUT)).startsWith("ERROR").contains("registry center lost");
        }
    }
}
