package org.channels4j.interop;

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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SubmissionPublisher;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.ReceiveChannel;
import org.channels4j.Select;
import org.junit.jupiter.api.Test;

/**
 * The README's interop example, run as written: a {@link SubmissionPublisher} feeds a channel,
 * a virtual thread adds up what arrives and completes a future, and a select waits for that
 * future beside a quit channel and a timeout. The program's text sits flush left between the
 * marker comments, byte for byte what README.md shows.
 */
class ReadmeInteropTest {
    private static final Path SOURCE = Path.of("src/test/java/org/channels4j/interop/ReadmeInteropTest.java");
    private static final Path README = Path.of("..", "README.md");
    private static final String BEGIN = "// README interop begin\n";
    private static final String END = "// README interop end";

    static void pipeline() throws InterruptedException {
        // README interop begin
SubmissionPublisher<String> words = new SubmissionPublisher<>();
ReceiveChannel<String> in = Channels.fromPublisher(words, 16);    // requests 16, then one per element taken
CompletableFuture<Integer> letters = new CompletableFuture<>();
Thread.ofVirtual().start(() -> {
    int sum = 0;
    for (String w : in) sum += w.length();                        // ends at the publisher's onComplete
    letters.complete(sum);
});
for (String w : List.of("flow", "meets", "select")) words.submit(w);
words.close();

Channel<String> quit = Channels.unbuffered();
String outcome = Select.select(
        Channels.fromFuture(letters).onReceive(n -> n + " letters"),  // a future as a select clause
        quit.onReceive(q -> "quit"),
        Select.onTimeout(Duration.ofSeconds(5), () -> "timed out"));
System.out.println(outcome);                                      // 15 letters
        // README interop end
    }

    @Test
    void pipelineFromASubmissionPublisherEndsInASelectOnAFuture() {
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(30), ReadmeInteropTest::pipeline);
        } finally {
            System.setOut(original);
        }
        assertEquals("15 letters" + System.lineSeparator(), captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void readmeShowsExactlyThisPipeline() throws IOException {
        final String source = Files.readString(SOURCE).replace("\r\n", "\n");
        final int begin = source.indexOf(BEGIN) + BEGIN.length();
        final String snippet = source.substring(begin, source.lastIndexOf("\n", source.indexOf(END, begin)) + 1);
        assertTrue(snippet.startsWith("SubmissionPublisher<String> words"), "markers not found in " + SOURCE);
        assertTrue(Files.readString(README).replace("\r\n", "\n").contains(snippet),
                "README.md does not contain the tested interop example:\n" + snippet);
    }
}
