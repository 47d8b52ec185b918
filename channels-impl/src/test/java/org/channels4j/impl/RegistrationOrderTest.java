package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Selection}'s registration order for an unbiased select: a uniformly random permutation,
 * packed in a {@code long} for up to {@value Selection#PACKED_ORDER_MAX} clauses and in an array
 * beyond. A partner that arrives later takes the oldest node, so an order that is not a
 * permutation leaves a clause unregistered, and one that is not uniform favours a clause when
 * several name one channel. Both are checked here for each size, on both sides of the packing
 * limit; {@code SelectFairnessTest} checks what a user sees.
 */
class RegistrationOrderTest {

    private static final int TRIALS = 40_000;

    @ParameterizedTest(name = "{0} clauses")
    @ValueSource(ints = {1, 2, 3, 5, 15, 16, 17, 24})
    void isAPermutationWithEveryClauseEquallyLikelyInEveryPlace(int n) {
        final int[][] counts = new int[n][n]; // [place][clause]
        for (int t = 0; t < TRIALS; t++) {
            final int[] order = order(n);
            final boolean[] seen = new boolean[n];
            for (int k = 0; k < n; k++) {
                assertTrue(order[k] >= 0 && order[k] < n && !seen[order[k]],
                        "not a permutation of 0.." + (n - 1) + ": " + Arrays.toString(order));
                seen[order[k]] = true;
                counts[k][order[k]]++;
            }
        }
        final double p = 1.0 / n;
        final double sigma = Math.sqrt(TRIALS * p * (1 - p));
        for (int k = 0; k < n; k++) {
            for (int c = 0; c < n; c++) {
                assertTrue(Math.abs(counts[k][c] - TRIALS * p) <= 5 * sigma + 1e-9,
                        "clause " + c + " in place " + k + " " + counts[k][c] + " times of " + TRIALS
                                + ", more than 5 sigma (" + 5 * sigma + ") from " + TRIALS * p);
            }
        }
    }

    /** Each of the 3! orders of three clauses, not only each place, is equally likely. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(booleans = {true, false})
    void everyOrderOfThreeIsEquallyLikely(boolean packed) {
        final Map<String, Integer> counts = new HashMap<>();
        for (int t = 0; t < TRIALS; t++) {
            final int[] order = order(3, packed ? null : new int[3]);
            counts.merge(Arrays.toString(order), 1, Integer::sum);
        }
        assertTrue(counts.size() == 6, "orders seen: " + counts);
        final double p = 1.0 / 6;
        final double sigma = Math.sqrt(TRIALS * p * (1 - p));
        counts.forEach((order, c) -> assertTrue(Math.abs(c - TRIALS * p) <= 5 * sigma,
                order + " " + c + " times of " + TRIALS + ": " + counts));
    }

    /** The order {@link Selection} registers {@code n} clauses in, unpacked. */
    private static int[] order(int n) {
        return order(n, n > Selection.PACKED_ORDER_MAX ? new int[n] : null);
    }

    /** The order, packed if {@code spill} is null, otherwise written there, then unpacked. */
    private static int[] order(int n, int[] spill) {
        final long packed = Selection.registrationOrder(n, spill);
        final int[] order = new int[n];
        for (int k = 0; k < n; k++) {
            order[k] = Selection.placeAt(packed, spill, k);
        }
        return order;
    }
}
