package org.channels4j.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Overflow;
import org.channels4j.testing.RepositoryRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's two lifecycle examples, run as written: a conflated channel where the latest
 * value wins, and a channel of pooled buffers whose dropped and cancelled elements go back to
 * the pool. Each program sits flush left between its marker comments, byte for byte what
 * README.md shows, so that {@link #readmeShowsExactlyThisExample} can compare the two.
 */
class ReadmeLifecycleTest {
    private static final Path SOURCE = Path.of("channels-impl", "src", "test", "java", "org", "channels4j", "lifecycle",
            "ReadmeLifecycleTest.java");

    static void latestValueWins() throws InterruptedException {
        // README lifecycle conflated begin
Channel<Double> temperature = Channels.conflated();   // capacity 1, Overflow.DROP_OLDEST
temperature.send(20.5);
temperature.send(21.0);                                // never blocks: 20.5 is replaced
System.out.println("latest = " + temperature.receive());   // latest = 21.0
        // README lifecycle conflated end
    }

    static void channelThatOwnsResources() throws InterruptedException {
        // README lifecycle resources begin
Deque<ByteBuffer> pool = new ArrayDeque<>();
Channel<ByteBuffer> frames = Channels.<ByteBuffer>builder()
        .capacity(2)
        .overflow(Overflow.DROP_OLDEST)    // a slow consumer sees the newest frames
        .onUndelivered(pool::push)         // a frame no one will receive goes back to the pool
        .build();
int allocated = 0;
for (int i = 0; i < 5; i++) {
    ByteBuffer frame = pool.poll();
    if (frame == null) {
        frame = ByteBuffer.allocate(64);
        allocated++;
    }
    frames.send(frame.clear().putInt(i).flip());   // the 3rd send drops frame 0 into the pool
}
frames.cancel();                                   // closes; the frames still buffered go back too
System.out.println("allocated " + allocated + ", pooled " + pool.size());   // allocated 3, pooled 3
        // README lifecycle resources end
    }

    private static String printed(Runnable program) {
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            program.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void conflatedExamplePrintsTheLatestValue() {
        assertEquals("latest = 21.0" + System.lineSeparator(), printed(() -> {
            try {
                latestValueWins();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }));
    }

    @Test
    void resourceExampleGetsEveryUndeliveredBufferBack() {
        assertEquals("allocated 3, pooled 3" + System.lineSeparator(), printed(() -> {
            try {
                channelThatOwnsResources();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }));
    }

    /** README.md's examples must be the programs this class runs (found from the repository's root). */
    @ParameterizedTest
    @ValueSource(strings = {"conflated", "resources"})
    void readmeShowsExactlyThisExample(String example) throws IOException {
        final Path root = RepositoryRoot.of(ReadmeLifecycleTest.class, SOURCE);
        final String readme = Files.readString(root.resolve("README.md")).replace("\r\n", "\n");
        final String source = Files.readString(root.resolve(SOURCE)).replace("\r\n", "\n");
        final String begin = "// README lifecycle " + example + " begin\n";
        final String end = "// README lifecycle " + example + " end";
        final int from = source.indexOf(begin) + begin.length();
        final int to = source.lastIndexOf("\n", source.indexOf(end, from)) + 1;
        final String snippet = source.substring(from, to);
        assertTrue(snippet.startsWith("Channel<Double>") || snippet.startsWith("Deque<ByteBuffer>"),
                "markers not found in " + SOURCE);
        assertTrue(readme.contains(snippet), "README.md does not contain the tested example:\n" + snippet);
    }
}
