package org.channels4j.jmh.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Where do my threads wait? Turns a Flight Recorder file with {@code org.channels4j.ChannelWait}
 * events into {@code waits.md} (a Markdown table, also printed) and {@code waits.png}: per
 * operation and channel, how many waits, their total, p99 and longest duration, and the call
 * sites that waited most often.
 *
 * <pre>
 * java -cp channels-jmh/target/benchmarks.jar org.channels4j.jmh.report.WaitReport OUT_DIR recording.jfr
 * </pre>
 *
 * A call site is the first stack frame outside channels4j and the JDK, that is, the line of the
 * user's code that sent, received or selected. Exits with status 1 if the recording holds no
 * such event, so that CI notices a recording that lost them.
 */
public final class WaitReport {
    static final String EVENT = "org.channels4j.ChannelWait";
    private static final int TOP_CALL_SITES = 3;
    private static final int PANEL_WIDTH = 640;
    private static final int PANEL_HEIGHT = 420;

    private WaitReport() {
    }

    /** One recorded wait. */
    record Wait(String operation, String channel, Duration duration, String callSite) {
    }

    /** The waits of one operation on one channel (or one select's set of channels). */
    record Row(String operation, String channel, int waits, Duration total, Duration p99, Duration max,
               List<String> topCallSites) {

        String label() {
            return operation + " " + channel;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: WaitReport OUT_DIR recording.jfr");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        final Path out = Path.of(args[0]);
        final Path recording = Path.of(args[1]);
        if (!Files.isRegularFile(recording)) {
            System.err.println("no recording at " + recording + " (in mvn verify, channels-impl's"
                    + " ChannelWaitEventTest writes it; -DskipTests skips this report too)");
            System.exit(1);
        }
        final List<Row> rows = summarize(read(recording));
        if (rows.isEmpty()) {
            System.err.println("no " + EVENT + " events in " + recording
                    + ": record with -XX:StartFlightRecording:settings=jfr/channels4j.jfc");
            System.exit(1);
        }
        Files.createDirectories(out);
        final String markdown = markdown(rows, recording.getFileName().toString());
        Files.writeString(out.resolve("waits.md"), markdown);
        chart(rows, out.resolve("waits.png"));
        System.out.print(markdown);
    }

    static List<Wait> read(Path recording) throws IOException {
        final List<Wait> waits = new ArrayList<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                final RecordedEvent e = file.readEvent();
                if (e.getEventType().getName().equals(EVENT)) {
                    waits.add(new Wait(e.getString("operation"), e.getString("channel"), e.getDuration(),
                            callSite(e.getStackTrace())));
                }
            }
        }
        return waits;
    }

    /** The first frame of the user's code; failing that, the first outside channels4j. */
    private static String callSite(RecordedStackTrace stack) {
        if (stack == null) {
            return "(no stack trace)";
        }
        String outsideChannels4j = null;
        for (RecordedFrame frame : stack.getFrames()) {
            final String type = frame.getMethod().getType().getName();
            if (isChannels4j(type)) {
                continue;
            }
            final String site = simpleName(type) + "." + frame.getMethod().getName() + ":" + frame.getLineNumber();
            if (!type.startsWith("java.") && !type.startsWith("jdk.")) {
                return site;
            }
            if (outsideChannels4j == null) {
                outsideChannels4j = site;
            }
        }
        return outsideChannels4j == null ? "(channels4j only)" : outsideChannels4j;
    }

    /** The API package and the implementation, not other packages under org.channels4j (users, tests). */
    private static boolean isChannels4j(String type) {
        return type.startsWith("org.channels4j.impl.")
                || (type.startsWith("org.channels4j.") && type.indexOf('.', "org.channels4j.".length()) < 0);
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    /** One row per operation and channel, the longest total wait first. */
    static List<Row> summarize(List<Wait> waits) {
        final Map<List<String>, List<Wait>> groups = waits.stream().collect(Collectors.groupingBy(
                w -> List.of(w.operation(), w.channel()), LinkedHashMap::new, Collectors.toList()));
        final List<Row> rows = new ArrayList<>();
        groups.forEach((key, group) -> {
            final List<Duration> sorted = group.stream().map(Wait::duration).sorted().toList();
            final Duration total = sorted.stream().reduce(Duration.ZERO, Duration::plus);
            rows.add(new Row(key.get(0), key.get(1), sorted.size(), total, percentile(sorted, 0.99),
                    sorted.get(sorted.size() - 1), topCallSites(group)));
        });
        rows.sort(Comparator.comparing(Row::total).reversed().thenComparing(Row::label));
        return rows;
    }

    /** Nearest rank: the smallest value with at least {@code p} of the values at or below it. */
    static Duration percentile(List<Duration> sorted, double p) {
        final int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1);
    }

    private static List<String> topCallSites(List<Wait> group) {
        final Map<String, Long> counts = group.stream()
                .collect(Collectors.groupingBy(Wait::callSite, Collectors.counting()));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_CALL_SITES)
                .map(e -> e.getKey() + " (" + e.getValue() + ")")
                .toList();
    }

    static String markdown(List<Row> rows, String source) {
        final StringWriter text = new StringWriter();
        final PrintWriter md = new PrintWriter(text);
        md.println("# Channel waits in " + source);
        md.println();
        md.println("Each row: the " + EVENT + " events of one operation on one channel (a select: on its"
                + " clauses' channels), longest total first. Call sites: the user's line, with how many waits.");
        md.println();
        md.println("| operation | channel | waits | total ms | p99 ms | max ms | top call sites |");
        md.println("|---|---|---:|---:|---:|---:|---|");
        for (Row r : rows) {
            md.println("| " + r.operation() + " | " + r.channel() + " | " + r.waits() + " | " + millis(r.total())
                    + " | " + millis(r.p99()) + " | " + millis(r.max()) + " | "
                    + String.join("<br>", r.topCallSites()) + " |");
        }
        md.flush();
        return text.toString();
    }

    private static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.1f", d.toNanos() / 1e6);
    }

    /** Two panels: total wait and p99 wait per row, in milliseconds. */
    private static void chart(List<Row> rows, Path png) throws IOException {
        final List<String> labels = rows.stream().map(Row::label).toList();
        final List<CategoryChart> panels = List.of(
                panel("total wait per operation and channel", "total ms", labels, rows, Row::total),
                panel("p99 wait per operation and channel", "p99 ms", labels, rows, Row::p99));
        BitmapEncoder.saveBitmap(panels, 1, panels.size(), png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static CategoryChart panel(String title, String yAxis, List<String> labels, List<Row> rows,
                                       Function<Row, Duration> value) {
        final CategoryChart chart = new CategoryChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
                .title(title).yAxisTitle(yAxis).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("0.#");
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(12f));
        chart.addSeries(yAxis, labels, rows.stream().map(r -> value.apply(r).toNanos() / 1e6).toList());
        return chart;
    }
}
