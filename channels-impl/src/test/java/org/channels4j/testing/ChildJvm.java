package org.channels4j.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A workload run in a JVM of its own, for what is fixed when a JVM starts, such as the number
 * of carriers of the virtual-thread scheduler: the same {@code java} and class path as the
 * test's JVM, the given options, then the main class and its arguments.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** The {@code java} command of this JVM. */
    public static String java() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    /** The command line: {@code java}, {@code options}, this class path, {@code main} and {@code args}. */
    public static List<String> command(List<String> options, Class<?> main, String... args) {
        final List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** The options that give the virtual-thread scheduler {@code n} carriers and no more. */
    public static List<String> carriers(int n) {
        return List.of("-Djdk.virtualThreadScheduler.parallelism=" + n,
                "-Djdk.virtualThreadScheduler.maxPoolSize=" + n);
    }

    /**
     * Runs the child to its end and returns what it printed (standard output and error),
     * failing if it does not exit within {@code bound} or exits with a status other than 0.
     */
    public static String run(Duration bound, List<String> options, Class<?> main, String... args)
            throws IOException, InterruptedException {
        final Process child = new ProcessBuilder(command(options, main, args)).redirectErrorStream(true).start();
        try {
            final String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(child.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS), "the child JVM did not exit:\n" + out);
            assertEquals(0, child.exitValue(), "the child failed:\n" + out);
            return out;
        } finally {
            child.destroyForcibly();
        }
    }
}
