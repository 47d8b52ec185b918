package org.channels4j.select;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract, FIFO: "threads blocked on one channel are served in arrival order", for the plain
 * waiters behind a select that a buffered channel woke. A select over several clauses is woken
 * rather than served ({@code BufferChannel}); if it then completes another clause, it passes
 * the wake-up on to the next waiter ({@code Selection.complete}), since the element or slot it
 * was woken for may still be there. Here it is not: the select names the channel twice and
 * takes the element (or the slot) itself through its other clause about half the time (the
 * pick among ready clauses is random). Passing the wake-up on regardless woke the oldest plain
 * waiter for nothing; that waiter tried, found nothing, and registered again behind the one
 * that arrived after it (found in review, 2026-12-07). A woken waiter is passed on only if what
 * it was woken for is still there ({@code BufferChannel.forwardWake}).
 *
 * <p>Each trial: the select S, then plain waiters P and Q, each parked before the next starts;
 * the test makes S ready, S completes, and the test then serves two more elements (or slots),
 * which must go to P first.
 */
@Timeout(120)
class SelectForwardedWakeTest {
    /** Half of the trials pick the other clause; 12 trials all miss with probability 2^-12. */
    private static final int TRIALS = 12;
    /** Time for a waiter woken for nothing to try and register again before the test goes on. */
    private static final long SETTLE_MILLIS = 30;

    static Stream<Arguments> receiveCases() {
        return ThreadKind.each(1, Integer.MAX_VALUE);
    }

    @ParameterizedTest(name = "{0} threads, capacity {1}")
    @MethodSource("receiveCases")
    void aSelectThatTookTheElementItselfWakesNoReceiverBehindIt(ThreadKind kind, int capacity) throws Exception {
        for (int trial = 0; trial < TRIALS; trial++) {
            final Channel<Integer> c = capacity == Integer.MAX_VALUE ? Channels.unbounded() : Channels.buffered(capacity);
            final Forked<Integer> s = Forked.start(kind, "S", () -> {
                final Integer got = Select.select(c.onReceive(v -> v), c.onReceive(v -> v));
                return got;
            }).awaitBlocked();
            final Forked<Integer> p = Forked.start(kind, "P", c::receive).awaitBlocked();
            final Forked<Integer> q = Forked.start(kind, "Q", c::receive).awaitBlocked();
            c.send(1);
            assertEquals(1, s.join(), "the select takes the element it was woken for");
            Thread.sleep(SETTLE_MILLIS);
            p.awaitBlocked();
            c.send(2);
            c.send(3);
            assertEquals(2, p.join(), "trial " + trial + ": P, blocked before Q, is served first");
            assertEquals(3, q.join(), "trial " + trial);
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @MethodSource("org.channels4j.select.SelectForwardedWakeTest#kinds")
    void aSelectThatTookTheSlotItselfWakesNoSenderBehindIt(ThreadKind kind) throws Exception {
        for (int trial = 0; trial < TRIALS; trial++) {
            final Channel<Integer> c = Channels.buffered(1);
            c.send(0); // full
            final Forked<String> s = Forked.start(kind, "S", () -> {
                final String sent = Select.select(c.onSend(10, () -> "sent"), c.onSend(11, () -> "sent"));
                return sent;
            }).awaitBlocked();
            final Forked<Void> p = Forked.run(kind, "P", () -> c.send(20)).awaitBlocked();
            final Forked<Void> q = Forked.run(kind, "Q", () -> c.send(30)).awaitBlocked();
            assertEquals(0, c.receive()); // frees the slot: S is woken and sends itself
            assertEquals("sent", s.join());
            Thread.sleep(SETTLE_MILLIS);
            p.awaitBlocked();
            final int fromS = c.receive(); // frees the slot again: P's element must come next
            assertEquals(11, fromS | 1, "S sent 10 or 11");
            assertEquals(20, c.receive(), "trial " + trial + ": P, blocked before Q, is served first");
            assertEquals(30, c.receive(), "trial " + trial);
            p.join();
            q.join();
        }
    }

    static Stream<ThreadKind> kinds() {
        return Stream.of(ThreadKind.values());
    }
}
