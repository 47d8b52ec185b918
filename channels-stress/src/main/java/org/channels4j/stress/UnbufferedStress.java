package org.channels4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.ThreadLocalRandom;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The rendezvous of an unbuffered channel: a handoff happens exactly once or not at all, even
 * when the waiting side is interrupted or times out at the same moment. Codes: {@link Give}
 * and {@link Take}; an interrupt status of {@code 1} means still set after the operation.
 */
public final class UnbufferedStress {
    private UnbufferedStress() {
    }

    /**
     * Two blocking sends meet two blocking receives: each element is handed over once, in the
     * order sent. Fails if a handoff could complete on one side only (a sender released with
     * no receiver, or the reverse), deliver one element twice, or overtake the earlier send.
     */
    @JCStressTest
    @Outcome(id = "1, 1, 1, 2", expect = ACCEPTABLE, desc = "both sends completed; received once each, in order")
    @Outcome(expect = FORBIDDEN, desc = "a send or receive that never completed, a duplicate, or reordering")
    @State
    public static class HandoffDeliversEachElementOnceInOrder {
        private final Channel<Integer> ch = Channels.unbuffered();

        @Actor
        public void sender(IIII_Result r) {
            r.r1 = Give.within(ch, 1, Waits.LIVENESS);
            r.r2 = Give.within(ch, 2, Waits.LIVENESS);
        }

        @Actor
        public void receiver(IIII_Result r) {
            r.r3 = Take.within(ch, Waits.LIVENESS);
            r.r4 = Take.within(ch, Waits.LIVENESS);
        }
    }

    /**
     * A blocked receiver is interrupted while a sender tries to hand it an element: either
     * the handoff won (the receiver returns the element with its interrupt status kept, and
     * the sender's trySend is true) or the interrupt won (the receiver throws, nothing was
     * taken, trySend is false). Fails if the receiver's cancel and the sender's match were not
     * decided by one CAS: the sender would see success for an element nobody received.
     */
    @JCStressTest
    @Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "handoff first; receiver returned it, status kept")
    @Outcome(id = "-3, -1, 0", expect = ACCEPTABLE, desc = "interrupt first; receiver threw, trySend refused")
    @Outcome(expect = FORBIDDEN, desc = "element lost or phantom, interrupt ignored, or status lost")
    @State
    public static class ReceiverInterruptedOrHandedOff {
        private final Channel<Integer> ch = Channels.unbuffered();
        private final Interruption interruption = new Interruption();

        @Actor
        public void receiver(III_Result r) {
            interruption.enter();
            r.r1 = Take.within(ch, Waits.LIVENESS);
            r.r3 = interruption.leave();
        }

        @Actor
        public void interrupterThenSender(III_Result r) {
            r.r2 = interruption.deliver() ? Give.now(ch, 1) : 0;
        }
    }

    /**
     * A blocked sender is interrupted while a receiver tries to take its element: either the
     * receiver got it (and the send returns normally with the status kept) or the send threw
     * and the receiver got nothing. Fails if an interrupted send's element could still be
     * received, or a completed send's element be lost.
     */
    @JCStressTest
    @Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "handoff first; send returned, status kept")
    @Outcome(id = "-3, -1, 0", expect = ACCEPTABLE, desc = "interrupt first; send threw, nothing received")
    @Outcome(expect = FORBIDDEN, desc = "element lost or received after the send threw, interrupt ignored, or status lost")
    @State
    public static class SenderInterruptedOrHandedOff {
        private final Channel<Integer> ch = Channels.unbuffered();
        private final Interruption interruption = new Interruption();

        @Actor
        public void sender(III_Result r) {
            interruption.enter();
            r.r1 = Give.within(ch, 1, Waits.LIVENESS);
            r.r3 = interruption.leave();
        }

        @Actor
        public void interrupterThenReceiver(III_Result r) {
            r.r2 = interruption.deliver() ? Take.now(ch) : 0;
        }
    }

    /**
     * A timed send meets a timed receive while both deadlines run out: both succeed or both
     * time out. The receiver starts up to twice the timeout late, so both endings occur.
     * Fails if a side whose deadline passed could still be matched (its cancel lost to the
     * partner's CAS but it reported a timeout anyway), or the reverse.
     */
    @JCStressTest
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "handed over before either deadline")
    @Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "they missed each other; both timed out")
    @Outcome(expect = FORBIDDEN, desc = "one side succeeded while the other timed out")
    @State
    public static class HandoffVersusTimeout {
        private final Channel<Integer> ch = Channels.unbuffered();

        @Actor
        public void sender(II_Result r) {
            r.r1 = Give.within(ch, 1, Waits.RACE);
        }

        @Actor
        public void receiver(II_Result r) {
            Waits.jitter(2 * Waits.RACE.toNanos());
            r.r2 = Take.within(ch, Waits.RACE);
        }
    }

    /**
     * A non-blocking trySend against a receiver whose timeout is expiring: trySend is true
     * exactly when the receiver returns the element. Fails if trySend could commit a receiver
     * that has already decided to time out, or report failure after committing it.
     */
    @JCStressTest
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the receiver was waiting; trySend handed it over")
    @Outcome(id = "-1, -1", expect = ACCEPTABLE, desc = "no receiver waiting; trySend refused, receive timed out")
    @Outcome(expect = FORBIDDEN, desc = "trySend and the receiver disagree about the handoff")
    @State
    public static class TrySendVersusTimedReceive {
        private final Channel<Integer> ch = Channels.unbuffered();

        @Actor
        public void sender(II_Result r) {
            Waits.jitter(2 * Waits.RACE.toNanos());
            r.r1 = Give.now(ch, 1);
        }

        @Actor
        public void receiver(II_Result r) {
            r.r2 = Take.within(ch, Waits.RACE);
        }
    }

    /**
     * A receive whose thread is already interrupted meets a timed send. The interrupt does not
     * stop a receive before it registers, so both may register and re-check at once; a re-check
     * that meets a partner still re-checking, whose thread has the smaller id, waits for it to
     * settle, and an interrupted one gives up that wait and settles instead
     * ({@code UnbufferedChannel}, "Progress"), as if it had not met the partner. Either the
     * handoff won (the receive returns the element with its interrupt status kept, the send
     * is true) or the interrupt won (the receive throws with the status cleared, and the send
     * times out). Fails if the interrupted side's cancel and the partner's match are not
     * decided by one CAS on that path too. It does not show that the give-up is right: any
     * give-up that acts on nobody keeps these outcomes. {@code RecheckStress} (a give-up
     * before the wait ended loses the rendezvous) and the unit test {@code RecheckGiveUpTest}
     * are what fail when the give-up is wrong.
     *
     * <p>Whether the receive waits at all depends on which thread has the smaller id, and
     * jcstress runs each actor on one thread for a whole run; so each state draws which actor
     * sends and which receives, and every run has the receive's thread with the larger id (it
     * waits, and gives the wait up) and with the smaller (it acts, or the send waits for it).
     * Until 2026-12-07 the first actor always sent, and its thread had the smaller id: only the
     * interrupted receive could wait and give up, and the send never waited for it. Results
     * are by role, as before.
     */
    @JCStressTest
    @Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "handoff; the receive returned it, status kept")
    @Outcome(id = "-1, -3, 0", expect = ACCEPTABLE, desc = "the receive threw, nothing taken; the send timed out")
    @Outcome(expect = FORBIDDEN, desc = "element lost or phantom, interrupt ignored, status lost, or a side late")
    @State
    public static class InterruptedReceiveVersusTimedSend {
        private final Channel<Integer> ch = Channels.unbuffered();
        /** Whether the first actor sends and the second receives, or the reverse: drawn per state. */
        private final boolean firstSends = ThreadLocalRandom.current().nextBoolean();

        @Actor
        public void first(III_Result r) {
            play(firstSends, r);
        }

        @Actor
        public void second(III_Result r) {
            play(!firstSends, r);
        }

        private void play(boolean sending, III_Result r) {
            if (sending) {
                r.r1 = Give.within(ch, 1, Waits.RACE);
            } else {
                Thread.currentThread().interrupt();
                r.r2 = Take.within(ch, Waits.LIVENESS);
                r.r3 = Thread.interrupted() ? 1 : 0;
            }
        }
    }
}
