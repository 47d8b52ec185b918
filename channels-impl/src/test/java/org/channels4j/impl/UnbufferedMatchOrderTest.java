package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link UnbufferedChannel}, "Who matches whom": of two registered waiters that could match,
 * exactly one acts on the other in its re-check (step 3 of {@link Selection}), never both.
 * If both acted, each would cancel itself, both would retry and could do so forever; if
 * neither did and both parked, the rendezvous would be lost.
 *
 * <p>The tests drive the re-check by hand, one step at a time, so every interleaving they check
 * is fixed: they register nodes the way {@link Selection} does, ask each waiter's clauses
 * whether they are ready for it ({@code sendReady(own)}, {@code receiveReady(own)}), which is
 * exactly what its re-check asks, and then do what {@code Selection} does with the answer:
 * cancel the waiter if ready (it acts, and leaves the queue), settle it if not. Each case runs
 * for a plain send and receive, for two selects crossing on two channels (each sends on one
 * and receives on the other), and for two selects that both send and receive on one channel.
 * The waiters are made on two threads that have finished, so their ids differ.
 *
 * <p>Two threads racing through the whole protocol are checked by jcstress
 * {@code RecheckStress} (each failure planted there: a waiter that skips an unsettled partner
 * of smaller id instead of waiting, and one that acts on any unsettled partner), and what the
 * rule buys in real runs (no lost rendezvous) by
 * {@code org.channels4j.lincheck.UnbufferedRendezvousLincheckTest} and
 * {@code org.channels4j.select.CrossingSelectsTest}.
 */
@Timeout(30)
class UnbufferedMatchOrderTest {

    /** How the two waiters register; {@code smaller} is the one of the smaller thread id. */
    enum Shape {
        PLAIN, SELECTS_ON_TWO_CHANNELS, SELECTS_ON_ONE_CHANNEL
    }

    /** Two waiters on fresh channels, registered and re-checked one step at a time. */
    static final class Case {
        final Waiter smaller;
        final Waiter larger;
        private final Runnable registerSmaller;
        private final Runnable registerLarger;
        private final WaitNode[] smallerNodes = new WaitNode[2];
        private final WaitNode[] largerNodes = new WaitNode[2];
        private final UnbufferedChannel<Integer> a = new UnbufferedChannel<>();
        private final UnbufferedChannel<Integer> b;
        private final boolean plain;

        Case(Shape shape) throws InterruptedException {
            final ThreadRecord[] threads = recordsOfTwoThreads();
            plain = shape == Shape.PLAIN;
            b = shape == Shape.SELECTS_ON_TWO_CHANNELS ? new UnbufferedChannel<>() : a;
            if (plain) { // the smaller id sends, the larger receives: each its own waiter
                smaller = new Waiter(threads[0], true, 1);
                larger = new Waiter(threads[1], false, null);
                registerSmaller = () -> a.registerSender(smaller);
                registerLarger = () -> a.registerReceiver(larger);
                return;
            }
            // the smaller sends on a with its first node and receives on b with a member; the
            // larger receives on a and sends on b; with a and b one channel, both do both there
            final SelectWaiter x = new SelectWaiter(threads[0], WaitNode.bits(true, false, 0, true), 1);
            final SelectWaiter y = new SelectWaiter(threads[1], WaitNode.bits(true, false, 0, false), null);
            smaller = x;
            larger = y;
            registerSmaller = () -> {
                a.registerSender(x);
                smallerNodes[1] = new SelectNode(x, WaitNode.bits(true, false, 1, false), null);
                b.registerReceiver(smallerNodes[1]);
            };
            registerLarger = () -> {
                a.registerReceiver(y);
                largerNodes[1] = new SelectNode(y, WaitNode.bits(true, false, 1, true), 2);
                b.registerSender(largerNodes[1]);
            };
        }

        void registerSmaller() {
            registerSmaller.run();
        }

        void registerLarger() {
            registerLarger.run();
        }

        /** The smaller id's re-check, then what Selection does with it (see {@link #settleOrCancel}). */
        boolean smallerReChecks() {
            final boolean ready = plain ? a.sendReady(smaller)
                    : a.sendReady(smaller) | b.receiveReady(smallerNodes[1]);
            return settleOrCancel(smaller, ready);
        }

        /** The larger id's re-check, then what Selection does with it. */
        boolean largerReChecks() {
            final boolean ready = plain ? a.receiveReady(larger)
                    : a.receiveReady(larger) | b.sendReady(largerNodes[1]);
            return settleOrCancel(larger, ready);
        }

        /** What Selection does with a re-check's answer: acting cancels the waiter, else it settles. */
        private static boolean settleOrCancel(Waiter w, boolean ready) {
            if (ready) {
                assertTrue(w.tryCancel(), "a waiter that acts cancels itself first");
            } else {
                w.settle();
            }
            return ready;
        }

        /** The larger id's re-check on a thread of its own, which may have to wait. */
        CompletableFuture<Boolean> largerReChecksElsewhere() {
            return CompletableFuture.supplyAsync(this::largerReChecks,
                    runnable -> Thread.ofPlatform().daemon(true).start(runnable));
        }
    }

    /**
     * Both registered, in either order, neither re-checked yet, and the waiter of the smaller
     * thread id re-checks first: it acts on the unsettled partner; the other then finds it gone
     * and acts on nothing. Fails if ids do not decide between two unsettled waiters.
     */
    @ParameterizedTest
    @EnumSource(Shape.class)
    void ofTwoWaitersStillReCheckingTheOneOfTheSmallerThreadIdActs(Shape shape) throws Exception {
        for (boolean smallerFirst : new boolean[] {true, false}) {
            final Case c = new Case(shape);
            if (smallerFirst) {
                c.registerSmaller();
                c.registerLarger();
            } else {
                c.registerLarger();
                c.registerSmaller();
            }
            final String when = "smaller id registered first: " + smallerFirst;
            assertTrue(c.smallerReChecks(), when);
            assertFalse(c.largerReChecks(), when);
        }
    }

    /**
     * One waiter re-checked before the other registered, found nobody and settled; the other,
     * registering later, meets it settled and acts on it, whichever id is smaller. Fails if a
     * settled partner of smaller id is waited for (the re-check would never return) or skipped.
     */
    @ParameterizedTest
    @EnumSource(Shape.class)
    void aWaiterThatMeetsASettledPartnerActsOnIt(Shape shape) throws Exception {
        for (boolean smallerSettles : new boolean[] {true, false}) {
            final Case c = new Case(shape);
            final String when = "the smaller id settled: " + smallerSettles;
            if (smallerSettles) {
                c.registerSmaller();
                assertFalse(c.smallerReChecks(), "nobody registered yet");
                c.registerLarger();
                assertTrue(c.largerReChecksElsewhere().get(10, TimeUnit.SECONDS), when);
            } else {
                c.registerLarger();
                assertFalse(c.largerReChecks(), "nobody registered yet");
                c.registerSmaller();
                assertTrue(c.smallerReChecks(), when);
            }
        }
    }

    /**
     * The waiter of the larger id meets a partner of smaller id that is still re-checking: it
     * must neither act (the partner may act on it) nor skip it (the partner may have looked
     * before we registered, and will settle and park). It waits until the partner settles, and
     * then acts. Fails if it skips the partner (not ready at once: a lost rendezvous) or acts on
     * it while it is unsettled (ready at once: both may act).
     */
    @ParameterizedTest
    @EnumSource(Shape.class)
    void aWaiterThatMeetsAnUnsettledPartnerOfSmallerIdWaitsForItToSettleAndThenActs(Shape shape) throws Exception {
        final Case c = new Case(shape);
        final CompletableFuture<Boolean> larger = largerWaitingForTheSmaller(c);
        c.smaller.settle(); // as if its re-check had run before the larger one registered
        assertTrue(larger.get(10, TimeUnit.SECONDS), "once the partner settled, the waiter acts on it");
    }

    /**
     * While it waits for an unsettled partner, the partner leaving (it acted on us, or gave up)
     * ends the wait: not ready, nobody to act on.
     */
    @ParameterizedTest
    @EnumSource(Shape.class)
    void aPartnerThatLeavesEndsTheWait(Shape shape) throws Exception {
        final Case c = new Case(shape);
        final CompletableFuture<Boolean> larger = largerWaitingForTheSmaller(c);
        assertTrue(c.smaller.tryCancel()); // it gave up
        assertFalse(larger.get(10, TimeUnit.SECONDS), "the partner left: nobody to act on");
    }

    /**
     * Registers both waiters, starts the larger id's re-check on a thread of its own while the
     * smaller is unsettled, and checks that it is still waiting 200 ms later.
     */
    private static CompletableFuture<Boolean> largerWaitingForTheSmaller(Case c) throws InterruptedException {
        c.registerSmaller();
        c.registerLarger();
        final CompletableFuture<Boolean> larger = c.largerReChecksElsewhere();
        Thread.sleep(200);
        assertFalse(larger.isDone(), "the larger id's re-check must wait while the partner is unsettled");
        return larger;
    }

    /** The records of two threads that have finished, the first with the smaller thread id. */
    static ThreadRecord[] recordsOfTwoThreads() throws InterruptedException {
        final ThreadRecord[] pair = new ThreadRecord[2];
        for (int i = 0; i < 2; i++) {
            final AtomicReference<ThreadRecord> made = new AtomicReference<>();
            final Thread t = Thread.ofPlatform().daemon(true).start(() -> made.set(ThreadRecord.current()));
            t.join();
            pair[i] = made.get();
        }
        assertTrue(pair[0].thread.threadId() < pair[1].thread.threadId(), "thread ids grow");
        return pair;
    }
}
