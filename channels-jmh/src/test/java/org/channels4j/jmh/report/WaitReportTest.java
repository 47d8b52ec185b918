package org.channels4j.jmh.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.channels4j.jmh.report.WaitReport.Row;
import org.channels4j.jmh.report.WaitReport.Wait;
import org.junit.jupiter.api.Test;

/** WaitReport's arithmetic: one row per operation and channel, totals, nearest-rank p99, call sites. */
class WaitReportTest {
    @Test
    void oneRowPerOperationAndChannelLongestTotalFirst() {
        final List<Wait> waits = new ArrayList<>();
        waits.add(new Wait("receive", "unbuffered", Duration.ofMillis(30), "A.run:1"));
        waits.add(new Wait("send", "buffered(16)", Duration.ofMillis(50), "B.run:2"));
        waits.add(new Wait("receive", "unbuffered", Duration.ofMillis(40), "A.run:1"));
        waits.add(new Wait("send", "unbuffered", Duration.ofMillis(45), "C.run:3"));
        final List<Row> rows = WaitReport.summarize(waits);
        assertEquals(List.of("receive unbuffered", "send buffered(16)", "send unbuffered"),
                rows.stream().map(Row::label).toList());
        final Row receive = rows.get(0);
        assertEquals(2, receive.waits());
        assertEquals(Duration.ofMillis(70), receive.total());
        assertEquals(Duration.ofMillis(40), receive.max());
        assertEquals(List.of("A.run:1 (2)"), receive.topCallSites());
    }

    @Test
    void p99IsTheNearestRank() {
        final List<Duration> hundred = IntStream.rangeClosed(1, 100).mapToObj(Duration::ofMillis).toList();
        assertEquals(Duration.ofMillis(99), WaitReport.percentile(hundred, 0.99));
        final List<Duration> thousand = IntStream.rangeClosed(1, 1000).mapToObj(Duration::ofMillis).toList();
        assertEquals(Duration.ofMillis(990), WaitReport.percentile(thousand, 0.99));
        assertEquals(Duration.ofMillis(7), WaitReport.percentile(List.of(Duration.ofMillis(7)), 0.99));
    }

    @Test
    void callSitesAreTheThreeMostFrequent() {
        final List<Wait> waits = new ArrayList<>();
        final String[] sites = {"D:4", "A:1", "A:1", "A:1", "B:2", "B:2", "C:3", "C:3"};
        for (String site : sites) {
            waits.add(new Wait("select", "unbuffered, timeout(PT1S)", Duration.ofMillis(25), site));
        }
        assertEquals(List.of("A:1 (3)", "B:2 (2)", "C:3 (2)"), WaitReport.summarize(waits).get(0).topCallSites());
    }

    @Test
    void theTableHasOneLinePerRow() {
        final List<Row> rows = WaitReport.summarize(List.of(
                new Wait("receive", "never", Duration.ofMillis(1500), "Main.main:9")));
        final String md = WaitReport.markdown(rows, "test.jfr");
        assertTrue(md.contains("| receive | never | 1 | 1500.0 | 1500.0 | 1500.0 | Main.main:9 (1) |"), md);
    }
}
