package org.channels4j.stress.check;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs the jcstress suite and fails unless every test in it ran and passed.
 *
 * <p>jcstress itself exits non-zero on a FORBIDDEN outcome or an error, but exits 0 when its
 * {@code -t} matches nothing ("No matching tests") and silently skips a test it cannot
 * schedule, so a wrong filter or a new three-actor test would turn the build green by running
 * less. This run therefore also requires a report page for every test in the jar outside
 * {@code org.channels4j.stress.broken}. Narrow runs belong on the command line
 * ({@code java -jar jcstress.jar -t ...}), not in the build.
 *
 * <p>Usage: {@code RunWholeSuite <report dir> <jcstress arguments...>}. Exits 0 when the suite
 * passed in full, 1 otherwise.
 */
public final class RunWholeSuite {
    private RunWholeSuite() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: RunWholeSuite <report dir> <jcstress arguments...>");
        }
        final Path reportDir = Path.of(args[0]);
        final List<String> jcstressArgs = Arrays.asList(args).subList(1, args.length);

        final Set<String> expected = new TreeSet<>();
        for (String test : JcstressProcess.allTests()) {
            if (!JcstressProcess.isBroken(test)) {
                expected.add(test);
            }
        }
        if (expected.isEmpty()) {
            fail("the jar lists no jcstress tests: was the annotation processor run?");
        }

        final int exit = JcstressProcess.run(jcstressArgs, reportDir, null);
        final Set<String> ran = JcstressProcess.reportedTests(reportDir);
        final Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(ran);

        System.out.println();
        System.out.println("jcstress suite: " + expected.size() + " tests in the jar (outside "
                + JcstressProcess.BROKEN_PACKAGE + "), " + (expected.size() - missing.size())
                + " of them in the report; jcstress exited " + exit);
        if (!missing.isEmpty()) {
            fail(missing.size() + " tests did not run (a -t that excludes them, or tests jcstress could not "
                    + "schedule on " + Runtime.getRuntime().availableProcessors() + " CPUs):\n  "
                    + String.join("\n  ", missing));
        }
        if (exit != 0) {
            fail("jcstress exited " + exit + ": a FORBIDDEN outcome or an error; see the report in " + reportDir);
        }
    }

    private static void fail(String message) {
        System.out.println("FAILED: " + message);
        System.exit(1);
    }
}
