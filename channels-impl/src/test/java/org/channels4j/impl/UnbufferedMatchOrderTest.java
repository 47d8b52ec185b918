package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link UnbufferedChannel}, "Who matches whom": of two registered waiters that could match,
 * exactly one acts on the other in its re-check (step 3 of {@link Selection}), never both.
 * If both acted, each would cancel itself, both would retry and could do so forever; if
 * neither did and both parked, the rendezvous would be lost.
 *
 * <p>The tests drive the re-check by hand, one step at a time on this thread, so every
 * interleaving they check is fixed: they register nodes the way {@link Selection} does and
 * ask each waiter's clauses whether they are ready for it ({@code sendReady(own)},
 * {@code receiveReady(own)}), which is exactly what its re-check asks.
 * <ul>
 *   <li>Between plain operations the <em>ticket rule</em> decides: the waiter with the larger
 *       ticket acts. Ignoring the tickets in {@code findPartnerOrWakeCrossingSelect} makes both re-checks ready
 *       ({@link #ofASendAndAReceiveRegisteredInTurnOnlyTheLaterReCheckActs}).</li>
 *   <li>Two selects crossing on two channels are each the later one on one channel (or, on
 *       one channel, in one direction); there the <em>thread-id tie-break</em> decides: the
 *       select of the smaller thread id acts, the other wakes it. Without the tie-break both
 *       re-checks are ready
 *       ({@link #ofTwoSelectsEachTheLaterOneSomewhereOnlyTheOneOfTheSmallerThreadIdActs});
 *       without the wake-up the select that should act stays parked
 *       ({@link #aSelectThatDefersWakesTheSelectThatMustAct}).</li>
 * </ul>
 * That the ticket is taken after the append needs two threads racing, and what the rules buy
 * in real runs (no lost rendezvous) is checked by
 * {@code org.channels4j.lincheck.UnbufferedRendezvousLincheckTest} and
 * {@code org.channels4j.select.CrossingSelectsTest}. The livelock the tie-break prevents lasts
 * only while the two selects keep alternating, which neither of those reaches: this class is
 * the one that fails when the tie-break is removed.
 */
@Timeout(30)
class UnbufferedMatchOrderTest {

    /**
     * Of a plain send and a plain receive that have both registered, the one that registered
     * second (larger ticket) finds the other in its re-check; the first finds nobody it may
     * act on, whichever re-checks first. Fails if {@code findPartnerOrWakeCrossingSelect} ignores the tickets:
     * then both re-checks are ready, both cancel and retry (the cancel-retry livelock).
     */
    @ParameterizedTest(name = "sender registers first: {0}")
    @ValueSource(booleans = {true, false})
    void ofASendAndAReceiveRegisteredInTurnOnlyTheLaterReCheckActs(boolean senderFirst) {
        for (boolean earlierReChecksFirst : new boolean[] {true, false}) {
            final UnbufferedChannel<Integer> channel = new UnbufferedChannel<>();
            final Waiter sendNode = new Waiter(true, 1); // plain operations: their own waiters
            final Waiter receiveNode = new Waiter(false, null);
            if (senderFirst) {
                channel.registerSender(sendNode);
                channel.registerReceiver(receiveNode);
            } else {
                channel.registerReceiver(receiveNode);
                channel.registerSender(sendNode);
            }
            final boolean senderReady;
            final boolean receiverReady;
            if (earlierReChecksFirst == senderFirst) {
                senderReady = channel.sendReady(sendNode);
                receiverReady = channel.receiveReady(receiveNode);
            } else {
                receiverReady = channel.receiveReady(receiveNode);
                senderReady = channel.sendReady(sendNode);
            }
            final String when = "sender registered first: " + senderFirst
                    + ", earlier one re-checked first: " + earlierReChecksFirst;
            assertEquals(!senderFirst, senderReady, "send re-check ready (" + when + ")");
            assertEquals(senderFirst, receiverReady, "receive re-check ready (" + when + ")");
            assertTrue(sendNode.isWaiting() && receiveNode.isWaiting(),
                    "a re-check between plain operations wakes nobody (" + when + ")");
        }
    }

    /**
     * The crossing of the class comment: select {@code x} sends on {@code a} and receives on
     * {@code b}, select {@code y} receives on {@code a} and sends on {@code b}, and they
     * register alternately, so that {@code x} is the later one on {@code b} and {@code y} the
     * later one on {@code a}; with {@code a} and {@code b} one channel, each is the later one
     * in one direction of it. Exactly one re-check is ready, the one of the smaller thread
     * id, whichever re-checks first. Fails without the thread-id tie-break in
     * {@code findPartnerOrWakeCrossingSelect}: both are ready, both cancel and retry, and can keep doing so.
     */
    @ParameterizedTest(name = "on one channel: {0}")
    @ValueSource(booleans = {false, true})
    void ofTwoSelectsEachTheLaterOneSomewhereOnlyTheOneOfTheSmallerThreadIdActs(boolean oneChannel)
            throws Exception {
        for (boolean xHasSmallerId : new boolean[] {true, false}) {
            for (boolean smallerFirst : new boolean[] {true, false}) {
                final SelectWaiter[] pair = selectWaitersOnTwoThreads();
                final SelectWaiter x = xHasSmallerId ? pair[0] : pair[1];
                final SelectWaiter y = xHasSmallerId ? pair[1] : pair[0];
                final UnbufferedChannel<Integer> a = new UnbufferedChannel<>();
                final UnbufferedChannel<Integer> b = oneChannel ? a : new UnbufferedChannel<>();
                final WaitNode xSendsA = sends(a, x, 0, 1);
                final WaitNode ySendsB = sends(b, y, 1, 2);
                final WaitNode xReceivesB = receives(b, x, 1);
                final WaitNode yReceivesA = receives(a, y, 0);

                final boolean xReady;
                final boolean yReady;
                if (smallerFirst == xHasSmallerId) {
                    xReady = a.sendReady(xSendsA) | b.receiveReady(xReceivesB);
                    yReady = a.receiveReady(yReceivesA) | b.sendReady(ySendsB);
                } else {
                    yReady = a.receiveReady(yReceivesA) | b.sendReady(ySendsB);
                    xReady = a.sendReady(xSendsA) | b.receiveReady(xReceivesB);
                }
                final String when = "x has the smaller thread id: " + xHasSmallerId
                        + ", smaller id re-checked first: " + smallerFirst;
                assertEquals(xHasSmallerId, xReady, "x's re-check ready (" + when + ")");
                assertEquals(!xHasSmallerId, yReady, "y's re-check ready (" + when + ")");
            }
        }
    }

    /**
     * Select {@code x} registers on both channels before select {@code y}, so {@code y} is the
     * later one on both and {@code x} finds nothing in its re-check and parks. {@code y}'s
     * re-check must then not act (x has the smaller thread id) but must wake {@code x}, whose
     * retry finds {@code y}'s nodes still waiting. Also with {@code a} and {@code b} one
     * channel. Fails if the deferring select skips the partner without waking it: both park
     * and the rendezvous is lost.
     */
    @ParameterizedTest(name = "on one channel: {0}")
    @ValueSource(booleans = {false, true})
    void aSelectThatDefersWakesTheSelectThatMustAct(boolean oneChannel) throws Exception {
        final SelectWaiter[] pair = selectWaitersOnTwoThreads();
        final SelectWaiter x = pair[0]; // smaller thread id
        final SelectWaiter y = pair[1];
        final UnbufferedChannel<Integer> a = new UnbufferedChannel<>();
        final UnbufferedChannel<Integer> b = oneChannel ? a : new UnbufferedChannel<>();
        final WaitNode xSendsA = sends(a, x, 0, 1);
        final WaitNode xReceivesB = receives(b, x, 1);
        final WaitNode yReceivesA = receives(a, y, 0);
        final WaitNode ySendsB = sends(b, y, 1, 2);

        assertFalse(a.sendReady(xSendsA) | b.receiveReady(xReceivesB),
                "x registered first on both channels: nobody it may act on");
        assertFalse(a.receiveReady(yReceivesA) | b.sendReady(ySendsB),
                "y must leave the match to x, which has the smaller thread id");
        assertTrue(y.isWaiting(), "y stays registered, for x to find");
        assertFalse(x.isWaiting(), "y woke x");
        final Object wake = x.lvOutcome();
        assertTrue(wake == xSendsA || wake == xReceivesB, "x was woken through one of its own nodes, got " + wake);
        assertSame(Clause.SENT, a.sendAttempt(1), "x's retry hands its element to y's receive on a");
        assertEquals(new Match(yReceivesA, 1), y.lvOutcome(), "y is committed with x's element");
    }

    /** Registers clause {@code clause} of select {@code w} as sending {@code e} on {@code c}. */
    private static WaitNode sends(UnbufferedChannel<Integer> c, SelectWaiter w, int clause, Object e) {
        final WaitNode node = new SelectNode(w, WaitNode.bits(true, false, clause, true), e);
        c.registerSender(node);
        return node;
    }

    /** Registers clause {@code clause} of select {@code w} as receiving on {@code c}. */
    private static WaitNode receives(UnbufferedChannel<Integer> c, SelectWaiter w, int clause) {
        final WaitNode node = new SelectNode(w, WaitNode.bits(true, false, clause, false), null);
        c.registerReceiver(node);
        return node;
    }

    /**
     * Two waiters of selects (more than one channel clause each), created on two threads that
     * have finished, the first with the smaller thread id. A waiter is only ever compared by
     * its thread's id and unparked through it, which is harmless once the thread has ended.
     */
    private static SelectWaiter[] selectWaitersOnTwoThreads() throws InterruptedException {
        final SelectWaiter[] pair = new SelectWaiter[2];
        for (int i = 0; i < 2; i++) {
            final AtomicReference<SelectWaiter> made = new AtomicReference<>();
            final Thread t = Thread.ofPlatform().daemon(true).start(() -> made.set(
                    new SelectWaiter(ThreadRecord.current(), WaitNode.bits(true, false, 0, false), null)));
            t.join();
            pair[i] = made.get();
        }
        assertTrue(threadOf(pair[0]).threadId() < threadOf(pair[1]).threadId(), "thread ids grow");
        return pair;
    }

    /** The thread of a waiter that still waits: its outcome is its owner's record. */
    private static Thread threadOf(Waiter w) {
        return ((ThreadRecord) w.lvOutcome()).thread;
    }
}
