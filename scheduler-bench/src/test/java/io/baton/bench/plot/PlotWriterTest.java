package io.baton.bench.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PNG files drawn from small synthetic data decode, have the promised size and show curves. */
class PlotWriterTest {
    @Test
    void theLatencyPlotHasOnePanelPerFireRateAndItsCurvesInColour(@TempDir Path dir) throws IOException {
        List<PlotSeries.Panel> panels = PlotSeries.latencyPanels(List.of(
                new PlotSeries.Delays("Baton", 100, spread(200, 900, 400)),
                new PlotSeries.Delays("Quartz", 100, spread(2_000, 40_000, 400)),
                new PlotSeries.Delays("Baton", 1_000, spread(300, 5_000, 4_000)),
                new PlotSeries.Delays("Quartz", 1_000, spread(-500, 90_000, 4_000))));
        Path file = dir.resolve(PlotWriter.LATENCY_FILE);

        PlotWriter.writeLatency(panels, file);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(PlotWriter.WIDTH);
        assertThat(image.getHeight()).isEqualTo(PlotWriter.latencyHeight(2)).isEqualTo(2 * PlotWriter.PANEL_HEIGHT + PlotWriter.LATENCY_FRAME_HEIGHT);
        assertThat(distinctColours(image)).isGreaterThan(10);
        assertThat(bluish(image)).as("pixels of the first system's (blue) curves").isGreaterThan(500);
        assertThat(orangish(image)).as("pixels of the second system's (orange) curves").isGreaterThan(500);
    }

    @Test
    void theThroughputPlotDrawsEverySystemsCompletionsOverTime(@TempDir Path dir) throws IOException {
        List<PlotSeries.Curve> curves = PlotSeries.throughputCurves(List.of(
                new PlotSeries.Completions("Baton", List.of(1_200L, 4_800L, 5_100L, 4_900L, 700L)),
                new PlotSeries.Completions("Quartz", List.of(100L, 180L, 210L, 190L, 200L, 220L, 160L, 90L))));
        Path file = dir.resolve(PlotWriter.THROUGHPUT_FILE);

        PlotWriter.writeThroughput(curves, file);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(PlotWriter.WIDTH);
        assertThat(image.getHeight()).isEqualTo(PlotWriter.THROUGHPUT_HEIGHT);
        assertThat(distinctColours(image)).isGreaterThan(10);
        assertThat(bluish(image)).isGreaterThan(300);
        assertThat(orangish(image)).isGreaterThan(300);
    }

    @Test
    void withoutDataBothPlotsAreStillWrittenAndSayNothingWasMeasured(@TempDir Path dir) throws IOException {
        PlotWriter.writeLatency(List.of(), dir.resolve("l.png"));
        PlotWriter.writeThroughput(List.of(), dir.resolve("t.png"));

        BufferedImage latency = ImageIO.read(dir.resolve("l.png").toFile());
        BufferedImage throughput = ImageIO.read(dir.resolve("t.png").toFile());
        assertThat(latency.getHeight()).isEqualTo(PlotWriter.latencyHeight(1));
        assertThat(throughput.getHeight()).isEqualTo(PlotWriter.THROUGHPUT_HEIGHT);
        assertThat(distinctColours(latency)).isGreaterThan(1); // title, axes and the message
        assertThat(bluish(latency)).isZero();
        assertThat(bluish(throughput)).isZero();
    }

    /** {@code n} delays from {@code low} to {@code high} µs, denser at the low end. */
    private static long[] spread(long low, long high, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            double q = (double) i / (n - 1);
            out[i] = low + Math.round((high - low) * q * q * q * q);
        }
        return out;
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) for (int x = 0; x < image.getWidth(); x++) colours.add(image.getRGB(x, y));
        return colours.size();
    }

    /** Pixels clearly blue (the first system's colour, also blended on white by anti-aliasing). */
    private static long bluish(BufferedImage image) {
        return count(image, (r, g, b) -> b - r > 80 && b - g > 30);
    }

    /** Pixels clearly orange (the second system's colour). */
    private static long orangish(BufferedImage image) {
        return count(image, (r, g, b) -> r - b > 80 && g - b > 40 && r > g);
    }

    private interface Rgb {
        boolean test(int r, int g, int b);
    }

    private static long count(BufferedImage image, Rgb test) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if (test.test((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff)) n++;
            }
        }
        return n;
    }
}
