package org.channels4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.Overflow;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * Element lifecycle (issue 10): drop policies, the {@code onUndelivered} handler and
 * {@code cancel}. The rule under test: every accepted element is received exactly once or
 * handed to the handler exactly once, never both and never neither. Codes: {@link Give} and
 * {@link Take}; "handled" results are the element the handler got, 0 for none.
 */
public final class LifecycleStress {

    private LifecycleStress() {
    }

    /**
     * A receive racing a DROP_OLDEST send on a full conflated channel: the old element is
     * received, or dropped and handed over (and the receive gets the new one), never both and
     * never neither; the receive never finds the channel empty, because at every instant it holds
     * an element. Fails if the consumer CAS did not decide who owns the oldest element, or if a
     * receiver could see the slot between the drop and the new element's store.
     */
    @JCStressTest
    @Outcome(id = "1, 2, 0", expect = ACCEPTABLE, desc = "received the old element first; the send then found room")
    @Outcome(id = "2, -1, 1", expect = ACCEPTABLE, desc = "the send dropped the old element to the handler; received the new one")
    @Outcome(expect = FORBIDDEN, desc = "an element received and handed over, lost, doubled, or an empty channel seen")
    @State
    public static class ReceiveRacesDropOldestSendConflated {
        private final Handled handled = new Handled();
        private final Channel<Integer> ch = Channels.<Integer>builder()
                .capacity(1).overflow(Overflow.DROP_OLDEST).onUndelivered(handled::add).build();

        public ReceiveRacesDropOldestSendConflated() {
            ch.trySend(1);
        }

        @Actor
        public void sender() {
            ch.trySend(2);
        }

        @Actor
        public void receiver(III_Result r) {
            r.r1 = Take.now(ch);
        }

        @Arbiter
        public void settle(III_Result r) {
            r.r2 = Take.now(ch);
            r.r3 = handled.single();
        }
    }

    /**
     * As {@link ReceiveRacesDropOldestSendConflated} with capacity 2, holding 1 and 2: the send of
     * 3 drops 1 unless the receive took 1 first.
     */
    @JCStressTest
    @Outcome(id = "1, 2, 0, 3", expect = ACCEPTABLE, desc = "received 1 first; the send then found room; 2 and 3 left")
    @Outcome(id = "2, 3, 1, -1", expect = ACCEPTABLE, desc = "the send dropped 1 to the handler; received 2; 3 left")
    @Outcome(expect = FORBIDDEN, desc = "an element received and handed over, lost, doubled or out of order")
    @State
    public static class ReceiveRacesDropOldestSendCapacityTwo {
        private final Handled handled = new Handled();
        private final Channel<Integer> ch = Channels.<Integer>builder()
                .capacity(2).overflow(Overflow.DROP_OLDEST).onUndelivered(handled::add).build();

        public ReceiveRacesDropOldestSendCapacityTwo() {
            ch.trySend(1);
            ch.trySend(2);
        }

        @Actor
        public void sender() {
            ch.trySend(3);
        }

        @Actor
        public void receiver(IIII_Result r) {
            r.r1 = Take.now(ch);
        }

        @Arbiter
        public void settle(IIII_Result r) {
            r.r2 = Take.now(ch);
            r.r3 = handled.single();
            r.r4 = Take.now(ch);
        }
    }

    /**
     * 1 if each element ended where it must, else 0: element {@code e} was accepted iff
     * {@code accepted[e - 1]}; an accepted one was received ({@code received == e}) or handed
     * over exactly once, a refused one neither; and the channel is closed and drained.
     */
    static int conserved(Channel<Integer> ch, Handled handled, int received, boolean... accepted) {
        for (int e = 1; e <= accepted.length; e++) {
            final int seen = (received == e ? 1 : 0) + handled.count(e);
            if (seen != (accepted[e - 1] ? 1 : 0)) {
                return 0;
            }
        }
        return Take.now(ch) == Take.CLOSED ? 1 : 0;
    }

    /**
     * Cancel racing a receive on a blocking buffer holding 1 and 2: the receive gets 1 and the
     * cancel hands 2 over, or the receive finds the channel cancelled and both are handed over.
     * Fails if a receive could take an element the cancel also discarded (or find the channel
     * empty in between), or the cancel miss one.
     */
    @JCStressTest
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "received 1, then cancelled: 2 handed over")
    @Outcome(id = "-2, 1", expect = ACCEPTABLE, desc = "cancelled first: 1 and 2 handed over, the receive found it closed")
    @Outcome(expect = FORBIDDEN, desc = "an element received and handed over, lost, handed over twice, or none seen")
    @State
    public static class CancelRacesReceive {
        private final Handled handled = new Handled();
        private final Channel<Integer> ch = Channels.<Integer>builder()
                .capacity(2).onUndelivered(handled::add).build();

        public CancelRacesReceive() {
            ch.trySend(1);
            ch.trySend(2);
        }

        @Actor
        public void receiver(II_Result r) {
            r.r1 = Take.now(ch);
        }

        @Actor
        public void canceller() {
            ch.cancel();
        }

        @Arbiter
        public void settle(II_Result r) {
            r.r2 = conserved(ch, handled, r.r1, true, true);
        }
    }

    /**
     * Cancel racing a send on a blocking buffer holding 1: an accepted 2 is handed over by the
     * cancel, a refused one (the send threw) by no one; 1 is handed over either way. Fails if
     * an offer that claimed a slot before the close were missed by the cancel's drain, or a
     * refused element were handed over.
     */
    @JCStressTest
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "sent, then cancelled: 1 and 2 handed over")
    @Outcome(id = "-2, 1", expect = ACCEPTABLE, desc = "cancelled first: 1 handed over, the send threw")
    @Outcome(expect = FORBIDDEN, desc = "an accepted element lost or handed over twice, or a refused one handed over")
    @State
    public static class CancelRacesSend {
        private final Handled handled = new Handled();
        private final Channel<Integer> ch = Channels.<Integer>builder()
                .capacity(2).onUndelivered(handled::add).build();

        public CancelRacesSend() {
            ch.trySend(1);
        }

        @Actor
        public void sender(II_Result r) {
            r.r1 = Give.blocking(ch, 2);
        }

        @Actor
        public void canceller() {
            ch.cancel();
        }

        @Arbiter
        public void settle(II_Result r) {
            r.r2 = conserved(ch, handled, Take.NOTHING, true, r.r1 == Give.SENT);
        }
    }

    /**
     * Cancel racing a DROP_OLDEST send on a full conflated channel holding 1: the send drops 1
     * to the handler and the cancel discards 2, or the cancel discards 1 and the send throws;
     * either way each accepted element is handed over exactly once. Fails if the cancel's drain
     * and a displacing producer could both take 1, or neither.
     */
    @JCStressTest
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "sent (1 dropped to the handler), then cancelled: 2 handed over")
    @Outcome(id = "-2, 1", expect = ACCEPTABLE, desc = "cancelled first: 1 handed over, the send threw")
    @Outcome(expect = FORBIDDEN, desc = "an accepted element lost or handed over twice, or a refused one handed over")
    @State
    public static class CancelRacesDropOldestSend {
        private final Handled handled = new Handled();
        private final Channel<Integer> ch = Channels.<Integer>builder()
                .capacity(1).overflow(Overflow.DROP_OLDEST).onUndelivered(handled::add).build();

        public CancelRacesDropOldestSend() {
            ch.trySend(1);
        }

        @Actor
        public void sender(II_Result r) {
            r.r1 = Give.blocking(ch, 2);
        }

        @Actor
        public void canceller() {
            ch.cancel();
        }

        @Arbiter
        public void settle(II_Result r) {
            r.r2 = conserved(ch, handled, Take.NOTHING, true, r.r1 == Give.SENT);
        }
    }
}
