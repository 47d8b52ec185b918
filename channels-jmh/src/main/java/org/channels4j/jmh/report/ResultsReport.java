package org.channels4j.jmh.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Turns JMH result files ({@code -rf json}), and the Go program's file in the same format, into
 * {@code results.md} (Markdown tables) and one PNG per throughput figure: messages per
 * microsecond against the producer count, one line per implementation, one panel per capacity.
 *
 * <pre>
 * java -cp channels-jmh/target/benchmarks.jar org.channels4j.jmh.report.ResultsReport \
 *     OUT_DIR result.json [more.json ...]
 * </pre>
 *
 * Throughput rows are those of {@code GroupThroughput.transfer} (its {@code take} score: the
 * messages received) and {@code BatchThroughput.transfer} (Go's rows carry
 * {@code threads=goroutines} and join the virtual-thread figure). Every other row goes to one
 * table with its score, error, p50/p99 for sampled latencies and B/op when run with
 * {@code -prof gc}.
 */
public final class ResultsReport {
    private static final List<String> CAPACITY_ORDER = List.of("0", "1", "16", "1024", "unbounded");
    private static final int PANEL_WIDTH = 560;
    private static final int PANEL_HEIGHT = 300;
    private static final int PANELS_PER_ROW = 2;
    /** One color and marker per implementation in every panel; channels4j always gets the first. */
    private static final List<Color> COLORS = List.of(new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
            new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf));
    private static final List<Marker> MARKERS = List.of(SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND,
            SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS,
            SeriesMarkers.OVAL, SeriesMarkers.PLUS, SeriesMarkers.TRAPEZOID, SeriesMarkers.RECTANGLE);

    private ResultsReport() {
    }

    /** One benchmark result: a JMH row, or a Go row in JMH's shape. */
    record Row(String benchmark, String mode, Map<String, String> params, double score, double error,
               String unit, Map<String, Metric> secondary, Map<String, Double> percentiles) {

        String param(String name) {
            return params.getOrDefault(name, "");
        }

        /** "GroupThroughput.transfer" from "org.channels4j.jmh.GroupThroughput.transfer". */
        String shortName() {
            String[] parts = benchmark.split("\\.");
            return parts.length < 2 ? benchmark : parts[parts.length - 2] + "." + parts[parts.length - 1];
        }
    }

    /** A secondary result: one method of a group, or a profiler's figure such as B/op. */
    record Metric(double score, double error) {
    }

    /** A point of a throughput figure. */
    record Point(String figure, String capacity, String series, int producers, double score, double error) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ResultsReport OUT_DIR result.json [more.json ...]");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        List<Row> rows = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            Path file = Path.of(args[i]);
            rows.addAll(read(file));
            sources.add(file.getFileName().toString());
        }
        String markdown = render(rows, sources, out);
        Files.writeString(out.resolve("results.md"), markdown);
        System.out.print(markdown);
    }

    static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(Files.readString(file)).getAsJsonArray()) {
            JsonObject o = e.getAsJsonObject();
            Map<String, String> params = new TreeMap<>();
            if (o.has("params")) {
                o.getAsJsonObject("params").entrySet().forEach(p -> params.put(p.getKey(), p.getValue().getAsString()));
            }
            JsonObject primary = o.getAsJsonObject("primaryMetric");
            Map<String, Double> percentiles = new LinkedHashMap<>();
            // Only SampleTime percentiles are of single operations; the others' are of iterations.
            if (o.get("mode").getAsString().equals("sample") && primary.has("scorePercentiles")) {
                primary.getAsJsonObject("scorePercentiles").entrySet()
                        .forEach(p -> percentiles.put(p.getKey(), number(p.getValue())));
            }
            Map<String, Metric> secondary = new LinkedHashMap<>();
            if (o.has("secondaryMetrics")) {
                o.getAsJsonObject("secondaryMetrics").entrySet().forEach(m -> {
                    JsonObject metric = m.getValue().getAsJsonObject();
                    secondary.put(m.getKey(),
                            new Metric(number(metric.get("score")), number(metric.get("scoreError"))));
                });
            }
            rows.add(new Row(o.get("benchmark").getAsString(), o.get("mode").getAsString(), params,
                    number(primary.get("score")), number(primary.get("scoreError")),
                    primary.get("scoreUnit").getAsString(), secondary, percentiles));
        }
        return rows;
    }

    /** JMH writes NaN and infinities as strings. */
    private static double number(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return Double.NaN;
        }
        String s = e.getAsString();
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "+INF" -> Double.POSITIVE_INFINITY;
            case "-INF" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** The throughput point of a row, or null if the row is not a throughput row. */
    static Point throughputPoint(Row r) {
        String name = r.shortName();
        if (name.equals("GroupThroughput.transfer")) {
            int p = Integer.parseInt(r.param("producers"));
            int c = Integer.parseInt(r.param("consumers"));
            Metric take = r.secondary().get("take");
            if (take == null) {
                return null;
            }
            return new Point("group, platform threads, " + shape(p, c), r.param("capacity"), r.param("impl"), p,
                    take.score(), take.error());
        }
        if (name.equals("BatchThroughput.transfer")) {
            String threads = r.param("threads");
            boolean goroutines = threads.equals("goroutines");
            String figure = "batch, " + (goroutines ? "virtual" : threads) + " threads, " + r.param("shape");
            String series = goroutines ? r.param("impl") + " (goroutines)" : r.param("impl");
            return new Point(figure, r.param("capacity"), series, Integer.parseInt(r.param("producers")),
                    r.score(), r.error());
        }
        return null;
    }

    private static String shape(int producers, int consumers) {
        return consumers == 1 ? "mpsc" : consumers == producers ? "mpmc" : producers + "x" + consumers;
    }

    static String render(List<Row> rows, List<String> sources, Path out) throws IOException {
        StringWriter text = new StringWriter();
        PrintWriter md = new PrintWriter(text);
        md.println("# channels4j benchmark results");
        md.println();
        md.println("Generated by `org.channels4j.jmh.report.ResultsReport` from " + sources.size()
                + " result files. Scores are `mean ± 99.9% confidence half-width` as JMH reports them.");

        List<Point> points = rows.stream().map(ResultsReport::throughputPoint).filter(p -> p != null).toList();
        List<String> seriesOrder = points.stream().map(Point::series).distinct()
                .sorted(Comparator.comparing((String n) -> !n.startsWith("channels4j")).thenComparing(n -> n))
                .toList();
        Map<String, List<Point>> figures = points.stream()
                .collect(Collectors.groupingBy(Point::figure, TreeMap::new, Collectors.toList()));
        if (!figures.isEmpty()) {
            md.println();
            md.println("## Throughput: messages per microsecond (higher is better)");
        }
        for (Map.Entry<String, List<Point>> figure : figures.entrySet()) {
            String png = "throughput-" + figure.getKey().replaceAll("[^a-z0-9]+", "-") + ".png";
            drawFigure(figure.getKey(), figure.getValue(), seriesOrder, out.resolve(png));
            md.println();
            md.println("### " + figure.getKey());
            md.println();
            throughputTable(md, figure.getValue());
            md.println();
            md.println("![" + figure.getKey() + "](" + png + ")");
        }

        List<Row> others = rows.stream().filter(r -> throughputPoint(r) == null)
                .sorted(Comparator.comparing(Row::shortName).thenComparing(r -> r.params().toString()))
                .toList();
        if (!others.isEmpty()) {
            md.println();
            md.println("## Latency, cost and the padding ablation");
            md.println();
            md.println("| benchmark | params | score | unit | p50 | p99 | B/op |");
            md.println("|---|---|---:|---|---:|---:|---:|");
            for (Row r : others) {
                md.println("| " + r.shortName() + " | " + paramsText(r) + " | " + scoreText(r.score(), r.error())
                        + " | " + r.unit() + " | " + format(r.percentiles().get("50.0")) + " | "
                        + format(r.percentiles().get("99.0")) + " | "
                        + format(bytesPerOp(r)) + " |");
            }
        }
        md.flush();
        return text.toString();
    }

    /** Params that tell rows apart, "impl=jox capacity=16"; group rows also name their poll/take score. */
    private static String paramsText(Row r) {
        String params = r.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        for (String consumerSide : List.of("take", "poll")) {
            Metric side = r.secondary().get(consumerSide);
            if (side != null) {
                params += " (" + consumerSide + ": " + scoreText(side.score(), side.error()) + " " + r.unit() + ")";
            }
        }
        return params;
    }

    private static Double bytesPerOp(Row r) {
        Metric m = r.secondary().get("gc.alloc.rate.norm");
        return m == null ? null : m.score();
    }

    private static void throughputTable(PrintWriter md, List<Point> points) {
        TreeSet<Integer> producers = points.stream().map(Point::producers)
                .collect(Collectors.toCollection(TreeSet::new));
        md.print("| capacity | impl |");
        producers.forEach(p -> md.print(" P=" + p + " |"));
        md.println();
        md.print("|---|---|");
        producers.forEach(p -> md.print("---:|"));
        md.println();
        Map<String, Map<String, Map<Integer, Point>>> byCapacity = new TreeMap<>(capacityOrder());
        for (Point p : points) {
            byCapacity.computeIfAbsent(p.capacity(), k -> new TreeMap<>())
                    .computeIfAbsent(p.series(), k -> new TreeMap<>()).put(p.producers(), p);
        }
        byCapacity.forEach((capacity, series) -> series.forEach((name, byP) -> {
            md.print("| " + capacity + " | " + name + " |");
            for (int p : producers) {
                Point point = byP.get(p);
                md.print(" " + (point == null ? "" : scoreText(point.score(), point.error())) + " |");
            }
            md.println();
        }));
    }

    private static void drawFigure(String title, List<Point> points, List<String> seriesOrder, Path png)
            throws IOException {
        Map<String, List<Point>> byCapacity = points.stream()
                .collect(Collectors.groupingBy(Point::capacity, () -> new TreeMap<>(capacityOrder()),
                        Collectors.toList()));
        List<XYChart> panels = new ArrayList<>();
        for (Map.Entry<String, List<Point>> capacity : byCapacity.entrySet()) {
            XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                    .title("capacity " + capacity.getKey() + " (" + title + ")")
                    .xAxisTitle("producers").yAxisTitle("messages / us").build();
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            chart.getStyler().setXAxisDecimalPattern("#");
            chart.getStyler().setYAxisDecimalPattern("0.###");
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(12f));
            Map<String, List<Point>> series = capacity.getValue().stream()
                    .collect(Collectors.groupingBy(Point::series, TreeMap::new, Collectors.toList()));
            series.forEach((name, ps) -> {
                List<Point> sorted = ps.stream().sorted(Comparator.comparingInt(Point::producers)).toList();
                XYSeries line = chart.addSeries(name, sorted.stream().map(Point::producers).toList(),
                        sorted.stream().map(Point::score).toList());
                int i = seriesOrder.indexOf(name);
                line.setLineColor(COLORS.get(i % COLORS.size()));
                line.setMarkerColor(COLORS.get(i % COLORS.size()));
                line.setMarker(MARKERS.get(i % MARKERS.size()));
            });
            panels.add(chart);
        }
        int cols = Math.min(PANELS_PER_ROW, panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        BitmapEncoder.saveBitmap(panels, rows, cols, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** 0, 1, 16, 1024, unbounded, then anything else by name. */
    private static Comparator<String> capacityOrder() {
        return Comparator.comparingInt((String c) -> {
            int i = CAPACITY_ORDER.indexOf(c);
            return i < 0 ? CAPACITY_ORDER.size() : i;
        }).thenComparing(Comparator.naturalOrder());
    }

    private static String scoreText(double score, double error) {
        return Double.isNaN(error) ? format(score) : format(score) + " ± " + format(error);
    }

    /** Three significant digits, no exponent for the values benchmarks produce. */
    static String format(Double v) {
        if (v == null || v.isNaN()) {
            return "";
        }
        double a = Math.abs(v);
        String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }
}
