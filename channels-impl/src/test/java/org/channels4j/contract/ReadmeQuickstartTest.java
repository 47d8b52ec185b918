package org.channels4j.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.testing.RepositoryRoot;
import org.junit.jupiter.api.Test;

/**
 * The README's quickstart, run as written: four virtual-thread workers range over a buffered
 * job channel and send squares on an unbuffered result channel. The program's text sits
 * flush left between the two marker comments, byte for byte what README.md shows, so that
 * {@link #readmeShowsExactlyThisQuickstart} can compare the two.
 */
class ReadmeQuickstartTest {
    private static final Path THIS_SOURCE = Path.of("channels-impl", "src", "test", "java", "org", "channels4j",
            "contract", "ReadmeQuickstartTest.java");
    private static final String BEGIN = "// README quickstart begin\n";
    private static final String END = "// README quickstart end";

    static void quickstart() throws InterruptedException {
        // README quickstart begin
Channel<Integer> jobs = Channels.buffered(16);
Channel<Integer> results = Channels.unbuffered();
try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
    for (int w = 0; w < 4; w++) {
        pool.submit(() -> {
            for (int job : jobs) results.send(job * job);   // range over jobs until closed
            return null;
        });
    }
    pool.submit(() -> {
        for (int i = 1; i <= 100; i++) jobs.send(i);
        jobs.close();
        return null;
    });
    long sum = 0;
    for (int i = 0; i < 100; i++) sum += results.receive();
    System.out.println("sum of squares = " + sum);         // 338350
}
        // README quickstart end
    }

    @Test
    void quickstartPrintsTheSumOfTheFirstHundredSquares() {
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(30), ReadmeQuickstartTest::quickstart);
        } finally {
            System.setOut(original);
        }
        assertEquals("sum of squares = 338350" + System.lineSeparator(), captured.toString(StandardCharsets.UTF_8));
    }

    /**
     * README.md's quickstart must be the program this class runs. The files are found from
     * where this class was compiled to, not from the working directory, so the check runs
     * (and fails if they differ or cannot be found) wherever the tests are started from.
     */
    @Test
    void readmeShowsExactlyThisQuickstart() throws IOException {
        final Path root = RepositoryRoot.of(ReadmeQuickstartTest.class, THIS_SOURCE);
        final String readme = Files.readString(root.resolve("README.md")).replace("\r\n", "\n");
        final String source = Files.readString(root.resolve(THIS_SOURCE)).replace("\r\n", "\n");
        final int begin = source.indexOf(BEGIN) + BEGIN.length();
        final int end = source.lastIndexOf("\n", source.indexOf(END, begin)) + 1;
        final String snippet = source.substring(begin, end);
        assertTrue(snippet.startsWith("Channel<Integer> jobs"), "markers not found in " + THIS_SOURCE);

        assertTrue(readme.contains(snippet), "README.md does not contain the tested quickstart:\n" + snippet);
    }
}
