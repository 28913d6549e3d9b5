package io.baton.bench.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The points of the report's plots, from raw delays and completion counts. */
class PlotSeriesTest {
    private static final double EPSILON = 1e-9;

    @Test
    void theNinesAxisPutsEachDecadeOfTheTailOneDecadeFurther() {
        assertThat(PlotSeries.nines(0)).isEqualTo(1.0);
        assertThat(PlotSeries.nines(50)).isCloseTo(2, within(EPSILON));
        assertThat(PlotSeries.nines(90)).isCloseTo(10, within(EPSILON));
        assertThat(PlotSeries.nines(99)).isCloseTo(100, within(EPSILON));
        assertThat(PlotSeries.nines(99.9)).isCloseTo(1_000, within(1e-6));
        assertThatThrownBy(() -> PlotSeries.nines(100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PlotSeries.nines(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void axisLabelsAreThePercentilesWithoutBinaryNoise() {
        assertThat(PlotSeries.percentileLabel(1)).isEqualTo("0%");
        assertThat(PlotSeries.percentileLabel(2)).isEqualTo("50%");
        assertThat(PlotSeries.percentileLabel(10)).isEqualTo("90%");
        assertThat(PlotSeries.percentileLabel(100)).isEqualTo("99%");
        assertThat(PlotSeries.percentileLabel(1_000)).isEqualTo("99.9%");
        assertThat(PlotSeries.percentileLabel(PlotSeries.nines(99.9))).isEqualTo("99.9%");
        assertThat(PlotSeries.percentileLabel(10_000)).isEqualTo("99.99%");
        assertThatThrownBy(() -> PlotSeries.percentileLabel(0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void delayAxisLabelsHaveTwoSignificantDigits() {
        assertThat(PlotSeries.axisNumber(Math.pow(10, -1.5))).isEqualTo("0.032");
        assertThat(PlotSeries.axisNumber(Math.pow(10, 0.2))).isEqualTo("1.6");
        assertThat(PlotSeries.axisNumber(Math.pow(10, 0.4))).isEqualTo("2.5");
        assertThat(PlotSeries.axisNumber(1.0)).isEqualTo("1");
        assertThat(PlotSeries.axisNumber(Math.pow(10, 1.8))).isEqualTo("63");
        assertThat(PlotSeries.axisNumber(100.0000001)).isEqualTo("100");
        assertThat(PlotSeries.axisNumber(Math.pow(10, 3.5))).isEqualTo("3,200");
        assertThat(PlotSeries.axisNumber(0)).isEqualTo("0");
    }

    @Test
    void aPercentileCurveGoesFromTheSmallestDelayToP999EvenlyOnTheNinesAxis() {
        long[] delays = new long[1_000]; // 1..1,000 µs, shuffled
        for (int i = 0; i < delays.length; i++) delays[i] = (i * 379L) % 1_000 + 1;

        List<PlotSeries.Point> curve = PlotSeries.percentileCurve(delays, 4);

        // x at 1, 10, 100, 1,000: p0, p90, p99, p99.9; y the nearest-rank delay in ms
        assertThat(curve).hasSize(4);
        assertThat(curve.get(0)).isEqualTo(new PlotSeries.Point(1, 0.001));
        assertThat(curve.get(1).x()).isCloseTo(10, within(1e-6));
        assertThat(curve.get(1).y()).isCloseTo(0.900, within(0.0011));
        assertThat(curve.get(2).x()).isCloseTo(100, within(1e-6));
        assertThat(curve.get(2).y()).isCloseTo(0.990, within(0.0011));
        assertThat(curve.get(3).x()).isEqualTo(PlotSeries.nines(99.9));
        assertThat(curve.get(3).y()).isCloseTo(0.999, within(0.0011));
    }

    @Test
    void aPercentileCurveNeverFallsAndKeepsItsInputUntouched() {
        long[] delays = {5_000, 120, 80, 40_000, 300, 300, 90};
        long[] copy = delays.clone();

        List<PlotSeries.Point> curve = PlotSeries.percentileCurve(delays, PlotSeries.CURVE_POINTS);

        assertThat(curve).hasSize(PlotSeries.CURVE_POINTS);
        for (int i = 1; i < curve.size(); i++) {
            assertThat(curve.get(i).x()).isGreaterThan(curve.get(i - 1).x());
            assertThat(curve.get(i).y()).isGreaterThanOrEqualTo(curve.get(i - 1).y());
        }
        assertThat(curve.get(0).y()).isEqualTo(0.080);
        assertThat(curve.get(curve.size() - 1).y()).isEqualTo(40.0); // p99.9 of 7 delays is the largest
        assertThat(delays).containsExactly(copy);
    }

    @Test
    void delaysBelowTheFloorAreDrawnAtItAndNoDelaysDrawNoCurve() {
        List<PlotSeries.Point> curve = PlotSeries.percentileCurve(new long[] {-250, 0, 2_000}, 2);

        assertThat(curve).extracting(PlotSeries.Point::y).containsExactly(PlotSeries.FLOOR_MICROS / 1000.0, 2.0);
        assertThat(PlotSeries.percentileCurve(new long[0], 10)).isEmpty();
        assertThatThrownBy(() -> PlotSeries.percentileCurve(new long[] {1}, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void latencyPanelsAreOnePerRateAscendingWithTheSystemsInTheGivenOrder() {
        List<PlotSeries.Panel> panels = PlotSeries.latencyPanels(List.of(
                new PlotSeries.Delays("Baton", 1_000, new long[] {100, 200, 300}),
                new PlotSeries.Delays("Baton", 100, new long[] {50, 60}),
                new PlotSeries.Delays("Quartz", 1_000, new long[] {9_000}),
                new PlotSeries.Delays("Quartz", 100, new long[0]), // nothing started: no curve
                new PlotSeries.Delays("ElasticJob", 100, new long[] {1_000, 2_000})));

        assertThat(panels).extracting(PlotSeries.Panel::fireRate).containsExactly(100, 1_000);
        assertThat(panels.get(0).curves()).extracting(PlotSeries.Curve::label).containsExactly("Baton (n=2)", "ElasticJob (n=2)");
        assertThat(panels.get(1).curves()).extracting(PlotSeries.Curve::system).containsExactly("Baton", "Quartz");
        assertThat(panels.get(1).curves().get(1).points().get(0).y()).isEqualTo(9.0);
        assertThat(PlotSeries.latencyPanels(List.of())).isEmpty();
    }

    @Test
    void throughputIsShardsPerSecondInEachBucketDrawnOverItsWholeWidth() {
        List<PlotSeries.Point> curve = PlotSeries.throughputCurve(List.of(2L, 0L, 5L));

        assertThat(curve).containsExactly(new PlotSeries.Point(0, 20), new PlotSeries.Point(0.1, 0),
                new PlotSeries.Point(0.2, 50), new PlotSeries.Point(0.3, 50));
        assertThat(PlotSeries.throughputCurve(List.of())).isEmpty();
    }

    @Test
    void throughputCurvesAreLabelledWithTheirShardCountAndEmptyOnesLeftOut() {
        List<PlotSeries.Curve> curves = PlotSeries.throughputCurves(List.of(
                new PlotSeries.Completions("Baton", List.of(1_500L, 2_500L)),
                new PlotSeries.Completions("Quartz", List.of()),
                new PlotSeries.Completions("ElasticJob", List.of(0L, 7L))));

        assertThat(curves).extracting(PlotSeries.Curve::label).containsExactly("Baton (4,000 shards)", "ElasticJob (7 shards)");
        assertThat(curves.get(0).points()).extracting(PlotSeries.Point::y).containsExactly(15_000.0, 25_000.0, 25_000.0);
    }
}
