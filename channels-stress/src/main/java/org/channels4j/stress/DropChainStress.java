package org.channels4j.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Overflow;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Chains of DROP_OLDEST displacements (issue 10): two displacements in flight at once, two in a
 * row against a receive, and one or two against a cancel. The rule under test: every accepted
 * element is received exactly once or handed to the {@code onUndelivered} handler exactly once.
 * Where {@link LifecycleStress} races one displacement, these race displacements with each other
 * (the second displacing producer waits for the first to take its designated position) and
 * with the cancel's drain ({@code RingBuffer.drainDiscarded}).
 *
 * <p>Codes: {@link Give} and {@link Take}. A "drained" or "handled" result lists elements in
 * ascending order as the digits of an int, one digit per occurrence, 0 for none: {@code 13} is
 * 1 and 3 once each, {@code 11} is 1 twice, {@code 9} an element the test never sent.
 */
public final class DropChainStress {

    private DropChainStress() {
    }

    /** A DROP_OLDEST channel of the given capacity whose handler records into {@code handled}. */
    static Channel<Integer> dropOldest(int capacity, Handled handled) {
        return Channels.<Integer>builder()
                .capacity(capacity).overflow(Overflow.DROP_OLDEST).onUndelivered(handled::add).build();
    }

    /**
     * Takes what the channel still holds with {@code tryReceive}, in order, as digits (an element
     * outside 1 to 4 as 9); 0 if it holds nothing; -2 if the first receive found it closed. At
     * most five receives, so that a channel that never empties ends the drain.
     */
    static int drain(Channel<Integer> ch) {
        int code = 0;
        for (int k = 0; k < 5; k++) {
            final int e = Take.now(ch);
            if (e == Take.NOTHING || e == Take.CLOSED) {
                return k == 0 && e == Take.CLOSED ? Take.CLOSED : code;
            }
            code = code * 10 + (e >= 1 && e <= 4 ? e : 9);
        }
        return code;
    }

    /**
     * Two senders displace at once on a conflated channel (capacity 1, DROP_OLDEST) holding 1:
     * both sends are accepted, the one whose claim came second keeps its element in the channel,
     * and 1 and the first claimer's element go to the handler, once each. Fails if the second
     * displacing producer took the first one's position before it was published (dropping
     * nothing, or the stale 1 again), or either displacement lost or doubled its dropped element.
     */
    @JCStressTest
    @Outcome(id = "1, 1, 3, 12", expect = ACCEPTABLE, desc = "2 displaced 1, then 3 displaced 2; 3 left")
    @Outcome(id = "1, 1, 2, 13", expect = ACCEPTABLE, desc = "3 displaced 1, then 2 displaced 3; 2 left")
    @Outcome(expect = FORBIDDEN, desc = "a send refused, or an element lost, doubled, left beside another, or handed over and left")
    @State
    public static class TwoDisplacingSendersConflated {
        private final Handled handled = new Handled();
        private final Channel<Integer> ch = dropOldest(1, handled);

        public TwoDisplacingSendersConflated() {
            ch.trySend(1);
        }

        @Actor
        public void sender2(IIII_Result r) {
            r.r1 = Give.now(ch, 2);
        }

        @Actor
        public void sender3(IIII_Result r) {
            r.r2 = Give.now(ch, 3);
        }

        @Arbiter
        public void settle(IIII_Result r) {
            r.r3 = drain(ch);
            r.r4 = handled.code();
        }
    }

    /**
     * As {@link TwoDisplacingSendersConflated} at capacity 2, holding 1 and 2: each displacement
     * designates a different slot, so the two run side by side; 1 and 2 are handed over, and 3
     * and 4 are left in the order of the senders' claims. Fails as that test does, or if the
     * displacements dropped in the wrong order (an element left before an older one).
     */
    @JCStressTest
    @Outcome(id = "1, 1, 34, 12", expect = ACCEPTABLE, desc = "3 claimed first (displacing 1), then 4 (displacing 2)")
    @Outcome(id = "1, 1, 43, 12", expect = ACCEPTABLE, desc = "4 claimed first (displacing 1), then 3 (displacing 2)")
    @Outcome(expect = FORBIDDEN, desc = "a send refused, or an element lost, doubled, or left although dropped")
    @State
    public static class TwoDisplacingSendersCapacityTwo {
        private final Handled handled = new Handled();
        private final Channel<Integer> ch = dropOldest(2, handled);

        public TwoDisplacingSendersCapacityTwo() {
            ch.trySend(1);
            ch.trySend(2);
        }

        @Actor
        public void sender3(IIII_Result r) {
            r.r1 = Give.now(ch, 3);
        }

        @Actor
        public void sender4(IIII_Result r) {
            r.r2 = Give.now(ch, 4);
        }

        @Arbiter
        public void settle(IIII_Result r) {
            r.r3 = drain(ch);
            r.r4 = handled.code();
        }
    }

    /**
     * One sender displaces twice in a row (2, then 3) on a conflated channel holding 1 while a
     * receive polls once. The channel holds an element at every instant, so the receive gets 1,
     * 2 or 3, never nothing; whatever it did not get is left (3) or was handed over, once. Fails
     * if the receive and a displacement could both take an element, or neither (the receive
     * then sees an empty channel, or an element is lost), or if the second displacement dropped
     * an element the receive already had.
     */
    @JCStressTest
    @Outcome(id = "1, 3, 2, 1", expect = ACCEPTABLE, desc = "received 1; 2 found room; 3 displaced 2")
    @Outcome(id = "2, 3, 1, 1", expect = ACCEPTABLE, desc = "2 displaced 1; received 2; 3 found room")
    @Outcome(id = "3, 0, 12, 1", expect = ACCEPTABLE, desc = "2 displaced 1, 3 displaced 2; received 3")
    @Outcome(expect = FORBIDDEN, desc = "a send refused, an empty channel seen, or an element received and handed over, lost or doubled")
    @State
    public static class ReceiveRacesTwoDisplacementsInARow {
        private final Handled handled = new Handled();
        private final Channel<Integer> ch = dropOldest(1, handled);

        public ReceiveRacesTwoDisplacementsInARow() {
            ch.trySend(1);
        }

        @Actor
        public void sender(IIII_Result r) {
            final int sent2 = Give.now(ch, 2);
            final int sent3 = Give.now(ch, 3);
            r.r4 = sent2 == Give.SENT && sent3 == Give.SENT ? 1 : 0;
        }

        @Actor
        public void receiver(IIII_Result r) {
            r.r1 = Take.now(ch);
        }

        @Arbiter
        public void settle(IIII_Result r) {
            r.r2 = drain(ch);
            r.r3 = handled.code();
        }
    }

    /**
     * Cancel racing a displacing {@code trySend(2)} on a conflated channel holding 1: the send is
     * accepted (1 dropped to the handler by the sender) and then the cancel discards 2, or the
     * cancel comes first, discards 1, and the send throws {@code ChannelClosedException} (2 was
     * never accepted: nobody hands it over). After the cancel nothing is received. Fails if the
     * cancel's drain and the displacing producer both took 1 or neither did, or the drain missed
     * a position claimed before the close. ({@link LifecycleStress.CancelRacesDropOldestSend}
     * races the blocking {@code send}.)
     */
    @JCStressTest
    @Outcome(id = "1, 12, -2", expect = ACCEPTABLE, desc = "sent (1 dropped), then cancelled: 2 discarded")
    @Outcome(id = "-2, 1, -2", expect = ACCEPTABLE, desc = "cancelled first: 1 discarded, the send threw")
    @Outcome(expect = FORBIDDEN, desc = "an accepted element lost or handed over twice, a refused one handed over, or a receive after the cancel")
    @State
    public static class CancelRacesDisplacingTrySend {
        private final Handled handled = new Handled();
        private final Channel<Integer> ch = dropOldest(1, handled);

        public CancelRacesDisplacingTrySend() {
            ch.trySend(1);
        }

        @Actor
        public void sender(III_Result r) {
            r.r1 = Give.now(ch, 2);
        }

        @Actor
        public void canceller() {
            ch.cancel();
        }

        @Arbiter
        public void settle(III_Result r) {
            r.r3 = drain(ch);
            r.r2 = handled.code();
        }
    }

    /**
     * Cancel racing two displacing sends in a row (2, then 3) on a conflated channel holding 1:
     * the cancel lands before either send, between them, or after both, and the handler then has
     * exactly the accepted elements, once each; a send after the cancel throws, so 3 is never
     * accepted when 2 was refused. Fails if the cancel's drain skipped or doubled the element a
     * displacement had just published, or a displacement that a cancel's frozen consumer index
     * left to its producer were dropped by both or neither.
     */
    @JCStressTest
    @Outcome(id = "-2, -2, 1, -2", expect = ACCEPTABLE, desc = "cancelled first: 1 discarded, both sends threw")
    @Outcome(id = "1, -2, 12, -2", expect = ACCEPTABLE, desc = "2 displaced 1, then cancelled: 2 discarded, 3's send threw")
    @Outcome(id = "1, 1, 123, -2", expect = ACCEPTABLE, desc = "2 displaced 1, 3 displaced 2, then cancelled: 3 discarded")
    @Outcome(expect = FORBIDDEN, desc = "an accepted element lost or handed over twice, a refused one handed over, a send accepted after one refused, or a receive after the cancel")
    @State
    public static class CancelRacesTwoDisplacingSends {
        private final Handled handled = new Handled();
        private final Channel<Integer> ch = dropOldest(1, handled);

        public CancelRacesTwoDisplacingSends() {
            ch.trySend(1);
        }

        @Actor
        public void sender(IIII_Result r) {
            r.r1 = Give.now(ch, 2);
            r.r2 = Give.now(ch, 3);
        }

        @Actor
        public void canceller() {
            ch.cancel();
        }

        @Arbiter
        public void settle(IIII_Result r) {
            r.r3 = handled.code();
            r.r4 = drain(ch);
        }
    }
}
