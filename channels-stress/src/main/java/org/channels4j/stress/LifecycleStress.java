package org.channels4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicIntegerArray;
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

    /** Counts the handler's calls per element (elements 1 to 3). */
    static final class Handled {
        private final AtomicIntegerArray counts = new AtomicIntegerArray(4);

        void add(Integer e) {
            counts.incrementAndGet(e);
        }

        int count(int e) {
            return counts.get(e);
        }

        /** The one element handed over, 0 for none, -9 if more than one call was made. */
        int single() {
            int found = 0;
            for (int e = 1; e < 4; e++) {
                for (int n = counts.get(e); n > 0; n--) {
                    if (found != 0) {
                        return -9;
                    }
                    found = e;
                }
            }
            return found;
        }
    }

    static int send(Channel<Integer> ch, int e) {
        try {
            ch.send(e);
            return Give.SENT;
        } catch (ChannelClosedException closed) {
            return Give.CLOSED;
        } catch (InterruptedException interrupted) {
            return Give.INTERRUPTED;
        }
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
     * Whether elements 1 and 2 each ended where they must: accepted ones received or handed
     * over exactly once, refused ones nowhere; and the channel closed and drained afterwards.
     * 1 if so, else 0.
     */
    static int conserved(Channel<Integer> ch, Handled handled, int received, boolean secondAccepted) {
        final boolean firstOnce = (received == 1 ? 1 : 0) + handled.count(1) == 1;
        final int second = (received == 2 ? 1 : 0) + handled.count(2);
        final boolean secondRight = second == (secondAccepted ? 1 : 0);
        return firstOnce && secondRight && Take.now(ch) == Take.CLOSED ? 1 : 0;
    }

    /**
     * Cancel racing a send and a receive on a blocking buffer holding 1 (room for 2): 1 is
     * received or discarded to the handler, 2 is discarded if the send was accepted and seen by
     * no one if it was refused; the receive gets 1 or finds the channel cancelled. Fails if a
     * receive could take an element the cancel also discarded, or the cancel miss one accepted
     * just before its close.
     */
    @JCStressTest
    @Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "sent, received 1, then cancelled: 2 handed over")
    @Outcome(id = "1, -2, 1", expect = ACCEPTABLE, desc = "sent, then cancelled before the receive: 1 and 2 handed over")
    @Outcome(id = "-2, 1, 1", expect = ACCEPTABLE, desc = "received 1; cancelled before the send, which threw")
    @Outcome(id = "-2, -2, 1", expect = ACCEPTABLE, desc = "cancelled first: 1 handed over, the send threw, the receive found it closed")
    @Outcome(expect = FORBIDDEN, desc = "an element received and handed over, lost, handed over twice, or a refused one seen")
    @State
    public static class CancelRacesSendAndReceive {
        private final Handled handled = new Handled();
        private final Channel<Integer> ch = Channels.<Integer>builder()
                .capacity(2).onUndelivered(handled::add).build();

        public CancelRacesSendAndReceive() {
            ch.trySend(1);
        }

        @Actor
        public void sender(III_Result r) {
            r.r1 = send(ch, 2);
        }

        @Actor
        public void receiver(III_Result r) {
            r.r2 = Take.now(ch);
        }

        @Actor
        public void canceller() {
            ch.cancel();
        }

        @Arbiter
        public void settle(III_Result r) {
            r.r3 = conserved(ch, handled, r.r2, r.r1 == Give.SENT);
        }
    }

    /**
     * As {@link CancelRacesSendAndReceive} on a conflated channel holding 1, where the send of 2
     * drops 1 unless the receive took it first: each element still ends up in exactly one place.
     */
    @JCStressTest
    @Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "received 1; the send found room; cancel handed 2 over")
    @Outcome(id = "1, 2, 1", expect = ACCEPTABLE, desc = "the send dropped 1 to the handler; received 2")
    @Outcome(id = "1, -2, 1", expect = ACCEPTABLE, desc = "the send dropped 1 (or the cancel discarded it); cancel handed 2 over")
    @Outcome(id = "-2, 1, 1", expect = ACCEPTABLE, desc = "received 1; cancelled before the send, which threw")
    @Outcome(id = "-2, -2, 1", expect = ACCEPTABLE, desc = "cancelled first: 1 handed over, the send threw, the receive found it closed")
    @Outcome(expect = FORBIDDEN, desc = "an element received and handed over, lost, handed over twice, or a refused one seen")
    @State
    public static class CancelRacesDropOldestSendAndReceive {
        private final Handled handled = new Handled();
        private final Channel<Integer> ch = Channels.<Integer>builder()
                .capacity(1).overflow(Overflow.DROP_OLDEST).onUndelivered(handled::add).build();

        public CancelRacesDropOldestSendAndReceive() {
            ch.trySend(1);
        }

        @Actor
        public void sender(III_Result r) {
            r.r1 = send(ch, 2);
        }

        @Actor
        public void receiver(III_Result r) {
            r.r2 = Take.now(ch);
        }

        @Actor
        public void canceller() {
            ch.cancel();
        }

        @Arbiter
        public void settle(III_Result r) {
            r.r3 = conserved(ch, handled, r.r2, r.r1 == Give.SENT);
        }
    }
}
