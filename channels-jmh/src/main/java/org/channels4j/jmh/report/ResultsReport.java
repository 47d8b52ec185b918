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
 *
 * <p>Every figure is printed with the spread of its fork means, {@code 552 ± 31 (forks 1.08×)}:
 * the largest fork's mean over the smallest's, from the raw per-fork data JMH keeps in the JSON
 * (per-iteration scores, or a histogram per iteration for a sampled latency). JMH's interval
 * pools every iteration of every fork and can look tight while the forks disagree; the spread
 * shows a cell that lands in a different mode in a fresh JVM. A figure is marked unreliable
 * ({@value #UNRELIABLE}) when its 99.9% half-width exceeds {@code MAX_RELATIVE_HALF_WIDTH} of its
 * mean, when its fork spread exceeds {@code MAX_FORK_SPREAD}, or when it has no interval at all
 * (a single iteration). Go's rows come from one process: they have no fork spread and are judged
 * by their interval alone.
 *
 * <p>When {@code OUT_DIR} holds bench.sh's {@code probes.txt}, every figure also names the
 * machine's mode while its command ran, {@code (forks 1.08×, near)}: on the 2-vCPU build VM a
 * cache line crosses between the CPUs in about 60 ns for some minutes and 300-600 ns for others,
 * and that moves every blocking figure on two carriers 2-4× (channels-jmh/results/queued-partner).
 */
public final class ResultsReport {
    /** A figure whose 99.9% half-width is more than this fraction of its mean is unreliable. */
    static final double MAX_RELATIVE_HALF_WIDTH = 0.25;
    /** A figure whose fork means differ by more than this factor (max/min) is unreliable. */
    static final double MAX_FORK_SPREAD = 1.3;
    static final String UNRELIABLE = "⚠";
    /** The JVM option that fixes the virtual-thread scheduler's carrier count. */
    static final String CARRIERS_PROPERTY = "-Djdk.virtualThreadScheduler.parallelism=";
    /** bench.sh's record of the machine's mode before each command, in the output directory. */
    static final String PROBES = "probes.txt";
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
    record Row(String benchmark, String mode, Map<String, String> params, Metric primary, String unit,
               Map<String, Metric> secondary, Map<String, Double> percentiles) {

        double score() {
            return primary.score();
        }

        double error() {
            return primary.error();
        }

        String param(String name) {
            return params.getOrDefault(name, "");
        }

        /** "GroupThroughput.transfer" from "org.channels4j.jmh.GroupThroughput.transfer". */
        String shortName() {
            String[] parts = benchmark.split("\\.");
            return parts.length < 2 ? benchmark : parts[parts.length - 2] + "." + parts[parts.length - 1];
        }
    }

    /**
     * A figure: JMH's mean and 99.9% half-width, and the mean of each fork (empty when the file
     * has no raw data; one element for Go's single process).
     */
    record Metric(double score, double error, List<Double> forkMeans, String machine) {

        Metric(double score, double error, List<Double> forkMeans) {
            this(score, error, forkMeans, "");
        }

        /** The largest fork mean over the smallest; NaN with fewer than two forks. */
        double forkSpread() {
            if (forkMeans.size() < 2) {
                return Double.NaN;
            }
            double min = forkMeans.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double max = forkMeans.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            return min > 0 ? max / min : Double.POSITIVE_INFINITY;
        }

        /** Too wide an interval, no interval at all, or forks that disagree. */
        boolean unreliable() {
            boolean wide = !(Math.abs(error) <= MAX_RELATIVE_HALF_WIDTH * Math.abs(score)); // NaN too
            double spread = forkSpread();
            return wide || (!Double.isNaN(spread) && !(spread <= MAX_FORK_SPREAD));
        }

        /** "552 ± 31 (forks 1.08×, near)", with the mark if unreliable. */
        String text() {
            String text = Double.isNaN(error) ? format(score) : format(score) + " ± " + format(error);
            List<String> notes = new ArrayList<>();
            double spread = forkSpread();
            if (!Double.isNaN(spread)) {
                notes.add(Double.isInfinite(spread) ? "forks ∞×" : String.format(Locale.ROOT, "forks %.2f×", spread));
            }
            if (!machine.isEmpty()) {
                notes.add(machine);
            }
            if (!notes.isEmpty()) {
                text += " (" + String.join(", ", notes) + ")";
            }
            return unreliable() ? text + " " + UNRELIABLE : text;
        }
    }

    /** A point of a throughput figure. */
    record Point(String figure, String capacity, String series, int producers, Metric metric) {

        double score() {
            return metric.score();
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ResultsReport OUT_DIR result.json [more.json ...]");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Path probes = out.resolve(PROBES);
        Map<String, String> modes = Files.exists(probes) ? modes(Files.readAllLines(probes)) : Map.of();
        List<Row> rows = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            Path file = Path.of(args[i]);
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            rows.addAll(read(file, modes.getOrDefault(name, "")));
            sources.add(file.getFileName().toString());
        }
        String markdown = render(rows, sources, out);
        Files.writeString(out.resolve("results.md"), markdown);
        System.out.print(markdown);
    }

    static List<Row> read(Path file) throws IOException {
        return read(file, "");
    }

    /**
     * The rows of one result file, each figure labelled with {@code machine}, the machine's mode
     * while its command ran (see {@link #modes}); left out on a row with one carrier, which has
     * no traffic between cores for the mode to change.
     */
    static List<Row> read(Path file, String machine) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(Files.readString(file)).getAsJsonArray()) {
            JsonObject o = e.getAsJsonObject();
            Map<String, String> params = new TreeMap<>();
            if (o.has("params")) {
                o.getAsJsonObject("params").entrySet().forEach(p -> params.put(p.getKey(), p.getValue().getAsString()));
            }
            // a run with a fixed carrier count (-jvmArgsAppend) is another cell: say so in its params
            if (o.has("jvmArgs")) {
                for (JsonElement arg : o.getAsJsonArray("jvmArgs")) {
                    String a = arg.getAsString();
                    if (a.startsWith(CARRIERS_PROPERTY)) {
                        params.put("carriers", a.substring(CARRIERS_PROPERTY.length()));
                    }
                }
            }
            String mode = params.getOrDefault("carriers", "").equals("1") ? "" : machine;
            JsonObject primary = o.getAsJsonObject("primaryMetric");
            Map<String, Double> percentiles = new LinkedHashMap<>();
            // Only SampleTime percentiles are of single operations; the others' are of iterations.
            if (o.get("mode").getAsString().equals("sample") && primary.has("scorePercentiles")) {
                primary.getAsJsonObject("scorePercentiles").entrySet()
                        .forEach(p -> percentiles.put(p.getKey(), number(p.getValue())));
            }
            Map<String, Metric> secondary = new LinkedHashMap<>();
            if (o.has("secondaryMetrics")) {
                o.getAsJsonObject("secondaryMetrics").entrySet()
                        .forEach(m -> secondary.put(m.getKey(), metric(m.getValue().getAsJsonObject(), mode)));
            }
            rows.add(new Row(o.get("benchmark").getAsString(), o.get("mode").getAsString(), params,
                    metric(primary, mode), primary.get("scoreUnit").getAsString(), secondary, percentiles));
        }
        return rows;
    }

    private static Metric metric(JsonObject m, String machine) {
        return new Metric(number(m.get("score")), number(m.get("scoreError")), forkMeans(m), machine);
    }

    /**
     * The machine's mode during each command, from {@code probes.txt}: bench.sh probes before every
     * command ({@code NAME a b c MODE}, MODE near, far or mixed) and once more at the end, so a
     * command ran between its own line and the next. "near" when both say near, "near→far" when
     * the mode changed somewhere in between (the figure may mix both); the last line has no next.
     */
    static Map<String, String> modes(List<String> probeLines) {
        List<String[]> probes = probeLines.stream().map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.split("\\s+")).toList();
        Map<String, String> modes = new LinkedHashMap<>();
        for (int i = 0; i < probes.size(); i++) {
            String[] probe = probes.get(i);
            String before = probe[probe.length - 1];
            String after = i + 1 < probes.size() ? probes.get(i + 1)[probes.get(i + 1).length - 1] : before;
            modes.put(probe[0], before.equals(after) ? before : before + "→" + after);
        }
        return modes;
    }

    /**
     * The mean of each fork: of its iteration scores ({@code rawData}: forks of iterations), or of
     * every sample of its iterations ({@code rawDataHistogram}: forks of iterations of
     * {@code [value, count]} pairs, for SampleTime). Empty if the file has neither.
     */
    static List<Double> forkMeans(JsonObject metric) {
        List<Double> means = new ArrayList<>();
        if (metric.has("rawData")) {
            for (JsonElement fork : metric.getAsJsonArray("rawData")) {
                double sum = 0;
                int n = 0;
                for (JsonElement iteration : fork.getAsJsonArray()) {
                    sum += number(iteration);
                    n++;
                }
                if (n > 0) {
                    means.add(sum / n);
                }
            }
        } else if (metric.has("rawDataHistogram")) {
            for (JsonElement fork : metric.getAsJsonArray("rawDataHistogram")) {
                double sum = 0;
                long n = 0;
                for (JsonElement iteration : fork.getAsJsonArray()) {
                    for (JsonElement bucket : iteration.getAsJsonArray()) {
                        double value = number(bucket.getAsJsonArray().get(0));
                        long count = bucket.getAsJsonArray().get(1).getAsLong();
                        sum += value * count;
                        n += count;
                    }
                }
                if (n > 0) {
                    means.add(sum / n);
                }
            }
        }
        return means;
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
                    take);
        }
        if (name.equals("BatchThroughput.transfer")) {
            String threads = r.param("threads");
            boolean goroutines = threads.equals("goroutines");
            String carriers = r.param("carriers");
            String figure = "batch, " + (goroutines ? "virtual" : threads) + " threads, "
                    + (carriers.isEmpty() ? "" : carriers + (carriers.equals("1") ? " carrier, " : " carriers, "))
                    + r.param("shape");
            String series = goroutines ? r.param("impl") + " (goroutines)" : r.param("impl");
            return new Point(figure, r.param("capacity"), series, Integer.parseInt(r.param("producers")),
                    r.primary());
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
        md.println();
        md.println(legend(rows));

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
                md.println("| " + r.shortName() + " | " + paramsText(r) + " | " + r.primary().text()
                        + " | " + r.unit() + " | " + format(r.percentiles().get("50.0")) + " | "
                        + format(r.percentiles().get("99.0")) + " | "
                        + format(bytesPerOp(r)) + " |");
            }
        }
        md.flush();
        return text.toString();
    }

    /** What the spread and the mark mean, and how many of the figures shown are marked. */
    static String legend(List<Row> rows) {
        List<Metric> shown = new ArrayList<>();
        for (Row r : rows) {
            Point p = throughputPoint(r);
            if (p != null) {
                shown.add(p.metric());
            } else {
                shown.add(r.primary());
                List.of("take", "poll").forEach(side -> {
                    if (r.secondary().containsKey(side)) {
                        shown.add(r.secondary().get(side));
                    }
                });
            }
        }
        long marked = shown.stream().filter(Metric::unreliable).count();
        return String.format(Locale.ROOT, "`(forks 1.08×)`: the largest fork mean over the smallest (Go runs in one "
                + "process and has none). %s: unreliable, the 99.9%% half-width is over %.0f%% of the mean, the "
                + "forks differ by over %.1f×, or there is no interval; %d of %d figures here.", UNRELIABLE,
                MAX_RELATIVE_HALF_WIDTH * 100, MAX_FORK_SPREAD, marked, shown.size())
                + (shown.stream().anyMatch(m -> !m.machine().isEmpty())
                        ? " `near`, `far`: the machine's mode while the command ran (the probes before and after"
                        + " it, at the end; `near→far` when it changed); compare a figure on two carriers only"
                        + " with one in the same mode. One-carrier figures have no mode."
                        : "");
    }

    /** Params that tell rows apart, "impl=jox capacity=16"; group rows also name their poll/take score. */
    private static String paramsText(Row r) {
        String params = r.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
        for (String consumerSide : List.of("take", "poll")) {
            Metric side = r.secondary().get(consumerSide);
            if (side != null) {
                params += " (" + consumerSide + ": " + side.text() + " " + r.unit() + ")";
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
                md.print(" " + (point == null ? "" : point.metric().text()) + " |");
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
