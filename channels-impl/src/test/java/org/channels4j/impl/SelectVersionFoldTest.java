package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.function.Supplier;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.SelectClause;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A select with {@code orElse} may run its default only if the sum of its clauses' versions
 * is the same before and after its scan ({@code Selection.tryNowOrElse}). A close adds bit 62
 * to a version and a cancel bit 61: summed as they are, two channels closed during one scan,
 * each with a send and a receive clause, add 2<sup>64</sup> and leave the sum unchanged, so
 * {@code orElse} could run while a clause was ready. The sum folds each mark to one
 * ({@link Selection#fold}); these tests fail on the unfolded sum.
 */
class SelectVersionFoldTest {
    private static final long CLOSED = 1L << 62;
    private static final long DISCARDED = 1L << 61;

    @Test
    void aFoldedMarkCountsOne() {
        assertEquals(5, Selection.fold(5));
        assertEquals(6, Selection.fold(CLOSED + 5));
        assertEquals(6, Selection.fold(DISCARDED + 5));
        assertEquals(7, Selection.fold(CLOSED + DISCARDED + 5));
    }

    /** Capacity -1 stands for unbounded, 0 for unbuffered. */
    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1, 16, -1})
    void fourClosesBetweenTwoReadingsMoveTheSum(int capacity) {
        final Channel<Integer> a = channel(capacity);
        final Channel<Integer> c = channel(capacity);
        final SelectClause<?>[] clauses = bothWays(a, c);
        final long before = Selection.versionSum(clauses);
        a.close();
        c.close();
        assertNotEquals(before, Selection.versionSum(clauses),
                "two channels closed under a send and a receive clause each left the versions' sum unchanged");
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {1, 16, -1})
    void cancelsBetweenTwoReadingsMoveTheSum(int capacity) {
        final Channel<Integer> a = channel(capacity);
        final Channel<Integer> c = channel(capacity);
        final SelectClause<?>[] clauses = new SelectClause<?>[8]; // eight times bit 61, and bit 62, is 0
        for (int i = 0; i < 4; i++) {
            clauses[i] = a.onSend(i, nothing());
            clauses[4 + i] = c.onSend(i, nothing());
        }
        final long before = Selection.versionSum(clauses);
        a.cancel();
        c.cancel();
        assertNotEquals(before, Selection.versionSum(clauses),
                "two channels cancelled under four send clauses each left the versions' sum unchanged");
    }

    /** Each change counts one: an offer, a poll, and a close on each of the channel's two clauses. */
    @Test
    void eachChangeMovesTheSumByOne() {
        final Channel<Integer> a = Channels.unbuffered();
        final Channel<Integer> c = Channels.buffered(4);
        final SelectClause<?>[] clauses = bothWays(a, c);
        final long s0 = Selection.versionSum(clauses);
        assertEquals(s0, Selection.versionSum(clauses), "nothing changed");
        c.trySend(5);
        assertEquals(s0 + 1, Selection.versionSum(clauses), "an offer moves the receive clause's version");
        c.tryReceive();
        assertEquals(s0 + 2, Selection.versionSum(clauses), "a poll moves the send clause's version");
        c.close();
        assertEquals(s0 + 4, Selection.versionSum(clauses), "a close counts one on each of c's two clauses");
    }

    private static SelectClause<?>[] bothWays(Channel<Integer> a, Channel<Integer> c) {
        return new SelectClause<?>[] {a.onReceive(), a.onSend(1, nothing()), c.onReceive(), c.onSend(2, nothing())};
    }

    private static Supplier<String> nothing() {
        return () -> "sent";
    }

    private static Channel<Integer> channel(int capacity) {
        return switch (capacity) {
            case 0 -> Channels.unbuffered();
            case -1 -> Channels.unbounded();
            default -> Channels.buffered(capacity);
        };
    }
}
