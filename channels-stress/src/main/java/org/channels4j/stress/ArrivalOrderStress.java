package org.channels4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.channels4j.Channel;
import org.channels4j.Channels;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIIII_Result;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * "Threads blocked on one channel are served in arrival order." A test can only claim an
 * order between threads it knows to be blocked, so each test waits until the first waiter
 * is parked (its thread WAITING or TIMED_WAITING: registered, re-checked and asleep) before
 * the second waiter starts, and until that one is parked too before serving them. The first
 * waiter is an actor (a platform thread), the second a {@link VirtualParty}. Codes:
 * {@link Give} and {@link Take}; {@code -9} means a waiter never parked.
 */
public final class ArrivalOrderStress {
    /** The code of a waiter that never parked (also used by {@link CloseStress}). */
    static final int NEVER_PARKED = -9;

    private ArrivalOrderStress() {
    }

    /** The first waiter's thread, published by the first actor. */
    static final class FirstWaiter {
        volatile Thread thread;

        void arrive() {
            thread = Thread.currentThread();
        }

        boolean parked() {
            return Waits.until(() -> thread != null) && Waits.untilParked(thread);
        }
    }

    /**
     * Two senders parked on an unbuffered channel are matched oldest first. Fails if a
     * receiver matched any but the first live sender in the wait queue (for example by
     * scanning from the tail).
     */
    @JCStressTest
    @Outcome(id = "1, 2, 1, 1", expect = ACCEPTABLE, desc = "the first parked sender was served first")
    @Outcome(expect = FORBIDDEN, desc = "served out of arrival order, an element lost, or a sender never parked")
    @State
    public static class BlockedSendersOnUnbufferedServedInArrivalOrder {
        private final Channel<Integer> ch = Channels.unbuffered();
        private final FirstWaiter first = new FirstWaiter();

        @Actor
        public void firstSender(IIII_Result r) {
            first.arrive();
            r.r3 = Give.within(ch, 1, Waits.LIVENESS);
        }

        @Actor
        public void secondSenderThenReceiver(IIII_Result r) {
            if (!first.parked()) {
                r.r1 = NEVER_PARKED;
                return;
            }
            final VirtualParty second = VirtualParty.start(() -> Give.within(ch, 2, Waits.LIVENESS));
            final boolean secondParked = Waits.untilParked(second.thread());
            r.r1 = Take.within(ch, Waits.LIVENESS);
            r.r2 = Take.within(ch, Waits.LIVENESS);
            r.r4 = secondParked ? second.joinInt(NEVER_PARKED) : NEVER_PARKED;
        }
    }

    /**
     * Two receivers parked on an unbuffered channel are matched oldest first, and a
     * non-blocking trySend succeeds while they wait. Fails if a sender matched any but the
     * first live receiver.
     */
    @JCStressTest
    @Outcome(id = "1, 2, 1, 1", expect = ACCEPTABLE, desc = "the first parked receiver got the first element")
    @Outcome(expect = FORBIDDEN, desc = "served out of arrival order, a trySend refused with receivers waiting, "
            + "or a receiver never parked")
    @State
    public static class BlockedReceiversOnUnbufferedServedInArrivalOrder {
        private final Channel<Integer> ch = Channels.unbuffered();
        private final FirstWaiter first = new FirstWaiter();

        @Actor
        public void firstReceiver(IIII_Result r) {
            first.arrive();
            r.r1 = Take.within(ch, Waits.LIVENESS);
        }

        @Actor
        public void secondReceiverThenSender(IIII_Result r) {
            if (!first.parked()) {
                r.r2 = NEVER_PARKED;
                return;
            }
            final VirtualParty second = VirtualParty.start(() -> Take.within(ch, Waits.LIVENESS));
            final boolean secondParked = Waits.untilParked(second.thread());
            r.r3 = Give.now(ch, 1);
            r.r4 = Give.now(ch, 2);
            r.r2 = secondParked ? second.joinInt(NEVER_PARKED) : NEVER_PARKED;
        }
    }

    /**
     * Two senders parked on a full buffered(1) channel get the freed slots oldest first: a
     * receive wakes only the oldest blocked sender, and a parked sender does not retry until
     * woken. Fails if a receive woke the newest sender, or woke all of them to race.
     */
    @JCStressTest
    @Outcome(id = "0, 1, 2, 1, 1", expect = ACCEPTABLE, desc = "the buffered element, then the senders' in arrival order")
    @Outcome(expect = FORBIDDEN, desc = "the senders' elements out of arrival order, an element lost, or a sender never parked")
    @State
    public static class BlockedSendersOnFullBufferServedInArrivalOrder {
        private final Channel<Integer> ch = Channels.buffered(1);
        private final FirstWaiter first = new FirstWaiter();

        public BlockedSendersOnFullBufferServedInArrivalOrder() {
            ch.trySend(0);
        }

        @Actor
        public void firstSender(IIIII_Result r) {
            first.arrive();
            r.r4 = Give.within(ch, 1, Waits.LIVENESS);
        }

        @Actor
        public void secondSenderThenReceiver(IIIII_Result r) {
            if (!first.parked()) {
                r.r1 = NEVER_PARKED;
                return;
            }
            final VirtualParty second = VirtualParty.start(() -> Give.within(ch, 2, Waits.LIVENESS));
            final boolean secondParked = Waits.untilParked(second.thread());
            r.r1 = Take.within(ch, Waits.LIVENESS);
            r.r2 = Take.within(ch, Waits.LIVENESS);
            r.r3 = Take.within(ch, Waits.LIVENESS);
            r.r5 = secondParked ? second.joinInt(NEVER_PARKED) : NEVER_PARKED;
        }
    }

    /**
     * Two receivers parked on an empty buffered(2) channel, then two elements sent: each send
     * serves the oldest waiting receiver, polling the buffer for it ({@code BufferChannel}'s
     * {@code serveReceiver}), so the first parked receiver gets the first element. Fails if
     * receivers were served or woken out of arrival order (the newer receiver takes 1 and the
     * older 2), or an element is lost or doubled, or a receiver is never woken.
     *
     * <p>Until 2026-12-07 this test was named {@code ...WokenInArrivalOrder} and accepted the
     * out-of-order outcome as interesting: it was written when a send only woke the oldest
     * receiver, which then raced the others for the buffer. Since receivers are served, the
     * order is exact, and a review found that the test could not fail on the order its name
     * claimed.
     */
    @JCStressTest
    @Outcome(id = "1, 2, 1, 1", expect = ACCEPTABLE, desc = "the first parked receiver got the first element")
    @Outcome(expect = FORBIDDEN,
            desc = "served out of arrival order, an element lost or doubled, a send refused, or a receiver never parked")
    @State
    public static class BlockedReceiversOnBufferedChannelServedInArrivalOrder {
        private final Channel<Integer> ch = Channels.buffered(2);
        private final FirstWaiter first = new FirstWaiter();

        @Actor
        public void firstReceiver(IIII_Result r) {
            first.arrive();
            r.r1 = Take.within(ch, Waits.LIVENESS);
        }

        @Actor
        public void secondReceiverThenSender(IIII_Result r) {
            if (!first.parked()) {
                r.r2 = NEVER_PARKED;
                return;
            }
            final VirtualParty second = VirtualParty.start(() -> Take.within(ch, Waits.LIVENESS));
            final boolean secondParked = Waits.untilParked(second.thread());
            r.r3 = Give.now(ch, 1);
            r.r4 = Give.now(ch, 2);
            r.r2 = secondParked ? second.joinInt(NEVER_PARKED) : NEVER_PARKED;
        }
    }
}
