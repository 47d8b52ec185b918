package org.channels4j.context;

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
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Context;
import org.channels4j.Group;
import org.channels4j.ReceiveChannel;
import org.channels4j.Select;
import org.junit.jupiter.api.Test;

/**
 * The README's pipeline under a context, run as written: a generator, a worker stage and a
 * consumer, each a task of one {@link Group} whose context has a timeout, and each selecting on
 * the context's done channel beside its channel operations, as Go pipelines do. The program's
 * text sits flush left between the two marker comments, byte for byte what README.md shows.
 */
class ReadmeContextTest {
    private static final Path SOURCE = Path.of("src/test/java/org/channels4j/context/ReadmeContextTest.java");
    private static final Path README = Path.of("..", "README.md");
    private static final String BEGIN = "// README context begin\n";
    private static final String END = "// README context end";

    static void pipeline() throws Exception {
        // README context begin
try (Context ctx = Context.background().withTimeout(Duration.ofSeconds(10));
     Group group = Group.withContext(ctx)) {
    ReceiveChannel<Void> done = group.context().done();     // closed if a stage fails or time runs out
    Channel<Integer> numbers = Channels.unbuffered();
    Channel<Integer> squares = Channels.unbuffered();
    group.go(() -> {                                         // generator
        try {
            for (int i = 1; i <= 100; i++) {
                boolean sent = Select.select(numbers.onSend(i, () -> true),
                                             done.onReceiveOrClosed(v -> false, cause -> false));
                if (!sent) return null;                      // cancelled: stop
            }
        } finally {
            numbers.close();
        }
        return null;
    });
    group.go(() -> {                                         // worker stage
        try {
            for (;;) {
                Integer n = Select.select(numbers.onReceiveOrClosed(v -> v, closed -> null),
                                          done.onReceiveOrClosed(v -> null, cause -> null));
                if (n == null) return null;                  // input ended, or cancelled
                boolean sent = Select.select(squares.onSend(n * n, () -> true),
                                             done.onReceiveOrClosed(v -> false, cause -> false));
                if (!sent) return null;
            }
        } finally {
            squares.close();
        }
    });
    group.go(() -> {                                         // consumer
        long sum = 0;
        for (;;) {
            Integer square = Select.select(squares.onReceiveOrClosed(v -> v, closed -> null),
                                           done.onReceiveOrClosed(v -> null, cause -> null));
            if (square == null) break;
            sum += square;
        }
        System.out.println(done.isClosedForReceive()
                ? "stopped: " + group.context().cause()
                : "sum of squares = " + sum);                // 338350
        return null;
    });
    group.await();                                           // ExecutionException if a stage threw
}
        // README context end
    }

    @Test
    void pipelinePrintsTheSumOfTheFirstHundredSquares() {
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(30), ReadmeContextTest::pipeline);
        } finally {
            System.setOut(original);
        }
        assertEquals("sum of squares = 338350" + System.lineSeparator(), captured.toString(StandardCharsets.UTF_8));
    }

    @Test
    void readmeShowsExactlyThisPipeline() throws IOException {
        final String readme = Files.readString(README).replace("\r\n", "\n");
        final String source = Files.readString(SOURCE).replace("\r\n", "\n");
        final int begin = source.indexOf(BEGIN) + BEGIN.length();
        final int end = source.lastIndexOf("\n", source.indexOf(END, begin)) + 1;
        final String snippet = source.substring(begin, end);
        assertTrue(snippet.startsWith("try (Context ctx"), "markers not found in " + SOURCE);

        assertTrue(readme.contains(snippet), "README.md does not contain the tested pipeline:\n" + snippet);
    }
}
