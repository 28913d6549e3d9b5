package io.baton.bench.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.DoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws {@link PlotSeries}' curves as PNG files with JFreeChart, headless: {@link #LATENCY_FILE} (one panel
 * per fire rate, the percentile axis shared, each with its own legend) and {@link #THROUGHPUT_FILE}. Each
 * system keeps its colour in both plots, by the order in which it first appears. Decides nothing about the
 * data, only how it looks.
 */
public final class PlotWriter {
    public static final String LATENCY_FILE = "latency.png";
    public static final String THROUGHPUT_FILE = "throughput.png";
    public static final int WIDTH = 1000;
    /** The latency plot's height: this per panel (fire rate), plus {@link #LATENCY_FRAME_HEIGHT}. */
    public static final int PANEL_HEIGHT = 280;
    /** Title and shared axis of the latency plot. */
    public static final int LATENCY_FRAME_HEIGHT = 130;
    public static final int THROUGHPUT_HEIGHT = 520;

    /** Colour-blind-safe colours (Okabe–Ito), one per system in order of appearance, then again. */
    private static final List<Color> PALETTE = List.of(new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73),
            new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xD55E00));
    private static final BasicStroke LINE = new BasicStroke(2f);
    private static final Color GRID = new Color(0xD0D0D0);

    private PlotWriter() {}

    /** The latency plot's height for {@code panels} fire rates (one panel, saying there is no data, when none). */
    public static int latencyHeight(int panels) {
        return LATENCY_FRAME_HEIGHT + PANEL_HEIGHT * Math.max(1, panels);
    }

    /** Writes the percentile curves, one panel per fire rate, to {@code file}. */
    public static void writeLatency(List<PlotSeries.Panel> panels, Path file) throws IOException {
        useHeadlessAwt();
        LogAxis percentiles = new LogAxis("percentile of the fires (axis: 1 / (1 − p), log scale)");
        percentiles.setNumberFormatOverride(new LabelFormat(x -> x < 1 ? "" : PlotSeries.percentileLabel(x)));
        percentiles.setTickUnit(new NumberTickUnit(1)); // one decade a tick: 0%, 90%, 99%, 99.9%
        percentiles.setRange(1, PlotSeries.nines(PlotSeries.TOP_PERCENTILE));
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(percentiles);
        plot.setGap(14);
        List<String> systems = systems(panels.stream().flatMap(p -> p.curves().stream()).toList());
        for (PlotSeries.Panel panel : panels) {
            LogAxis delay = new LogAxis(String.format(Locale.ROOT, "delay at %,d fires/s (ms)", panel.fireRate()));
            delay.setNumberFormatOverride(new LabelFormat(PlotSeries::axisNumber));
            delay.setSmallestValue(PlotSeries.FLOOR_MICROS / 1000.0);
            delay.setUpperMargin(0.2); // room for the legend above the curves
            XYPlot sub = xyPlot(panel.curves(), delay, new XYLineAndShapeRenderer(true, false), systems);
            sub.addAnnotation(legendInside(sub)); // each panel's own: its curves' labels hold their n
            plot.add(sub);
        }
        if (panels.isEmpty()) plot.add(emptyPlot("no fire → start delays measured"));
        write(new JFreeChart("Fire → shard start delay by percentile, per fire rate", JFreeChart.DEFAULT_TITLE_FONT, plot, false),
                file, latencyHeight(panels.size()));
    }

    /** Writes the throughput curves (completed shards per second, per 100 ms bucket, over time) to {@code file}. */
    public static void writeThroughput(List<PlotSeries.Curve> curves, Path file) throws IOException {
        useHeadlessAwt();
        NumberAxis time = new NumberAxis("time since the system's first completion (s)");
        NumberAxis rate = new NumberAxis("completed shards per second (100 ms buckets)");
        rate.setNumberFormatOverride(new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        XYPlot plot = xyPlot(curves, rate, new XYStepRenderer(), systems(curves));
        plot.setDomainAxis(time);
        plot.setNoDataMessage("no completions measured");
        write(new JFreeChart("Throughput: completed shards over time", JFreeChart.DEFAULT_TITLE_FONT, plot, true), file, THROUGHPUT_HEIGHT);
    }

    /**
     * Charts are drawn off-screen into an image: no display is needed, nor looked for. AWT reads the property
     * once, when the graphics environment is first asked for: before that, which drawing a chart does.
     */
    private static void useHeadlessAwt() {
        System.setProperty("java.awt.headless", "true");
    }

    private static XYPlot xyPlot(List<PlotSeries.Curve> curves, ValueAxis rangeAxis, XYItemRenderer renderer,
                                 List<String> systems) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int i = 0; i < curves.size(); i++) {
            PlotSeries.Curve curve = curves.get(i);
            XYSeries series = new XYSeries(curve.label(), false, true);
            for (PlotSeries.Point p : curve.points()) series.add(p.x(), p.y());
            data.addSeries(series);
            renderer.setSeriesPaint(i, colour(systems, curve.system()));
            renderer.setSeriesStroke(i, LINE);
        }
        XYPlot plot = new XYPlot(data, null, rangeAxis, renderer);
        style(plot);
        return plot;
    }

    private static XYPlot emptyPlot(String message) {
        XYPlot plot = new XYPlot(new XYSeriesCollection(), null, new NumberAxis(), new XYLineAndShapeRenderer());
        plot.setNoDataMessage(message);
        style(plot);
        return plot;
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
    }

    private static List<String> systems(List<PlotSeries.Curve> curves) {
        Set<String> names = new LinkedHashSet<>();
        for (PlotSeries.Curve c : curves) names.add(c.system());
        return new ArrayList<>(names);
    }

    private static Paint colour(List<String> systems, String system) {
        return PALETTE.get(systems.indexOf(system) % PALETTE.size());
    }

    /** The panel's legend, top left, in the room the delay axis' upper margin leaves above the curves. */
    private static XYTitleAnnotation legendInside(XYPlot plot) {
        LegendTitle legend = new LegendTitle(plot);
        legend.setBackgroundPaint(new Color(255, 255, 255, 220));
        legend.setFrame(new BlockBorder(GRID));
        return new XYTitleAnnotation(0.0, 0.98, legend, RectangleAnchor.TOP_LEFT);
    }

    private static void write(JFreeChart chart, Path file, int height) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(4, 8, 4, 24)); // the last tick label (99.9%) sits on the right edge
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, height);
    }

    /** Tick labels of a log axis, from a function of the tick's value (formatting only: labels are never parsed). */
    private static final class LabelFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;
        private final transient DoubleFunction<String> label;

        LabelFormat(DoubleFunction<String> label) {
            this.label = label;
        }

        @Override
        public StringBuffer format(double number, StringBuffer toAppendTo, FieldPosition pos) {
            return toAppendTo.append(label.apply(number));
        }

        @Override
        public StringBuffer format(long number, StringBuffer toAppendTo, FieldPosition pos) {
            return format((double) number, toAppendTo, pos);
        }

        @Override
        public Number parse(String source, ParsePosition parsePosition) {
            return null;
        }
    }
}
