package io.baton.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * JMH's JSON results turned into rows, and the rows into the Markdown and CSV of the report, with each
 * Baton figure set against its peer from the same run (a ratio) and against its target. Pure.
 */
public final class MicroResults {
    /** One benchmark method's result: {@code name} is {@code Class.method}, params as JMH printed them. */
    public record Row(String name, Map<String, String> params, double score, double error, String unit) {}

    /** Baton's {@code subject} against {@code peer} (both {@code Class.method}), and a floor for the subject. */
    public record Comparison(String subject, String peer, String what, Optional<Double> target) {}

    /** What the report compares; targets from the benchmark issue where it sets one. */
    public static final List<Comparison> COMPARISONS = List.of(
            new Comparison("NextFireBenchmark.nextFireOfEveryJob", "NextFireBenchmark.quartzDirect",
                    "next fire of a cron job (100k jobs)", Optional.of(1_000_000.0)),
            new Comparison("NextFireBenchmark.nextFireSpread", "NextFireBenchmark.quartzDirect",
                    "next fire, jobs asking after instants of their own (100k jobs)", Optional.empty()),
            new Comparison("FrameCodecBenchmark.roundTrip", "FrameCodecBenchmark.protobufOnly",
                    "assign-shard message encoded + decoded", Optional.empty()),
            new Comparison("PlacementBenchmark.placeRun", null, "shards placed, runs of 10,000 shards on 1,000 workers",
                    Optional.empty()));

    private MicroResults() {}

    /** The rows of a JMH JSON result file (an array of benchmark results). */
    public static List<Row> parse(JsonNode results) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode r : results) {
            String full = r.path("benchmark").asText();
            int method = full.lastIndexOf('.');
            int cls = full.lastIndexOf('.', method - 1);
            Map<String, String> params = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = r.path("params").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                params.put(e.getKey(), e.getValue().asText());
            }
            JsonNode metric = r.path("primaryMetric");
            double error = metric.path("scoreError").asDouble(Double.NaN);
            rows.add(new Row(full.substring(cls + 1), params, metric.path("score").asDouble(), error, metric.path("scoreUnit").asText()));
        }
        return rows;
    }

    public static Optional<Row> find(List<Row> rows, String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** Every row as CSV: benchmark, params, score, error, unit. */
    public static String csv(List<Row> rows) {
        StringBuilder out = new StringBuilder("benchmark,params,score,error,unit\n");
        for (Row r : rows) {
            out.append(r.name()).append(',').append(csvField(params(r))).append(',').append(number(r.score())).append(',')
                    .append(Double.isNaN(r.error()) ? "" : number(r.error())).append(',').append(r.unit()).append('\n');
        }
        return out.toString();
    }

    /** The Markdown section: the comparisons first, then every row. */
    public static String markdown(List<Row> rows) {
        StringBuilder md = new StringBuilder("## Micro-benchmarks (JMH)\n\n");
        md.append("| what | Baton | peer | Baton / peer | target | met |\n|---|---|---|---|---|---|\n");
        for (Comparison c : COMPARISONS) {
            Optional<Row> subject = find(rows, c.subject());
            if (subject.isEmpty()) continue;
            Optional<Row> peer = c.peer() == null ? Optional.empty() : find(rows, c.peer());
            String ratio = peer.map(p -> String.format(Locale.ROOT, "%.2f", subject.get().score() / p.score())).orElse("—");
            String target = c.target().map(t -> "≥ " + human(t) + " " + subject.get().unit()).orElse("—");
            String met = c.target().map(t -> subject.get().score() >= t ? "yes" : "**no**").orElse("—");
            md.append("| ").append(c.what()).append(" (`").append(c.subject()).append("`) | ").append(scored(subject.get()))
                    .append(" | ").append(peer.map(p -> scored(p) + " (`" + p.name() + "`)").orElse("—")).append(" | ")
                    .append(ratio).append(" | ").append(target).append(" | ").append(met).append(" |\n");
        }
        md.append("\n| benchmark | params | score | ± | unit |\n|---|---|---|---|---|\n");
        for (Row r : rows) {
            md.append("| `").append(r.name()).append("` | ").append(params(r).isEmpty() ? "—" : params(r)).append(" | ")
                    .append(human(r.score())).append(" | ").append(Double.isNaN(r.error()) ? "—" : human(r.error()))
                    .append(" | ").append(r.unit()).append(" |\n");
        }
        return md.toString();
    }

    /** A score with thousands separators and no more than 3 significant decimals. */
    static String human(double value) {
        if (Math.abs(value) >= 100) return String.format(Locale.ROOT, "%,.0f", value);
        return String.format(Locale.ROOT, "%.3g", value);
    }

    private static String scored(Row r) {
        return human(r.score()) + " " + r.unit();
    }

    private static String params(Row r) {
        StringBuilder out = new StringBuilder();
        r.params().forEach((k, v) -> out.append(out.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return out.toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String csvField(String value) {
        return value.contains(",") || value.contains("\"") ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
