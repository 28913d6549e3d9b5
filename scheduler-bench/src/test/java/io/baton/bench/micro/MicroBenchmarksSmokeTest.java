package io.baton.bench.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Keeps the benchmark harness from rotting: every micro-benchmark runs through JMH (in this JVM, one short
 * iteration each: a smoke run, not a measurement) and yields a score; the benchmarks' own set-ups compute
 * what they claim.
 */
class MicroBenchmarksSmokeTest {
    @Test
    void everyMicroBenchmarkRunsThroughJmhAndScores() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder().include("io\\.baton\\.bench\\.micro\\..*")
                .forks(0).warmupIterations(0).measurementIterations(1).measurementTime(TimeValue.milliseconds(100))
                .param("workers", "100").shouldFailOnError(true).build()).run();

        List<String> names = results.stream().map(r -> r.getParams().getBenchmark().replaceAll(".*\\.(\\w+\\.\\w+)$", "$1")).toList();
        assertThat(names).containsExactlyInAnyOrder("FrameCodecBenchmark.decode", "FrameCodecBenchmark.encode",
                "FrameCodecBenchmark.roundTrip", "FrameCodecBenchmark.protobufOnly", "NextFireBenchmark.nextFireOfEveryJob",
                "NextFireBenchmark.quartzDirect", "NextFireBenchmark.nextFireSpread", "PlacementBenchmark.placeRun");
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    void theCodecBenchmarkEncodesWholeFramesAndThePlacementBenchmarkPlacesEveryShard() {
        FrameCodecBenchmark codec = new FrameCodecBenchmark();
        codec.setUp();
        try {
            assertThat(codec.encode()).isEqualTo(codec.frameBytes())
                    .isEqualTo(4 + FrameCodecBenchmark.assignShard().getSerializedSize());
        } finally {
            codec.tearDown();
        }
        PlacementBenchmark placement = new PlacementBenchmark();
        placement.workers = 1000;
        placement.capacity = 16;
        placement.setUp();
        assertThat(placement.placedPerInvocation()).isEqualTo(10_000);
    }

    @Test
    void theNextFireBenchmarkAgreesWithQuartz() {
        NextFireBenchmark fires = new NextFireBenchmark();
        fires.setUp();
        assertThat(fires.nextFireOfEveryJob()).isEqualTo(fires.quartzDirect()).isPositive();
    }
}
