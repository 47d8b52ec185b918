package org.channels4j.impl;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.channels4j.Overflow;
import org.channels4j.stress.Give;
import org.channels4j.stress.Handled;
import org.channels4j.stress.Take;
import org.channels4j.stress.Waits;
import org.channels4j.stress.WatchedWaiter;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIIII_Result;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * {@code cancel()} on an <em>unbounded</em> channel racing sends and receives at a segment
 * boundary of its {@link SegmentedQueue}. The channel is built over segments of one or two
 * slots, and primed (a send and a receive) so that the head segment lags the consumer index
 * and the next send has to link a new segment. A cancel claims the remaining positions (a bit
 * in the consumer index), closes the queue, wakes the waiters and then drains the positions
 * from the frozen consumer index to the closed producer index into the {@code onUndelivered}
 * handler ({@link SegmentedQueue#drainDiscarded}), walking (and moving) the head segment
 * forward across the boundaries the sends linked. The rule is {@code LifecycleStress}'s:
 * every accepted element (a {@code trySend} that returned true) is received exactly once or
 * handed over exactly once, a refused one (the send threw) neither, and nothing is received
 * after the cancel. {@code LifecycleStress}, {@code DropChainStress} and
 * {@code HeldCancelStress} race cancel on ring-buffer channels only, and
 * {@link SegmentedQueueStress} has no cancel.
 *
 * <p>Codes: {@link Give} and {@link Take}; "handled" is the elements the handler got, as
 * ascending digits, one per call, 0 for none ({@link Handler#code()}), or
 * {@value Handler#CANCEL_THREW} if the cancel itself threw (an index out of bounds or a null
 * segment in a broken drain); "after" is the arbiter's {@code tryReceive}, which must find the
 * channel closed ({@link Take#CLOSED}); {@value #NEVER_PARKED} a waiter that never parked.
 */
public final class UnboundedCancelStress {
    /** The code of a waiting receiver that never parked. */
    static final int NEVER_PARKED = -9;
    /** How long, at most, the serving send waits once it saw the waiter parked (as in HeldCancelStress). */
    static final long RACE_NANOS = 1_000;
    /** How long, at most, the cancel waits once it saw the waiter parked: longer, as in HeldCancelStress. */
    static final long CANCEL_NANOS = 3_000;

    private UnboundedCancelStress() {
    }

    /**
     * The {@code onUndelivered} handler: a {@link Handled} that also records a cancel that threw.
     */
    static final class Handler {
        /** What {@link #code()} reports when the cancel threw. */
        static final int CANCEL_THREW = -5;

        private final Handled handled = new Handled();
        private volatile boolean cancelThrew;

        void add(Integer e) {
            handled.add(e);
        }

        /** {@link Handled#code()}, or {@link #CANCEL_THREW}. */
        int code() {
            return cancelThrew ? CANCEL_THREW : handled.code();
        }

        /**
         * {@code ch.cancel()}, a throw recorded rather than propagated, so that a drain that
         * fails on a boundary (an index outside its segment, a segment not linked) shows as a
         * FORBIDDEN outcome and not as an error of the test.
         */
        void cancel(BufferChannel<Integer> ch) {
            try {
                ch.cancel();
            } catch (RuntimeException t) {
                cancelThrew = true;
            }
        }
    }

    /**
     * An unbounded channel over a {@link SegmentedQueue} of {@code segmentSize} slots per
     * segment, whose handler is {@code handler}, built by the constructor the production factory
     * ({@link BufferChannel#create}) uses; primed with {@code primed} sends and as many receives,
     * so that both indices stand at {@code primed} while the head and tail segments are still
     * the first one.
     */
    static BufferChannel<Integer> unbounded(int segmentSize, int primed, Handler handler) {
        final BufferChannel<Integer> ch = new BufferChannel<>(
                new SegmentedQueue(segmentSize), Integer.MAX_VALUE, Overflow.BLOCK, e -> handler.add((Integer) e));
        for (int i = 0; i < primed; i++) {
            ch.trySend(0);
            ch.tryReceive();
        }
        return ch;
    }

    /** State of the tests of a send pair racing a cancel: the handler and the channel. */
    abstract static class SendsRace {
        final Handler handler = new Handler();
        final BufferChannel<Integer> ch;

        SendsRace(int segmentSize, int primed) {
            ch = unbounded(segmentSize, primed, handler);
        }
    }

    /**
     * Segments of one slot, both indices at 1 and the head and tail still on the segment of
     * position 0: {@code trySend(1)} then {@code trySend(2)}, each linking a new segment, racing
     * {@code cancel()}. The cancel comes after both sends (both handed over), between them (1
     * handed over, 2 refused), or before both (both refused, nothing handed over). Fails if the
     * drain started on the lagging head segment but did not step forward to the frozen consumer
     * index's segment first (an index outside its segment: the cancel throws), skipped the first
     * position of a segment it stepped into (1 or 2 lost), took a claimed slot before the sender
     * published it (an element lost, or a null handed over: 9), met a position claimed in a
     * segment not linked yet, or stopped short of the closed producer index; or if a send could
     * succeed after the close, or a receive after the cancel.
     */
    @JCStressTest
    @Outcome(id = "1, 1, 12, -2", expect = ACCEPTABLE, desc = "both sent, then cancelled: 1 and 2 handed over")
    @Outcome(id = "1, -2, 1, -2", expect = ACCEPTABLE, desc = "1 sent, cancelled in between: 1 handed over, sending 2 threw")
    @Outcome(id = "-2, -2, 0, -2", expect = ACCEPTABLE, desc = "cancelled first: both sends threw, nothing handed over")
    @Outcome(expect = FORBIDDEN, desc = "an accepted element lost or handed over twice, a refused one handed over, "
            + "the cancel threw (-5), or a receive after the cancel")
    @State
    public static class CancelRacesSendsLinkingSegmentsOfOne extends SendsRace {
        public CancelRacesSendsLinkingSegmentsOfOne() {
            super(1, 1);
        }

        @Actor
        public void sender(IIII_Result r) {
            r.r1 = Give.now(ch, 1);
            r.r2 = Give.now(ch, 2);
        }

        @Actor
        public void canceller() {
            handler.cancel(ch);
        }

        @Arbiter
        public void settle(IIII_Result r) {
            r.r3 = handler.code();
            r.r4 = Take.now(ch);
        }
    }

    /**
     * As {@link CancelRacesSendsLinkingSegmentsOfOne} with segments of two slots, both indices
     * at 1: 1 goes into the last slot of the first segment and 2 into the first slot of a
     * segment its send links, so the two elements straddle the boundary and a cancel between
     * the sends freezes the consumer index just before it. Fails as that test does, or if the
     * drain stepped to the next segment one position early or late (at the end of the segment
     * rather than past it).
     */
    @JCStressTest
    @Outcome(id = "1, 1, 12, -2", expect = ACCEPTABLE, desc = "both sent, then cancelled: 1 and 2 handed over")
    @Outcome(id = "1, -2, 1, -2", expect = ACCEPTABLE, desc = "1 sent, cancelled in between: 1 handed over, sending 2 threw")
    @Outcome(id = "-2, -2, 0, -2", expect = ACCEPTABLE, desc = "cancelled first: both sends threw, nothing handed over")
    @Outcome(expect = FORBIDDEN, desc = "an accepted element lost or handed over twice, a refused one handed over, "
            + "the cancel threw (-5), or a receive after the cancel")
    @State
    public static class CancelRacesSendsStraddlingSegmentsOfTwo extends SendsRace {
        public CancelRacesSendsStraddlingSegmentsOfTwo() {
            super(2, 1);
        }

        @Actor
        public void sender(IIII_Result r) {
            r.r1 = Give.now(ch, 1);
            r.r2 = Give.now(ch, 2);
        }

        @Actor
        public void canceller() {
            handler.cancel(ch);
        }

        @Arbiter
        public void settle(IIII_Result r) {
            r.r3 = handler.code();
            r.r4 = Take.now(ch);
        }
    }

    /**
     * Segments of one slot, both indices at 1: one actor sends 1 and 2 (each send linking a
     * segment) and then {@code tryReceive}s, racing a cancel. The receive's claim (a CAS on the
     * consumer index, after it moved the head segment onto position 1's) races the cancel's
     * claim (a CAS setting the discard bit on the same index), and the receive's move of the
     * head races the drain's. The receive gets 1 and the cancel hands 2 over; or the cancel
     * comes after the sends but before the receive's claim, hands both over, and the receive
     * finds the channel closed; or the cancel comes between the sends or before them. Fails if
     * the receive and the drain could both take 1 (a receive claiming past the discard bit, or
     * a drain starting at the position the receive took), or neither (a drain starting one
     * past the frozen index, or skipping a segment's first position); if the drain lost its way
     * because the receive moved the head segment under it (an index outside its segment); or as
     * {@link CancelRacesSendsLinkingSegmentsOfOne} fails.
     */
    @JCStressTest
    @Outcome(id = "1, 1, 1, 2, -2", expect = ACCEPTABLE, desc = "sent both, received 1, then cancelled: 2 handed over")
    @Outcome(id = "1, 1, -2, 12, -2", expect = ACCEPTABLE, desc = "sent both, cancelled before the receive: 1 and 2 handed over, the receive found it closed")
    @Outcome(id = "1, -2, -2, 1, -2", expect = ACCEPTABLE, desc = "sent 1, cancelled in between: 1 handed over, sending 2 and the receive threw")
    @Outcome(id = "-2, -2, -2, 0, -2", expect = ACCEPTABLE, desc = "cancelled first: both sends and the receive threw, nothing handed over")
    @Outcome(expect = FORBIDDEN, desc = "an accepted element lost, received and handed over, or handed over twice; "
            + "a refused one handed over; the cancel threw (-5); or a receive after the cancel")
    @State
    public static class CancelRacesSendsThenReceiveSegmentsOfOne extends SendsRace {
        public CancelRacesSendsThenReceiveSegmentsOfOne() {
            super(1, 1);
        }

        @Actor
        public void senderThenReceiver(IIIII_Result r) {
            r.r1 = Give.now(ch, 1);
            r.r2 = Give.now(ch, 2);
            r.r3 = Take.now(ch);
        }

        @Actor
        public void canceller() {
            handler.cancel(ch);
        }

        @Arbiter
        public void settle(IIIII_Result r) {
            r.r4 = handler.code();
            r.r5 = Take.now(ch);
        }
    }

    /**
     * Segments of two slots, both indices at 1: one actor sends 1 (the last slot of the first
     * segment) and 2 (the first slot of a segment it links) while the other {@code tryReceive}s
     * and then cancels. The receive finds nothing (its poll meeting position 1 unpublished, or
     * the segment of a claimed position not linked yet, must not skip it), or takes 1; the
     * cancel then freezes the consumer index at 1 or 2, on either side of the boundary, while
     * the sends may still be linking and publishing. Fails if the receive took 2 (a poll that
     * skipped an unpublished or unlinked position), or got an element the drain also handed
     * over; if the drain missed an element published in a segment linked during the cancel,
     * or one claimed before the close but published after the drain looked; or if the cancel
     * threw.
     */
    @JCStressTest
    @Outcome(id = "1, 1, -1, 12, -2", expect = ACCEPTABLE, desc = "received nothing, then both sent and cancelled: 1 and 2 handed over")
    @Outcome(id = "1, -2, -1, 1, -2", expect = ACCEPTABLE, desc = "received nothing; 1 sent, then cancelled: 1 handed over, sending 2 threw")
    @Outcome(id = "-2, -2, -1, 0, -2", expect = ACCEPTABLE, desc = "received nothing, cancelled before the sends: both threw")
    @Outcome(id = "1, 1, 1, 2, -2", expect = ACCEPTABLE, desc = "received 1, then 2 sent and cancelled: 2 handed over")
    @Outcome(id = "1, -2, 1, 0, -2", expect = ACCEPTABLE, desc = "received 1, cancelled before 2 was sent: nothing handed over")
    @Outcome(expect = FORBIDDEN, desc = "an accepted element lost, received and handed over, or handed over twice; "
            + "2 received before 1; a refused one handed over; the cancel threw (-5); or a receive after the cancel")
    @State
    public static class ReceiveThenCancelRacesSendsSegmentsOfTwo extends SendsRace {
        public ReceiveThenCancelRacesSendsSegmentsOfTwo() {
            super(2, 1);
        }

        @Actor
        public void sender(IIIII_Result r) {
            r.r1 = Give.now(ch, 1);
            r.r2 = Give.now(ch, 2);
        }

        @Actor
        public void receiverThenCanceller(IIIII_Result r) {
            r.r3 = Take.now(ch);
            handler.cancel(ch);
        }

        @Arbiter
        public void settle(IIIII_Result r) {
            r.r4 = handler.code();
            r.r5 = Take.now(ch);
        }
    }

    /**
     * {@code HeldCancelStress.CancelRacesHeldReceiver} on the segmented queue: segments of one
     * slot, both indices at 1, a receiver (a {@link WatchedWaiter} started by the canceller)
     * parked on the empty channel, a {@code trySend(1)} that links the segment of position 1,
     * publishes 1 there, holds the receiver and polls for it (moving the head segment onto the
     * new one), and a cancel. Both actors watch the receiver's thread until one of them sees it
     * parked; then the send waits up to {@value #RACE_NANOS} ns and the cancel up to
     * {@value #CANCEL_NANOS} ns, so that the cancel lands before the send, inside its hold,
     * and after it. Either the holder's poll takes 1 before the cancel's claim and the receiver
     * gets it, the cancel finding nothing; or the claim comes first, the cancel hands 1 over,
     * the holder's poll finds the channel drained and the receiver, released to retry, finds it
     * closed; or the cancel comes before the send, which throws. Fails if the holder's poll and
     * the drain could both take 1, or neither (a holder dropping what it polled on seeing the
     * channel closed, or a drain starting past the position the holder claimed, or on the
     * segment the holder's poll moved the head off); or if the held receiver were never
     * released (LATE, -4) or never parked (-9).
     */
    @JCStressTest
    @Outcome(id = "1, 1, 0, -2", expect = ACCEPTABLE, desc = "served first: the holder polled 1 for the receiver, then cancelled: nothing handed over")
    @Outcome(id = "-2, 1, 1, -2", expect = ACCEPTABLE, desc = "1 was in, then cancelled before it was polled: 1 handed over, the receiver found it closed")
    @Outcome(id = "-2, -2, 0, -2", expect = ACCEPTABLE, desc = "cancelled first: the trySend threw, the receiver found it closed")
    @Outcome(expect = FORBIDDEN, desc = "an accepted element lost, received and handed over, or handed over twice; "
            + "a refused one seen; the cancel threw (-5); a receiver never released or never parked; or a receive after the cancel")
    @State
    public static class CancelRacesHeldReceiverSegmentsOfOne {
        private final Handler handler = new Handler();
        private final BufferChannel<Integer> ch = unbounded(1, 1, handler);
        private final WatchedWaiter waiter = new WatchedWaiter();

        @Actor
        public void receiverThenCanceller() {
            waiter.start(() -> Take.within(ch, Waits.LIVENESS));
            Waits.jitter(CANCEL_NANOS);
            handler.cancel(ch);
        }

        @Actor
        public void sender(IIII_Result r) {
            waiter.untilParked();
            Waits.jitter(RACE_NANOS);
            r.r2 = Give.now(ch, 1);
        }

        @Arbiter
        public void settle(IIII_Result r) {
            r.r1 = waiter.result(NEVER_PARKED);
            r.r3 = handler.code();
            r.r4 = Take.now(ch);
        }
    }
}
