package org.channels4j.jmh.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.channels4j.jmh.report.ResultsReport.Metric;
import org.channels4j.jmh.report.ResultsReport.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fork spread and the reliability mark, read from {@code two-forks.json}: JMH rows of two
 * forks each (iteration scores, a group's secondary scores, a SampleTime histogram) and Go rows
 * of one process.
 */
class ResultsReportTest {
    private static List<Row> rows;

    @BeforeAll
    static void readFixture() throws IOException, URISyntaxException {
        rows = ResultsReport.read(Path.of(ResultsReportTest.class.getResource("two-forks.json").toURI()));
    }

    private static Row row(String shortName, String impl) {
        return rows.stream().filter(r -> r.shortName().equals(shortName) && r.param("impl").equals(impl))
                .findFirst().orElseThrow();
    }

    @Test
    void forkMeansAreTheMeansOfEachForksIterations() {
        assertEquals(List.of(510.0, 1020.0), row("PingPong.roundTripVirtual", "channels4j").primary().forkMeans());
        assertEquals(2.0, row("PingPong.roundTripVirtual", "channels4j").primary().forkSpread(), 1e-9);
    }

    @Test
    void forkMeansOfASampledLatencyWeighEverySampleOfTheFork() {
        Metric sampled = row("PingPong.roundTripPlatform", "sq").primary();
        assertEquals(List.of(250.0, 300.0), sampled.forkMeans());
        assertEquals(1.2, sampled.forkSpread(), 1e-9);
    }

    @Test
    void aGroupsConsumerScoreHasItsOwnForkMeans() {
        Metric take = row("GroupThroughput.transfer", "channels4j").secondary().get("take");
        assertEquals(List.of(0.5, 0.6), take.forkMeans());
        assertFalse(take.unreliable(), "spread 1.2x, half-width 9% of the mean");
    }

    @Test
    void aTightStableFigureShowsItsSpreadAndNoMark() {
        Metric stable = row("SendReceiveCost.sendThenReceive", "channels4j").primary();
        assertFalse(stable.unreliable());
        assertEquals("102 ± 5.00 (forks 1.01×)", stable.text());
    }

    @Test
    void forksThatDisagreeBeyondTheLimitMarkTheFigureEvenWithANarrowInterval() {
        Metric bimodal = row("PingPong.roundTripVirtual", "channels4j").primary();
        assertTrue(bimodal.error() <= ResultsReport.MAX_RELATIVE_HALF_WIDTH * bimodal.score());
        assertTrue(bimodal.unreliable());
        assertEquals("765 ± 150 (forks 2.00×) ⚠", bimodal.text());
    }

    @Test
    void anIntervalWiderThanAQuarterOfTheMeanMarksTheFigureEvenWhenTheForksAgree() {
        Metric wide = row("PingPong.roundTripVirtual", "jox").primary();
        assertEquals(1.0, wide.forkSpread(), 1e-9);
        assertTrue(wide.unreliable());
        assertEquals("150 ± 80.0 (forks 1.00×) ⚠", wide.text());
    }

    @Test
    void theLimitsThemselvesAreReliable() {
        assertFalse(new Metric(100, 25, List.of(100.0, 130.0)).unreliable());
        assertTrue(new Metric(100, 25.1, List.of(100.0, 100.0)).unreliable());
        assertTrue(new Metric(100, 1, List.of(100.0, 130.1)).unreliable());
    }

    @Test
    void aSingleProcessHasNoSpreadAndIsJudgedByItsIntervalAlone() {
        Metric go = row("BatchThroughput.transfer", "go").primary();
        assertTrue(Double.isNaN(go.forkSpread()));
        assertFalse(go.unreliable());
        assertEquals("9.50 ± 0.500", go.text());
    }

    @Test
    void aFigureWithoutAnIntervalIsUnreliable() {
        Metric single = row("SendReceiveCost.sendThenReceive", "go").primary();
        assertTrue(single.unreliable());
        assertEquals("40.0 ⚠", single.text());
    }

    @Test
    void theTablesCarryTheSpreadTheMarkAndALegendThatCountsTheMarks(@TempDir Path out) throws IOException {
        String md = ResultsReport.render(rows, List.of("two-forks.json"), out);
        assertTrue(md.contains("| PingPong.roundTripVirtual | capacity=0 impl=channels4j | 765 ± 150 (forks 2.00×) ⚠ |"),
                md);
        assertTrue(md.contains("| 16 | channels4j | 0.550 ± 0.050 (forks 1.20×) |"), md);
        assertTrue(md.contains("3 of 7 figures here"), md);
        assertTrue(Files.exists(out.resolve("throughput-group-platform-threads-mpsc.png")));
    }

    /** A run with {@code -Djdk.virtualThreadScheduler.parallelism=1} is its own cell and figure. */
    @Test
    void aRunOnOneCarrierIsLabelledAndKeptApartFromTheDefaultScheduler(@TempDir Path out)
            throws IOException, URISyntaxException {
        final List<Row> oneCarrier = ResultsReport.read(Path.of(ResultsReportTest.class.getResource("one-carrier.json").toURI()));
        assertEquals("1", oneCarrier.get(0).param("carriers"));
        assertEquals("", rows.get(0).param("carriers"), "a run without the option names no carrier count");
        final List<Row> both = new java.util.ArrayList<>(rows);
        both.addAll(oneCarrier);
        final String md = ResultsReport.render(both, List.of("two-forks.json", "one-carrier.json"), out);
        assertTrue(md.contains("### batch, virtual threads, 1 carrier, mpsc"), md);
        assertTrue(md.contains("| BlockingCost.handoffVirtual | carriers=1 impl=channels4j |"), md);
    }

    /** bench.sh probes before every command and at the end: a command ran between two lines. */
    @Test
    void aCommandsModeIsTheProbeBeforeItAndTheOneAfter() {
        final Map<String, String> modes = ResultsReport.modes(List.of(
                "pingpong-channels4j 98 71 122 near",
                "pingpong-jox 557 461 388 far",
                "pingpong-sq 569 465 389 far",
                "",
                "end 86 116 68 near"));
        assertEquals("near→far", modes.get("pingpong-channels4j"));
        assertEquals("far", modes.get("pingpong-jox"));
        assertEquals("far→near", modes.get("pingpong-sq"));
        assertEquals("near", modes.get("end"), "the last probe has no next one");
    }

    @Test
    void everyFigureOnTwoCarriersNamesItsModeAndOneCarrierFiguresNone(@TempDir Path out)
            throws IOException, URISyntaxException {
        final List<Row> far = ResultsReport.read(
                Path.of(ResultsReportTest.class.getResource("two-forks.json").toURI()), "far");
        final List<Row> oneCarrier = ResultsReport.read(
                Path.of(ResultsReportTest.class.getResource("one-carrier.json").toURI()), "near");
        assertEquals("far", far.get(0).primary().machine());
        assertTrue(oneCarrier.stream().allMatch(r -> r.primary().machine().isEmpty()),
                "one carrier: no traffic between cores, so no mode");
        final List<Row> both = new java.util.ArrayList<>(far);
        both.addAll(oneCarrier);
        final String md = ResultsReport.render(both, List.of("two-forks.json", "one-carrier.json"), out);
        assertTrue(md.contains("| PingPong.roundTripVirtual | capacity=0 impl=channels4j | 765 ± 150 (forks 2.00×, far) ⚠ |"),
                md);
        assertTrue(md.contains("`near→far` when it changed"), md);
        final String noModes = ResultsReport.render(rows, List.of("two-forks.json"), out);
        assertFalse(noModes.contains("machine's mode"), "without probes the legend does not mention modes");
    }
}
