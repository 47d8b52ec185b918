package org.channels4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.Callable;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * A buffered channel's <em>held</em> waiter racing {@code cancel()} (issue 10). A receive that
 * frees a slot on a full channel holds the oldest blocked sender and offers its element for it;
 * a send whose element arrives while a receiver waits holds that receiver and polls for it
 * ({@link BufferedServeStress}). Meanwhile a cancel claims the buffer's remaining positions,
 * closes the channel and hands what it claimed to the {@code onUndelivered} handler. The
 * holder's offer or poll lands before the claim, between the claim and the close, or after the
 * close, and the held waiter's outcome must agree with the handler's: the rule is
 * {@link LifecycleStress}'s, every accepted element (a send that returned normally, a
 * {@code trySend} that returned true) is received exactly once or handed over exactly once, a
 * refused one (the send threw) neither, and nothing is received after the cancel.
 *
 * <p>Three threads on two CPUs: the waiter is a {@link WatchedWaiter} started by the canceller.
 * Both actors watch its thread until one of them sees it parked (registered and re-checked, so
 * that a serving operation that comes first holds it rather than racing it); then the serving
 * operation waits up to {@value #RACE_NANOS} ns and the cancel up to {@value #CANCEL_NANOS} ns,
 * so that the cancel lands before the serving operation, inside its hold, and after it. (A
 * third actor would not run: jcstress runs at most one actor per CPU. With one flag raised by
 * one actor for the other, the cancel came first in about nine samples out of ten, the watcher
 * being the one descheduled. With both watching, each of the three endings showed up in every
 * configuration of {@code -m quick -time 50} runs on two CPUs busy with another run, the rarest
 * in a few percent of samples, except where a configuration got only a few dozen samples.)
 *
 * <p>Codes: {@link Give} and {@link Take}, {@link ArrivalOrderStress#NEVER_PARKED} (-9) for a
 * waiter that never parked; "handled" is {@link Handled#code()}, the elements the handler got
 * as ascending digits, 0 for none; "after" is the arbiter's {@code tryReceive}, which must find
 * the channel closed ({@link Take#CLOSED}).
 */
public final class HeldCancelStress {
    /** How long, at most, the serving operation waits once it saw the waiter parked. */
    static final long RACE_NANOS = 1_000;
    /**
     * How long, at most, the cancel waits once it saw the waiter parked: longer, since the
     * actor that started the waiter tends to see it parked first.
     */
    static final long CANCEL_NANOS = 3_000;

    private HeldCancelStress() {
    }

    /** A blocking buffered channel of the given capacity whose handler records into {@code handled}. */
    static Channel<Integer> buffered(int capacity, Handled handled) {
        return Channels.<Integer>builder().capacity(capacity).onUndelivered(handled::add).build();
    }

    /** Each test's state: the channel, its handler's record and the watched waiter. */
    abstract static class HeldRace {
        final Handled handled = new Handled();
        final Channel<Integer> ch;
        private final WatchedWaiter waiter = new WatchedWaiter();

        HeldRace(int capacity) {
            ch = buffered(capacity, handled);
        }

        /** The canceller: starts the waiter, waits until it is parked, waits its share and cancels. */
        final void waiterThenCancel(Callable<Integer> operation) {
            waiter.start(operation);
            Waits.jitter(CANCEL_NANOS);
            ch.cancel();
        }

        /** The serving actor: waits until the waiter is parked, as the canceller does, then its share. */
        final void serveSoon() {
            waiter.untilParked();
            Waits.jitter(RACE_NANOS);
        }

        /** The arbiter: the waiter's result, the handler's elements, and a receive after it all. */
        final void settle(IIII_Result r) {
            r.r1 = waiter.result(ArrivalOrderStress.NEVER_PARKED);
            r.r3 = handled.code();
            r.r4 = Take.now(ch);
        }
    }

    /**
     * A sender parked with 2 on a full buffered(1) channel holding 1, a {@code tryReceive} that
     * takes 1, holds the sender and offers 2 for it, and a cancel. Either the receive gets 1 and
     * the holder's offer of 2 lands before the close, and the cancel hands 2 over; or the receive
     * gets 1 and the close comes before 2 is in (the holder's offer refused, or the sender woken
     * first), so the send throws and nobody sees 2; or the cancel comes first, hands 1 over, and
     * both operations find the channel closed. Fails if the holder could release the sender as
     * sent without its element in the buffer (an offer skipped, or one that found the channel
     * closed): 2 accepted but lost; if the cancel's drain missed a position the holder claimed
     * between the claim and the close; if 2 could be handed over by anyone but the drain (twice,
     * or although refused); or if the held sender were never released (LATE).
     */
    @JCStressTest
    @Outcome(id = "1, 1, 2, -2", expect = ACCEPTABLE, desc = "served first: received 1, the holder offered 2, then cancelled: 2 handed over")
    @Outcome(id = "-2, 1, 0, -2", expect = ACCEPTABLE, desc = "received 1, then closed before 2 was in: the send threw, nothing handed over")
    @Outcome(id = "-2, -2, 1, -2", expect = ACCEPTABLE, desc = "cancelled first: 1 handed over, the receive and the send found it closed")
    @Outcome(expect = FORBIDDEN, desc = "an accepted element lost or seen twice, a refused one handed over, "
            + "a send never released or never parked, or a receive after the cancel")
    @State
    public static class CancelRacesHeldSender extends HeldRace {
        public CancelRacesHeldSender() {
            super(1);
            ch.trySend(1);
        }

        @Actor
        public void senderThenCanceller() {
            waiterThenCancel(() -> Give.within(ch, 2, Waits.LIVENESS));
        }

        @Actor
        public void receiver(IIII_Result r) {
            serveSoon();
            r.r2 = Take.now(ch);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            settle(r);
        }
    }

    /**
     * A receiver parked on an empty buffered(1) channel, a {@code trySend(1)} that adds 1, holds
     * the receiver and polls for it, and a cancel. Either the holder's poll takes 1 before the
     * cancel's claim and the receiver gets it, the cancel then finding nothing; or the claim
     * comes first and the cancel hands 1 over, the holder's poll finding the channel drained
     * and the receiver the channel closed; or the cancel comes before the send, which throws.
     * Fails if the holder's poll and the cancel's drain could both take 1 (received and handed
     * over), or neither (a holder that dropped the element it polled on seeing the channel
     * closed, and released the receiver to try again); if the holder could give the receiver
     * an element and also leave it in the buffer; or if the held receiver were never released
     * (LATE).
     */
    @JCStressTest
    @Outcome(id = "1, 1, 0, -2", expect = ACCEPTABLE, desc = "served first: the holder polled 1 for the receiver, then cancelled: nothing handed over")
    @Outcome(id = "-2, 1, 1, -2", expect = ACCEPTABLE, desc = "1 was in, then cancelled before it was polled: 1 handed over, the receiver found it closed")
    @Outcome(id = "-2, -2, 0, -2", expect = ACCEPTABLE, desc = "cancelled first: the trySend threw, the receiver found it closed")
    @Outcome(expect = FORBIDDEN, desc = "an accepted element lost or seen twice, a refused one seen, "
            + "a receiver never released or never parked, or a receive after the cancel")
    @State
    public static class CancelRacesHeldReceiver extends HeldRace {
        public CancelRacesHeldReceiver() {
            super(1);
        }

        @Actor
        public void receiverThenCanceller() {
            waiterThenCancel(() -> Take.within(ch, Waits.LIVENESS));
        }

        @Actor
        public void sender(IIII_Result r) {
            serveSoon();
            r.r2 = Give.now(ch, 1);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            settle(r);
        }
    }

    /**
     * As {@link CancelRacesHeldSender} on a buffered(2) channel holding 1 and 2, the sender
     * parked with 3: the cancel's drain takes two positions, and a held offer of 3 that lands
     * between the claim and the close is the second of them. Fails as that test does, or if the
     * drain stopped short of the position the holder claimed (3 accepted but lost) or started
     * at the position the receive took (1 received and handed over).
     */
    @JCStressTest
    @Outcome(id = "1, 1, 23, -2", expect = ACCEPTABLE, desc = "served first: received 1, the holder offered 3, then cancelled: 2 and 3 handed over")
    @Outcome(id = "-2, 1, 2, -2", expect = ACCEPTABLE, desc = "received 1, then closed before 3 was in: the send threw, 2 handed over")
    @Outcome(id = "-2, -2, 12, -2", expect = ACCEPTABLE, desc = "cancelled first: 1 and 2 handed over, the receive and the send found it closed")
    @Outcome(expect = FORBIDDEN, desc = "an accepted element lost or seen twice, a refused one handed over, "
            + "a send never released or never parked, or a receive after the cancel")
    @State
    public static class CancelRacesHeldSenderCapacityTwo extends HeldRace {
        public CancelRacesHeldSenderCapacityTwo() {
            super(2);
            ch.trySend(1);
            ch.trySend(2);
        }

        @Actor
        public void senderThenCanceller() {
            waiterThenCancel(() -> Give.within(ch, 3, Waits.LIVENESS));
        }

        @Actor
        public void receiver(IIII_Result r) {
            serveSoon();
            r.r2 = Take.now(ch);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            settle(r);
        }
    }
}
