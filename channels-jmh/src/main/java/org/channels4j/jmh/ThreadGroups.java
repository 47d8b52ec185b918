package org.channels4j.jmh;

import java.util.Arrays;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * JMH sets a group's thread counts with {@code -tg P,C} but does not write them to its result
 * files, so the group benchmarks also take {@code -p producers=P -p consumers=C} for the record;
 * this check keeps the two from disagreeing.
 */
final class ThreadGroups {
    private ThreadGroups() {
    }

    static void requireMatches(BenchmarkParams params, int producers, int consumers) {
        int[] groups = params.getThreadGroups();
        if (groups.length != 2 || groups[0] != producers || groups[1] != consumers) {
            throw new IllegalArgumentException("run with -tg " + producers + "," + consumers + " -p producers="
                    + producers + " -p consumers=" + consumers + " together; got -tg "
                    + Arrays.toString(groups) + " (JMH does not record -tg in its results, the params do)");
        }
    }
}
