package io.baton.bench.peer.elasticjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PeerJobsTest {
    @Test
    void theArgumentFormReadsBackAsTheSameJobs() {
        PeerJobs jobs = new PeerJobs(PeerJobs.Kind.ONE_OFF, 16, 1000);

        assertThat(jobs.format()).isEqualTo("one-off:16:1000");
        assertThat(PeerJobs.parse(jobs.format())).isEqualTo(jobs);
        assertThat(PeerJobs.parse("every-second:100:1")).isEqualTo(new PeerJobs(PeerJobs.Kind.EVERY_SECOND, 100, 1));
    }

    @Test
    void jobNamesAreTheSameInEveryInstanceAndDifferByKind() {
        assertThat(new PeerJobs(PeerJobs.Kind.ONE_OFF, 3, 10).names()).containsExactly("ej-throughput-0", "ej-throughput-1", "ej-throughput-2");
        assertThat(new PeerJobs(PeerJobs.Kind.EVERY_SECOND, 2, 1).names()).containsExactly("ej-latency-0", "ej-latency-1");
        assertThat(new PeerJobs(PeerJobs.Kind.ONE_OFF, 16, 1000).shardsPerRound()).isEqualTo(16_000);
    }

    @Test
    void malformedArgumentsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> PeerJobs.parse("one-off:16")).hasMessageContaining("kind:count:shards");
        assertThatThrownBy(() -> PeerJobs.parse("hourly:1:1")).hasMessageContaining("unknown job kind 'hourly'");
        assertThatThrownBy(() -> PeerJobs.parse("one-off:x:1")).hasMessageContaining("bad number");
        assertThatThrownBy(() -> PeerJobs.parse("one-off:0:1")).hasMessageContaining("positive");
    }
}
