package io.baton.bench.plot;

import io.baton.bench.macro.MacroFigures;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * The points of the report's plots, computed from the raw measurements. Pure.
 *
 * <p>Latency is drawn as a percentile curve: for percentile p, the nearest-rank delay (ms). The x axis is
 * {@code 1 / (1 − p/100)} on a log scale ("nines": 1 at p0, 10 at p90, 100 at p99, 1,000 at p99.9), so the
 * tail gets as much room as the median. The y axis is logarithmic too, so a delay below
 * {@link #FLOOR_MICROS} (a peer can fire a little early: a negative delay) is drawn at that floor.
 *
 * <p>Throughput is drawn as completed shards per second in each 100 ms bucket, from the first completion on.
 */
public final class PlotSeries {
    /** The highest percentile drawn. */
    public static final double TOP_PERCENTILE = 99.9;
    /** Points per percentile curve. */
    public static final int CURVE_POINTS = 200;
    /** Delays below this are drawn at it (a log axis holds no zero or negative value). */
    public static final long FLOOR_MICROS = 1;
    /** Width of a throughput bucket, as {@link MacroFigures#series} counts them. */
    public static final long BUCKET_MILLIS = 100;

    private PlotSeries() {}

    /** One point of a plot. */
    public record Point(double x, double y) {}

    /** One line of a plot: the system it belongs to (one colour per system), its legend label, its points. */
    public record Curve(String system, String label, List<Point> points) {
        public Curve {
            points = List.copyOf(points);
        }
    }

    /** The curves of one fire rate: one panel of the latency plot. */
    public record Panel(int fireRate, List<Curve> curves) {
        public Panel {
            curves = List.copyOf(curves);
        }
    }

    /** The fire → start delays (µs) one system measured at one fire rate. */
    public record Delays(String system, int fireRate, long[] micros) {
        public Delays {
            micros = micros.clone();
        }
    }

    /** The shards one system completed per 100 ms bucket, from its first completion on. */
    public record Completions(String system, List<Long> per100ms) {
        public Completions {
            per100ms = List.copyOf(per100ms);
        }
    }

    /** The x coordinate of percentile {@code p} (0 ≤ p < 100): {@code 1 / (1 − p/100)}. */
    public static double nines(double percentile) {
        if (percentile < 0 || percentile >= 100) throw new IllegalArgumentException("percentile must be in [0, 100): " + percentile);
        return 100 / (100 - percentile);
    }

    /** The percentile at x coordinate {@code nines} (≥ 1), as an axis label: "0%", "90%", "99.9%". */
    public static String percentileLabel(double nines) {
        if (nines < 1) throw new IllegalArgumentException("the nines coordinate starts at 1: " + nines);
        double percentile = 100 - 100 / nines;
        if (percentile < 1e-9) return "0%";
        // enough significant digits to tell 99.9 from 99.99, none of the binary noise
        String digits = new BigDecimal(percentile).round(new MathContext(6)).stripTrailingZeros().toPlainString();
        return digits + "%";
    }

    /**
     * A delay axis label: two significant digits, thousands grouped ("0.032", "1.6", "63", "3,200"). A log
     * axis ticks at powers of 10^k for a k of its choosing; so rounded they are the preferred numbers 1, 1.6,
     * 2.5, 4, 6.3, 10 or 1, 3.2, 10.
     */
    public static String axisNumber(double value) {
        if (value == 0) return "0";
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(2)).stripTrailingZeros();
        if (rounded.abs().compareTo(BigDecimal.valueOf(1_000)) >= 0) return String.format(Locale.ROOT, "%,d", rounded.longValue());
        return rounded.toPlainString();
    }

    /**
     * {@code points} points of the percentile curve of {@code delaysMicros}, evenly spaced on the nines axis
     * from p0 to {@link #TOP_PERCENTILE}: x in nines, y the nearest-rank delay in ms (floored at
     * {@link #FLOOR_MICROS}). Empty when there are no delays.
     */
    public static List<Point> percentileCurve(long[] delaysMicros, int points) {
        if (points < 2) throw new IllegalArgumentException("a curve needs at least 2 points: " + points);
        List<Point> out = new ArrayList<>();
        if (delaysMicros.length == 0) return out;
        long[] sorted = delaysMicros.clone();
        Arrays.sort(sorted);
        double topLog = Math.log10(nines(TOP_PERCENTILE));
        for (int i = 0; i < points; i++) {
            boolean last = i == points - 1;
            double x = last ? nines(TOP_PERCENTILE) : Math.pow(10, topLog * i / (points - 1));
            double percentile = last ? TOP_PERCENTILE : 100 - 100 / x;
            long micros = MacroFigures.percentileOfSorted(sorted, percentile);
            out.add(new Point(x, Math.max(FLOOR_MICROS, micros) / 1000.0));
        }
        return out;
    }

    /**
     * The latency plot's panels: one per fire rate, ascending, each with the curve of every system measured at
     * that rate (in the order given) that has delays, labelled with the system and how many delays it drew on.
     */
    public static List<Panel> latencyPanels(List<Delays> measured) {
        TreeMap<Integer, List<Curve>> byRate = new TreeMap<>();
        for (Delays d : measured) {
            if (d.micros().length == 0) continue;
            String label = String.format(Locale.ROOT, "%s (n=%,d)", d.system(), d.micros().length);
            byRate.computeIfAbsent(d.fireRate(), r -> new ArrayList<>())
                    .add(new Curve(d.system(), label, percentileCurve(d.micros(), CURVE_POINTS)));
        }
        List<Panel> panels = new ArrayList<>();
        byRate.forEach((rate, curves) -> panels.add(new Panel(rate, curves)));
        return panels;
    }

    /**
     * The throughput curve of one series of completions per {@link #BUCKET_MILLIS}: x the bucket's start in
     * seconds since the first completion, y shards per second in that bucket; a last point at the end of the
     * last bucket, so a step line draws every bucket over its whole width. Empty when there are no buckets.
     */
    public static List<Point> throughputCurve(List<Long> per100ms) {
        List<Point> out = new ArrayList<>();
        if (per100ms.isEmpty()) return out;
        double perSecond = 1000.0 / BUCKET_MILLIS;
        for (int i = 0; i < per100ms.size(); i++) out.add(new Point(i * BUCKET_MILLIS / 1000.0, per100ms.get(i) * perSecond));
        out.add(new Point(per100ms.size() * BUCKET_MILLIS / 1000.0, per100ms.get(per100ms.size() - 1) * perSecond));
        return out;
    }

    /** The throughput plot's curves, one per system with completions (in the order given), labelled with the shard count. */
    public static List<Curve> throughputCurves(List<Completions> measured) {
        List<Curve> curves = new ArrayList<>();
        for (Completions c : measured) {
            long shards = c.per100ms().stream().mapToLong(Long::longValue).sum();
            if (shards == 0) continue;
            curves.add(new Curve(c.system(), String.format(Locale.ROOT, "%s (%,d shards)", c.system(), shards), throughputCurve(c.per100ms())));
        }
        return curves;
    }
}
