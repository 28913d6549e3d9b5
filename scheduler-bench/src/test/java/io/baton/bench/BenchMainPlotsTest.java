package io.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.baton.bench.macro.LatencyScenario;
import io.baton.bench.macro.MacroFigures;
import io.baton.bench.macro.ThroughputScenario;
import io.baton.bench.peer.elasticjob.ElasticJobBench;
import io.baton.bench.peer.elasticjob.ElasticJobFigures;
import io.baton.bench.peer.quartz.QuartzLatencyScenario;
import io.baton.bench.peer.quartz.QuartzPeerBench;
import io.baton.bench.peer.quartz.QuartzThroughputScenario;
import io.baton.bench.plot.PlotWriter;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The macro run's plots from Baton's and the peers' results (synthetic here; the scenarios themselves run in
 * the smoke tests): both files land beside the report, one latency panel per fire rate measured.
 */
class BenchMainPlotsTest {
    @Test
    void bothPlotsAreWrittenWithAPanelPerFireRate(@TempDir Path out) throws Exception {
        MacroFigures.Throughput round = new MacroFigures.Throughput(6, 200, 1);
        ThroughputScenario.Result baton = new ThroughputScenario.Result(round, List.of(3L, 3L), List.of(round), round,
                new io.baton.bench.macro.TriggerRounds.WarmUp(1, 6, 300));
        List<LatencyScenario.Result> batonLatencies = List.of(
                new LatencyScenario.Result(latency(100, 3), new long[] {300, 400, 900}),
                new LatencyScenario.Result(latency(1_000, 2), new long[] {500, 2_000}));
        MacroFigures.Throughput ejWindow = new MacroFigures.Throughput(6, 900, 20);
        ElasticJobBench.Outcome elasticJob = new ElasticJobBench.Outcome("", new ElasticJobFigures.Throughput(ejWindow, ejWindow, List.of(1L, 2L, 3L)),
                List.of(new ElasticJobFigures.Latency(latency(100, 2), new long[] {9_000, 12_000}, 2)));
        QuartzPeerBench.Outcome quartz = new QuartzPeerBench.Outcome("",
                new QuartzThroughputScenario.Result(new MacroFigures.Throughput(4, 1_000, 50), List.of(1L, 1L, 1L, 1L)),
                List.of(new QuartzLatencyScenario.Result(latency(100, 1), new long[] {40_000}),
                        new QuartzLatencyScenario.Result(latency(1_000, 1), new long[] {-30})));

        BenchMain.writePlots(out, baton, batonLatencies, elasticJob, quartz);

        BufferedImage latency = ImageIO.read(out.resolve(PlotWriter.LATENCY_FILE).toFile());
        BufferedImage throughput = ImageIO.read(out.resolve(PlotWriter.THROUGHPUT_FILE).toFile());
        assertThat(latency.getHeight()).isEqualTo(PlotWriter.latencyHeight(2));
        assertThat(throughput.getWidth()).isEqualTo(PlotWriter.WIDTH);
    }

    private static MacroFigures.Latency latency(int rate, long fires) {
        return new MacroFigures.Latency(rate, fires, 1_000, 0, 0, 0, 0);
    }
}
