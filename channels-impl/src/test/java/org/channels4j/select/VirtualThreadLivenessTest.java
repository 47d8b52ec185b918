package org.channels4j.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.channels4j.testing.ChildJvm;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Contract, Virtual threads: "progress never depends on a spinning thread being descheduled:
 * many more threads than carriers must not livelock". Eight virtual threads (selecting, plain,
 * or selects that send and receive at once) share two carriers, or one; if any of them spun waiting for another to move, the carriers would be held
 * by spinners and the run would never end. One carrier is also the regime in which a woken
 * partner always waits in the waker's own carrier's queue, where a waiter behind it parks
 * without spinning ({@code CarrierHandoff}).
 *
 * <p>The workload runs in a child JVM ({@link SelectLivenessMain}) because the carrier count is
 * fixed when the JVM's virtual-thread scheduler starts, and the test JVM's is shared by every
 * test.
 */
class VirtualThreadLivenessTest {
    private static final long BOUND_SECONDS = 120;

    /**
     * Capacity 1 as in the issue; capacity 0 adds the unbuffered handoff between selects. The
     * {@code plain} and {@code crossing} workloads ({@link SelectLivenessMain}) were added after
     * a review (2026-12-07) found that selects over four channels never take the paths of plain
     * operations (a served operation, the late party's poll, the budget behind another waiter's
     * partner) nor of selects that send and receive at once.
     */
    @ParameterizedTest(name = "{2}, capacity {0}, {1} carrier(s)")
    @CsvSource({"1, 2, selects", "0, 2, selects", "1, 1, selects", "0, 1, selects",
            "1, 2, plain", "0, 2, plain", "1, 1, plain", "0, 1, plain",
            "1, 2, crossing", "0, 2, crossing", "1, 1, crossing", "0, 1, crossing"})
    @Timeout(BOUND_SECONDS + 30)
    void eightVirtualThreadsOnFewCarriersMoveAMillionMessages(int capacity, int carriers, String workload,
                                                              @TempDir Path dir) throws Exception {
        final long messages = 1_000_000;
        final String java = ChildJvm.java();
        final Path output = dir.resolve("output.txt");
        final Process child = new ProcessBuilder(ChildJvm.command(ChildJvm.carriers(carriers),
                SelectLivenessMain.class, Integer.toString(capacity), Long.toString(messages), workload))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            if (!child.waitFor(BOUND_SECONDS, TimeUnit.SECONDS)) {
                fail("no result after " + BOUND_SECONDS + " s: livelock or deadlock. Thread dump:\n"
                        + threadDump(java, child.pid(), dir) + "\nOutput:\n" + read(output));
            }
            final String out = read(output);
            assertEquals(0, child.exitValue(), "the workload failed:\n" + out);
            final String expected = workload.equals("crossing") ? "balanced duplicates=0"
                    : "count=" + messages + " sum=" + messages * (messages - 1) / 2 + " duplicates=0";
            assertEquals(expected, out.strip(), "every message must be received exactly once");
        } finally {
            child.destroyForcibly();
        }
    }

    /** The virtual threads (jcmd's dump includes unmounted ones) and the carriers (jstack). */
    private static String threadDump(String java, long pid, Path dir) throws IOException, InterruptedException {
        final Path jcmd = Path.of(java).resolveSibling("jcmd");
        final Path virtualThreads = dir.resolve("threads.txt");
        final Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.dump_to_file",
                "-format=text", virtualThreads.toString()).redirectErrorStream(true).start();
        final String jcmdOutput = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        dump.waitFor(30, TimeUnit.SECONDS);
        final String viaJcmd = jcmdOutput + read(virtualThreads);
        final Path jstack = Path.of(java).resolveSibling("jstack");
        final Process carriers = new ProcessBuilder(jstack.toString(), Long.toString(pid))
                .redirectErrorStream(true).start();
        final String viaJstack = new String(carriers.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        carriers.waitFor(30, TimeUnit.SECONDS);
        return String.join("\n", List.of(viaJcmd, viaJstack));
    }

    private static String read(Path output) throws IOException {
        return Files.exists(output) ? Files.readString(output) : "";
    }
}
