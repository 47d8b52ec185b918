package org.channels4j.select;

import org.channels4j.testing.ThreadKind;
import org.channels4j.testing.Workers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.channels4j.SelectClause;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract, Select: "{@code select} picks uniformly at random among the clauses that are ready
 * at once; {@code selectBiased} picks the first ready clause in argument order", including
 * when several clauses name the same channel.
 *
 * <p>The statistical checks use five standard deviations of a fair coin, so a correct
 * implementation fails them about once in two million runs, and an implementation that prefers
 * one clause by even a few percent fails them every time.
 */
@Timeout(60)
class SelectFairnessTest {
    private static final int SELECTS = 10_000;

    @Test
    void selectSplitsEvenlyBetweenTwoAlwaysReadyChannels() throws InterruptedException {
        final Channel<Integer> first = filled(SELECTS);
        final Channel<Integer> second = filled(SELECTS);
        final Channel<Integer> empty = Channels.buffered(1);
        int firstWins = 0;
        for (int i = 0; i < SELECTS; i++) {
            // Go's TestSelectFairness: two ready clauses among clauses that are never ready.
            final int winner = Select.select(
                    first.onReceive(v -> 0),
                    empty.onReceive(v -> 2),
                    second.onReceive(v -> 1),
                    Channels.<Integer>never().onReceive(v -> 3));
            assertTrue(winner == 0 || winner == 1, "a clause that was never ready won: " + winner);
            if (winner == 0) {
                firstWins++;
            }
        }
        assertWithinFiveSigma(firstWins, SELECTS, "selects won by the first of two ready channels");
        assertEquals(SELECTS - firstWins, SELECTS - second.size(), "wins must match what left the channel");
    }

    /**
     * Three ready clauses, two receives and a send, among one that is never ready: each wins a
     * third of the selects, within five sigma.
     */
    @Test
    void selectSplitsEvenlyAmongThreeReadyClausesOfBothDirections() throws InterruptedException {
        final Channel<Integer> first = filled(SELECTS);
        final Channel<Integer> second = filled(SELECTS);
        final Channel<Integer> room = Channels.buffered(SELECTS);
        final int[] wins = new int[3];
        for (int i = 0; i < SELECTS; i++) {
            final int winner = Select.select(
                    first.onReceive(v -> 0),
                    Channels.<Integer>never().onReceive(v -> 3),
                    room.onSend(i, () -> 2),
                    second.onReceive(v -> 1));
            assertTrue(winner >= 0 && winner <= 2, "a clause that was never ready won: " + winner);
            wins[winner]++;
        }
        for (int c = 0; c < 3; c++) {
            assertWithinFiveSigma(wins[c], SELECTS, 1.0 / 3, "selects won by ready clause " + c);
        }
        assertEquals(wins[2], room.size(), "send wins must match what entered the channel");
    }

    @Test
    void selectBiasedAlwaysPicksTheFirstReadyClause() throws InterruptedException {
        final Channel<Integer> first = filled(SELECTS);
        final Channel<Integer> second = filled(SELECTS);
        final Channel<Integer> empty = Channels.buffered(1);
        for (int i = 0; i < SELECTS; i++) {
            final int winner = Select.selectBiased(
                    empty.onReceive(v -> 0), first.onReceive(v -> 1), second.onReceive(v -> 2));
            assertEquals(1, winner, "selectBiased skipped the first ready clause at select " + i);
        }
        assertEquals(0, first.size());
        assertEquals(SELECTS, second.size(), "selectBiased took from the second channel");
    }

    /** The same for send clauses, a full channel's first: the first clause with room wins. */
    @Test
    void selectBiasedAlwaysPicksTheFirstReadySendClause() throws InterruptedException {
        final Channel<Integer> full = filled(1);
        final Channel<Integer> first = Channels.buffered(SELECTS);
        final Channel<Integer> second = Channels.buffered(SELECTS);
        for (int i = 0; i < SELECTS; i++) {
            final int winner = Select.selectBiased(
                    full.onSend(i, () -> 0), first.onSend(i, () -> 1), second.onSend(i, () -> 2));
            assertEquals(1, winner, "selectBiased skipped the first ready send clause at select " + i);
        }
        assertEquals(SELECTS, first.size());
        assertEquals(0, second.size(), "selectBiased sent on the second channel");
        assertEquals(1, full.size(), "selectBiased sent on the full channel");
    }

    @Test
    void twoSendClausesOnOneBufferedChannelAreBothChosen() throws InterruptedException {
        final Channel<Integer> ch = Channels.buffered(1);
        final int[] wins = new int[2];
        for (int i = 0; i < 200; i++) {
            final int clause = Select.select(ch.onSend(0, () -> 0), ch.onSend(1, () -> 1));
            assertEquals(clause, ch.tryReceive(), "the element sent must be the chosen clause's");
            wins[clause]++;
        }
        assertBothChosen(wins);
    }

    @Test
    void twoReceiveClausesOnOneBufferedChannelAreBothChosen() throws InterruptedException {
        final Channel<Integer> ch = Channels.buffered(1);
        final int[] wins = new int[2];
        for (int i = 0; i < 200; i++) {
            assertTrue(ch.trySend(i));
            final int element = i;
            final int clause = Select.select(
                    ch.onReceive(v -> v == element ? 0 : -1), ch.onReceive(v -> v == element ? 1 : -1));
            assertTrue(clause >= 0, "received the wrong element");
            wins[clause]++;
        }
        assertBothChosen(wins);
    }

    /** Both clauses are ready at once: a receiver is already parked on the unbuffered channel. */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void twoSendClausesToAParkedReceiverAreBothChosen(ThreadKind kind) throws Exception {
        final int[] wins = new int[2];
        for (int i = 0; i < 64; i++) {
            final Channel<Integer> ch = Channels.unbuffered();
            final Integer[] received = new Integer[1];
            try (Workers workers = new Workers(kind)) {
                workers.startParked("receiver", () -> received[0] = ch.receive());
                final int clause = Select.select(ch.onSend(0, () -> 0), ch.onSend(1, () -> 1));
                workers.joinAll(Duration.ofSeconds(20));
                assertEquals(clause, received[0], "the receiver must get the chosen clause's element");
                wins[clause]++;
            }
        }
        assertBothChosen(wins);
    }

    /**
     * The select parks first and a partner arrives later, making both of its clauses on the
     * channel ready at once (Go's TestPseudoRandomSend at capacity 0 relies on this too). At
     * capacity 1 the buffer is full when the select parks, and a receive frees a slot.
     */
    @ParameterizedTest(name = "{0}, capacity {1}")
    @MethodSource("threadKindsAndCapacities")
    void twoSendClausesOfAParkedSelectAreBothChosen(ThreadKind kind, int capacity) throws Exception {
        final int[] wins = new int[2];
        for (int i = 0; i < 64; i++) {
            final Channel<Integer> ch = capacity == 0 ? Channels.unbuffered() : Channels.buffered(capacity);
            if (capacity > 0) {
                assertTrue(ch.trySend(-1));
            }
            final int[] chosen = new int[1];
            try (Workers workers = new Workers(kind)) {
                workers.startParked("selector",
                        () -> chosen[0] = Select.select(ch.onSend(0, () -> 0), ch.onSend(1, () -> 1)));
                if (capacity > 0) {
                    assertEquals(-1, ch.tryReceive(Duration.ofSeconds(20)));
                }
                final Integer received = ch.tryReceive(Duration.ofSeconds(20));
                workers.joinAll(Duration.ofSeconds(20));
                assertEquals(chosen[0], received, "the receiver must get the chosen clause's element");
                wins[chosen[0]]++;
            }
        }
        assertBothChosen(wins, "capacity " + capacity);
    }

    /** As above, for two receive clauses of a parked select and a sender arriving later. */
    @ParameterizedTest(name = "{0}, capacity {1}")
    @MethodSource("threadKindsAndCapacities")
    void twoReceiveClausesOfAParkedSelectAreBothChosen(ThreadKind kind, int capacity) throws Exception {
        final int[] wins = new int[2];
        for (int i = 0; i < 64; i++) {
            final Channel<Integer> ch = capacity == 0 ? Channels.unbuffered() : Channels.buffered(capacity);
            final int[] chosen = new int[1];
            final int element = i;
            try (Workers workers = new Workers(kind)) {
                workers.startParked("selector", () -> chosen[0] = Select.select(
                        ch.onReceive(v -> v == element ? 0 : -1), ch.onReceive(v -> v == element ? 1 : -1)));
                assertTrue(ch.trySend(element, Duration.ofSeconds(20)));
                workers.joinAll(Duration.ofSeconds(20));
                assertTrue(chosen[0] >= 0, "received the wrong element");
                wins[chosen[0]]++;
            }
        }
        assertBothChosen(wins, "capacity " + capacity);
    }

    /**
     * Many receive clauses on one unbuffered channel, the select parked, one sender later: the
     * sender takes the oldest node, so each clause wins only as often as it is registered
     * first. 17 clauses take the unpacked registration order ({@code RegistrationOrderTest}).
     * A clause left out of the order, or never first in it, never wins: 30 trials per clause
     * miss a clause of a uniform order with probability below e^-30 per clause.
     */
    @ParameterizedTest(name = "{0}, {1} clauses")
    @MethodSource("threadKindsAndClauseCounts")
    void everyOfManyReceiveClausesOfAParkedSelectIsChosen(ThreadKind kind, int n) throws Exception {
        final int[] wins = new int[n];
        for (int t = 0; t < 30 * n; t++) {
            final Channel<Integer> ch = Channels.unbuffered();
            @SuppressWarnings("unchecked") // generic array
            final SelectClause<Integer>[] clauses = new SelectClause[n];
            for (int i = 0; i < n; i++) {
                final int clause = i;
                clauses[i] = ch.onReceive(v -> clause);
            }
            final int[] chosen = new int[1];
            try (Workers workers = new Workers(kind)) {
                workers.startParked("selector", () -> chosen[0] = Select.select(clauses));
                assertTrue(ch.trySend(t, Duration.ofSeconds(20)));
                workers.joinAll(Duration.ofSeconds(20));
                wins[chosen[0]]++;
            }
        }
        for (int i = 0; i < n; i++) {
            assertTrue(wins[i] > 0, "clause " + i + " never won; wins per clause: " + Arrays.toString(wins));
        }
    }

    static Stream<Arguments> threadKindsAndClauseCounts() {
        return ThreadKind.each(3, 17);
    }

    static Stream<Arguments> threadKindsAndCapacities() {
        return ThreadKind.each(0, 1);
    }

    private static Channel<Integer> filled(int n) {
        final Channel<Integer> ch = Channels.buffered(n);
        for (int i = 0; i < n; i++) {
            assertTrue(ch.trySend(i));
        }
        return ch;
    }

    private static void assertWithinFiveSigma(int hits, int trials, String what) {
        assertWithinFiveSigma(hits, trials, 0.5, what);
    }

    /** {@code hits} within five standard deviations of {@code trials} draws that each hit with probability {@code p}. */
    private static void assertWithinFiveSigma(int hits, int trials, double p, String what) {
        final double expected = trials * p;
        final double sigma = Math.sqrt(trials * p * (1 - p));
        assertTrue(Math.abs(hits - expected) <= 5 * sigma,
                what + ": " + hits + " of " + trials + ", more than 5 sigma (" + 5 * sigma + ") from "
                        + expected);
    }

    private static void assertBothChosen(int[] wins) {
        assertBothChosen(wins, "");
    }

    private static void assertBothChosen(int[] wins, String context) {
        assertTrue(wins[0] > 0 && wins[1] > 0,
                "each clause must win sometimes " + context + "; wins per clause: " + Arrays.toString(wins));
    }
}
