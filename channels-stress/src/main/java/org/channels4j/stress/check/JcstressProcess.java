package org.channels4j.stress.check;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jcstress.infra.runners.TestList;

/**
 * One jcstress run in a JVM of its own, on the JDK and class path of the JVM that starts it,
 * and what can be read back from it: the exit status and the tests its report covers.
 *
 * <p>jcstress writes one {@code <test name>.html} page per test that produced results into
 * its report directory, and nothing for a test that did not run (no match for {@code -t}, or
 * skipped because it has more actors than there are CPUs). The directory is emptied before
 * the run, so that pages of an earlier run cannot stand in for tests this one skipped.
 */
final class JcstressProcess {
    /** Where the deliberately broken tests live; never part of the suite proper. */
    static final String BROKEN_PACKAGE = "org.channels4j.stress.broken.";

    private JcstressProcess() {
    }

    /** Every test jcstress's annotation processor compiled into the jar, broken ones included. */
    static Collection<String> allTests() {
        return TestList.tests();
    }

    static boolean isBroken(String test) {
        return test.startsWith(BROKEN_PACKAGE);
    }

    /**
     * Runs jcstress with {@code args} plus {@code -r reportDir}, its output going to
     * {@code log}, or to this JVM's output if {@code log} is null.
     *
     * @return jcstress's exit status
     */
    static int run(List<String> args, Path reportDir, Path log) throws IOException, InterruptedException {
        deleteRecursively(reportDir);
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("org.openjdk.jcstress.Main");
        command.addAll(args);
        command.add("-r");
        command.add(reportDir.toString());
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (log == null) {
            builder.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        } else {
            Files.createDirectories(log.toAbsolutePath().getParent());
            builder.redirectOutput(log.toFile());
        }
        return builder.start().waitFor();
    }

    /** The tests that have a page in {@code reportDir}: the tests the run produced results for. */
    static Set<String> reportedTests(Path reportDir) throws IOException {
        if (!Files.isDirectory(reportDir)) {
            return Set.of();
        }
        try (Stream<Path> pages = Files.list(reportDir)) {
            return pages.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".html") && !name.equals("index.html"))
                    .map(name -> name.substring(0, name.length() - ".html".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
