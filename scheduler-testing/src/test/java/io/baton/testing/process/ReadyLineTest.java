package io.baton.testing.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReadyLineTest {
    @Test
    void parsesRoleAndFieldsOfAReadyLine() {
        ReadyLine line = ReadyLine.parse("SCHEDULER READY id=s1 address=127.0.0.1:40123").orElseThrow();

        assertThat(line.role()).isEqualTo("SCHEDULER");
        assertThat(line.field("id")).isEqualTo("s1");
        assertThat(line.field("address")).isEqualTo("127.0.0.1:40123");
    }

    @Test
    void ignoresLogLinesAndMalformedLines() {
        assertThat(ReadyLine.parse("08:34:16.754 INFO  [main] i.b.server.SchedulerNode - scheduler s1 started")).isEmpty();
        assertThat(ReadyLine.parse("worker READY id=w1")).isEmpty();
        assertThat(ReadyLine.parse("WORKER READY garbage")).isEmpty();
        assertThat(ReadyLine.parse("")).isEmpty();
    }

    @Test
    void aMissingFieldIsReportedByName() {
        ReadyLine line = ReadyLine.parse("ZOOKEEPER READY port=2181").orElseThrow();

        assertThatThrownBy(() -> line.field("address")).hasMessageContaining("address");
    }
}
