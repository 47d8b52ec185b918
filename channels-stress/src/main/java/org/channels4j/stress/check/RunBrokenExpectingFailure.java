package org.channels4j.stress.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Runs each deliberately broken test of {@code org.channels4j.stress.broken} in a jcstress
 * invocation of its own and fails unless every one of them fails: evidence, on every build,
 * that the suite's harness, outcomes and settings can still catch the bugs those tests plant.
 * A change that blinds the suite (outcomes graded too leniently, a mode too short, a pinning
 * that keeps actors from racing) turns one of them green, and this turns the build red.
 *
 * <p>"Fails" means what it means for the real tests: jcstress graded the test FAILED, that is
 * it observed a FORBIDDEN outcome ({@code STALE} in a {@code Mode.Termination} test included),
 * and exited non-zero. A test that ended in an error instead (a crash, a class that does not
 * load) proves nothing about the suite's sensitivity, and also fails the build.
 *
 * <p>A test that passes is run again, up to {@link #ATTEMPTS} runs in all: on a machine so
 * loaded that jcstress takes a handful of samples (0.3 per second was seen on the shared build
 * machine), a broken test can pass by luck, and one more run tells that apart from a suite
 * that can no longer see the flaw, which passes every time.
 *
 * <p>Usage: {@code RunBrokenExpectingFailure <work dir> <tests not required to fail>
 * <jcstress arguments...>}. The second argument lists, comma-separated (or {@code -} for
 * none), broken tests whose flaw the given mode does not show reliably; they are not run, and
 * channels-stress/README.md says why for each. Each run's output goes to
 * {@code <work dir>/<test>-<run>.log}. Exits 0 when every other broken test failed, 1 otherwise.
 */
public final class RunBrokenExpectingFailure {
    /** Runs a broken test gets to fail before the build fails. */
    static final int ATTEMPTS = 3;

    private RunBrokenExpectingFailure() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException(
                    "usage: RunBrokenExpectingFailure <work dir> <tests not required to fail> <jcstress arguments...>");
        }
        final Path workDir = Path.of(args[0]);
        final Set<String> notRequired = new TreeSet<>();
        if (!args[1].equals("-")) {
            notRequired.addAll(Arrays.asList(args[1].split(",")));
        }
        final List<String> jcstressArgs = Arrays.asList(args).subList(2, args.length);

        final Set<String> broken = new TreeSet<>();
        for (String test : JcstressProcess.allTests()) {
            if (JcstressProcess.isBroken(test)) {
                broken.add(test);
            }
        }
        final Set<String> unknown = new TreeSet<>(notRequired);
        unknown.removeAll(broken);
        if (!unknown.isEmpty()) {
            fail("tests excused from failing that are not broken tests in the jar: " + unknown);
        }
        broken.removeAll(notRequired);
        if (broken.isEmpty()) {
            fail("no broken test left to run: the suite's sensitivity is no longer checked");
        }

        final List<String> stayedGreen = new ArrayList<>();
        for (String test : broken) {
            if (!failsWithinAttempts(test, jcstressArgs, workDir)) {
                stayedGreen.add(test);
            }
        }
        if (!notRequired.isEmpty()) {
            System.out.println("not run (their flaw does not show reliably in this mode): " + notRequired);
        }
        if (!stayedGreen.isEmpty()) {
            fail("broken tests that did not fail in " + ATTEMPTS + " runs, so the suite may no longer catch "
                    + "what they plant:\n  "
                    + String.join("\n  ", stayedGreen));
        }
    }

    /** Runs {@code test} alone until jcstress grades it FAILED, at most {@link #ATTEMPTS} times. */
    private static boolean failsWithinAttempts(String test, List<String> jcstressArgs, Path workDir)
            throws IOException, InterruptedException {
        final List<String> run = new ArrayList<>(jcstressArgs);
        run.add("-t");
        run.add("^" + Pattern.quote(test) + "$");
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            final Path log = workDir.resolve(test + "-" + attempt + ".log");
            final long start = System.nanoTime();
            final int exit = JcstressProcess.run(run, workDir.resolve(test), log);
            final boolean graded = Files.readAllLines(log).stream().anyMatch(l -> l.contains("[FAILED] " + test));
            final boolean failed = exit != 0 && graded;
            System.out.printf("broken test %s, run %d of at most %d: %s, %d s; output in %s%n", test, attempt,
                    ATTEMPTS, failed ? "failed, as it must" : "did NOT fail (jcstress exited " + exit
                            + (graded ? "" : ", no FORBIDDEN outcome graded") + ")",
                    (System.nanoTime() - start) / 1_000_000_000L, log);
            if (failed) {
                return true;
            }
        }
        return false;
    }

    private static void fail(String message) {
        System.out.println("FAILED: " + message);
        System.exit(1);
    }
}
