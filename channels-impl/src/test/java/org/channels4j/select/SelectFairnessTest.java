package org.channels4j.select;

import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.channels4j.testing.Workers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
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
 * <p>The statistical checks on buffered channels use five standard deviations of a fair coin,
 * so a correct implementation fails them about once in two million runs, and an implementation
 * that prefers one clause by even a few percent fails them every time. Those on unbounded
 * channels and on partners parked on unbuffered channels bound each clause's share with
 * Hoeffding's inequality at a false-failure probability of 1e-9 ({@link #assertUniform}).
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

    /**
     * The same on unbounded channels, whose buffers are segments, not a ring: two filled
     * channels' receive clauses and a send clause, which on an unbounded channel is always
     * ready, among an empty unbounded channel's receive and a never-ready clause. The ready send
     * clause is listed last, so that a select that never picks its last ready clause fails too.
     */
    @Test
    void selectIsUniformAmongReadyClausesOfUnboundedChannels() throws InterruptedException {
        final int selects = 12_000;
        final Channel<Integer> first = Channels.unbounded();
        final Channel<Integer> second = Channels.unbounded();
        for (int i = 0; i < selects; i++) {
            assertTrue(first.trySend(i));
            assertTrue(second.trySend(i));
        }
        final Channel<Integer> empty = Channels.unbounded();
        final Channel<Integer> room = Channels.unbounded();
        final int[] wins = new int[3];
        for (int i = 0; i < selects; i++) {
            final int winner = Select.select(
                    first.onReceive(v -> 0),
                    empty.onReceive(v -> 3),
                    second.onReceive(v -> 1),
                    Channels.<Integer>never().onReceive(v -> 4),
                    room.onSend(i, () -> 2));
            assertTrue(winner >= 0 && winner <= 2, "a clause that was never ready won: " + winner);
            wins[winner]++;
        }
        assertUniform(wins, "unbounded channels");
        assertEquals(selects - wins[0], first.size(), "wins of clause 0 must match what left its channel");
        assertEquals(selects - wins[1], second.size(), "wins of clause 1 must match what left its channel");
        assertEquals(wins[2], room.size(), "wins of clause 2 must match what entered its channel");
    }

    /**
     * On unbuffered channels a clause is ready when a partner is parked on its channel: a sender
     * on each of two channels and a receiver on a third, each the only partner of its channel,
     * among a receive clause of an unbuffered channel nobody sends on and a never-ready clause.
     * Before each select the partner of the previous winner must have come back and parked
     * again, so that every select sees all three ready. The receiver's clause is listed last.
     */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void selectIsUniformAmongPartnersParkedOnUnbufferedChannels(ThreadKind kind) throws Exception {
        final int selects = 3_000;
        final List<Channel<Integer>> partnered = List.of(Channels.unbuffered(), Channels.unbuffered(),
                Channels.unbuffered());
        final Channel<Integer> idle = Channels.unbuffered();
        final AtomicLongArray completed = new AtomicLongArray(3); // each partner's sends or receives that returned
        final int[] wins = new int[3];
        try (Workers workers = new Workers(kind)) {
            final List<Forked<Void>> partners = new ArrayList<>();
            for (int c = 0; c < 3; c++) {
                final int channel = c;
                final Channel<Integer> ch = partnered.get(c);
                partners.add(workers.start(c < 2 ? "sender " + c : "receiver " + c, () -> {
                    try {
                        for (int i = 0; ; i++) {
                            if (channel < 2) {
                                ch.send(i);
                            } else {
                                final int received = ch.receive();
                                assertEquals(i, received, "the receiver must get the select's elements in order");
                            }
                            completed.incrementAndGet(channel);
                        }
                    } catch (ChannelClosedException done) {
                        // the test is over
                    }
                }));
            }
            for (int i = 0; i < selects; i++) {
                for (int c = 0; c < 3; c++) {
                    awaitParkedAgain(partners.get(c), completed, c, wins[c]);
                }
                final int sent = wins[2];
                final int winner = Select.select(
                        partnered.get(0).onReceive(v -> v == wins[0] ? 0 : -1),
                        idle.onReceive(v -> 3),
                        partnered.get(1).onReceive(v -> v == wins[1] ? 1 : -1),
                        Channels.<Integer>never().onReceive(v -> 4),
                        partnered.get(2).onSend(sent, () -> 2));
                assertTrue(winner >= 0 && winner <= 2, "a clause that was never ready, or the wrong element, won: "
                        + winner);
                wins[winner]++;
            }
            partnered.forEach(Channel::close);
            workers.joinAll(Duration.ofSeconds(20));
        }
        assertUniform(wins, "unbuffered channels, " + kind + " partners");
        for (int c = 0; c < 3; c++) {
            assertEquals(wins[c], completed.get(c), "wins of clause " + c + " must match its partner's handoffs");
        }
    }

    /**
     * Waits until partner {@code c}, which the select has met {@code met} times, has returned
     * from that many operations and is parked in the next: its node is then registered and live.
     */
    private static void awaitParkedAgain(Forked<Void> partner, AtomicLongArray completed, int c, long met) {
        final long deadline = System.nanoTime() + Forked.PATIENCE.toNanos();
        while (completed.get(c) != met || !Forked.isParkedInChannel(partner.thread())) {
            assertTrue(completed.get(c) <= met, "partner " + c + " completed more operations than the select met");
            assertFalse(partner.isDone(), "partner " + c + " ended");
            assertTrue(System.nanoTime() - deadline < 0, "partner " + c + " did not park again within "
                    + Forked.PATIENCE);
            Thread.yield();
        }
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

    /** The false-failure probability {@link #assertUniform} allows a uniform select, per test. */
    private static final double FALSE_FAILURE = 1e-9;

    /**
     * Each of the {@code k = wins.length} ready clauses won within {@code epsilon} of a
     * {@code 1/k} share of the {@code n} selects. By Hoeffding's inequality a uniform select
     * misses one clause's share by {@code epsilon} or more with probability at most
     * {@code 2 exp(-2 n epsilon^2)}; {@code epsilon} is chosen so that this, summed over the
     * {@code k} clauses, is {@link #FALSE_FAILURE}. (For 3 clauses: 0.061 at 3,000 selects,
     * 0.031 at 12,000.) A select that always takes the first ready clause, or never the last,
     * misses by a third; one that takes the first ready clause from a random starting clause
     * misses by 2/15 with the tests' five clauses, ready at 0, 2 and 4 (shares 1/5, 2/5, 2/5).
     */
    private static void assertUniform(int[] wins, String what) {
        final int k = wins.length;
        final int n = Arrays.stream(wins).sum();
        final double epsilon = Math.sqrt(Math.log(2 * k / FALSE_FAILURE) / (2.0 * n));
        for (int c = 0; c < k; c++) {
            final double share = (double) wins[c] / n;
            assertTrue(Math.abs(share - 1.0 / k) < epsilon, what + ": ready clause " + c + " won " + wins[c]
                    + " of " + n + " selects, a share more than " + epsilon + " from 1/" + k
                    + "; wins per clause: " + Arrays.toString(wins));
        }
    }

    private static void assertBothChosen(int[] wins) {
        assertBothChosen(wins, "");
    }

    private static void assertBothChosen(int[] wins, String context) {
        assertTrue(wins[0] > 0 && wins[1] > 0,
                "each clause must win sometimes " + context + "; wins per clause: " + Arrays.toString(wins));
    }
}
