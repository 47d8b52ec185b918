package org.channels4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.channels4j.Channel;
import org.channels4j.Channels;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A buffered channel's completer finishes a waiting plain operation itself: a receive that
 * frees a slot offers the oldest blocked sender's element for it, and a send whose element
 * arrives while a receiver waits polls the buffer for that receiver. It first holds the
 * waiter (its outcome can no longer be cancelled, nor is it decided), makes the offer or the
 * poll, and then decides it: sent, the element, or "try again yourself" if a thread that never
 * waited took the slot or the element first. Codes: {@link Give} and {@link Take}.
 */
public final class BufferedServeStress {
    private BufferedServeStress() {
    }

    /**
     * A sender blocked on a full buffered(1) channel is served by the receive that frees the
     * slot, then at once tries another element. Its send may return only once its element is
     * in the buffer: fails (the receiver's second element is 2, or none) if the sender could
     * treat "held" as "sent" and overtake its own first element, whose offer then finds the
     * slot taken.
     */
    @JCStressTest
    @Outcome(id = {"1, 1, 0, 1", "1, -1, 0, 1"}, expect = ACCEPTABLE, desc = "1 sent and received after 0; 2 sent behind it, or refused while full")
    @Outcome(expect = FORBIDDEN, desc = "the second element overtook the first, or the first was lost")
    @State
    public static class ServedSendReturnsOnlyOnceItsElementIsIn {
        private final Channel<Integer> ch = Channels.buffered(1);

        public ServedSendReturnsOnlyOnceItsElementIsIn() {
            ch.trySend(0);
        }

        @Actor
        public void sender(IIII_Result r) {
            r.r1 = Give.within(ch, 1, Waits.LIVENESS);
            r.r2 = Give.now(ch, 2);
        }

        @Actor
        public void receiver(IIII_Result r) {
            r.r3 = Take.now(ch);
            r.r4 = Take.within(ch, Waits.LIVENESS);
        }
    }

    /**
     * A sender blocked on a full buffered(1) channel is interrupted while a receive frees the
     * slot and would offer its element for it: either the offer was made (the send returns
     * normally, its interrupt status kept, and the element is in the channel) or the interrupt
     * won (the send throws and the element never enters). Fails if the completer could offer
     * the element of a sender that cancelled meanwhile, or decide "sent" and then not offer.
     */
    @JCStressTest
    @Outcome(id = "1, 0, 1, 1", expect = ACCEPTABLE, desc = "served first: the send returned, status kept, its element is in")
    @Outcome(id = "-3, 0, 0, -1", expect = ACCEPTABLE, desc = "interrupt first: the send threw, its element never entered")
    @Outcome(expect = FORBIDDEN, desc = "an element of a send that threw, a lost element, or a lost interrupt")
    @State
    public static class SenderInterruptedOrServed {
        private final Channel<Integer> ch = Channels.buffered(1);
        private final Interruption interruption = new Interruption();

        public SenderInterruptedOrServed() {
            ch.trySend(0);
        }

        @Actor
        public void sender(IIII_Result r) {
            interruption.enter();
            r.r1 = Give.within(ch, 1, Waits.LIVENESS);
            r.r3 = interruption.leave();
        }

        @Actor
        public void interrupterThenReceiver(IIII_Result r) {
            r.r2 = interruption.deliver() ? Take.now(ch) : Waits.LATE;
        }

        @Arbiter
        public void left(IIII_Result r) {
            r.r4 = Take.now(ch);
        }
    }

    /**
     * A timed send on a full buffered(1) channel against the receive that frees the slot and
     * would offer its element for it, while the deadline runs out: either the send succeeded
     * and its element is in the channel, or it timed out and its element never entered. The
     * receive starts up to twice the timeout late, so both endings occur, and a sender held
     * when its deadline passes must wait for the holder's decision ({@code decidedOutcome}).
     * Fails if a timed-out send's element could still be offered, or a sent one be lost.
     */
    @JCStressTest
    @Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "served, or offered itself, in time: its element is in")
    @Outcome(id = "-1, 0, -1", expect = ACCEPTABLE, desc = "timed out: its element never entered")
    @Outcome(expect = FORBIDDEN, desc = "the send and the channel disagree about the element")
    @State
    public static class TimedSendServedOrTimedOut {
        private final Channel<Integer> ch = Channels.buffered(1);

        public TimedSendServedOrTimedOut() {
            ch.trySend(0);
        }

        @Actor
        public void sender(III_Result r) {
            r.r1 = Give.within(ch, 1, Waits.RACE);
        }

        @Actor
        public void receiver(III_Result r) {
            Waits.jitter(2 * Waits.RACE.toNanos());
            r.r2 = Take.now(ch);
        }

        @Arbiter
        public void left(III_Result r) {
            r.r3 = Take.now(ch);
        }
    }

    /**
     * A receiver blocked on an empty buffered(1) channel is interrupted while a send's element
     * arrives and the sender would poll it for the receiver: either the receiver returns the
     * element (its status kept) and the channel is empty, or it throws and the element stays in
     * the channel. Fails if the completer could poll for a receiver that cancelled meanwhile
     * (the element lost) or hand the receiver an element and leave it in the buffer too.
     */
    @JCStressTest
    @Outcome(id = "1, 1, 1, -1", expect = ACCEPTABLE, desc = "served first: the receiver got it, status kept, nothing left")
    @Outcome(id = "-3, 1, 0, 1", expect = ACCEPTABLE, desc = "interrupt first: the receiver threw, the element is still there")
    @Outcome(expect = FORBIDDEN, desc = "a lost or doubled element, or a lost interrupt")
    @State
    public static class ReceiverInterruptedOrServed {
        private final Channel<Integer> ch = Channels.buffered(1);
        private final Interruption interruption = new Interruption();

        @Actor
        public void receiver(IIII_Result r) {
            interruption.enter();
            r.r1 = Take.within(ch, Waits.LIVENESS);
            r.r3 = interruption.leave();
        }

        @Actor
        public void interrupterThenSender(IIII_Result r) {
            r.r2 = interruption.deliver() ? Give.now(ch, 1) : Waits.LATE;
        }

        @Arbiter
        public void left(IIII_Result r) {
            r.r4 = Take.now(ch);
        }
    }
}
