package org.channels4j.stress.broken;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.channels4j.stress.DeliveryLedger;
import org.channels4j.stress.Payload;
import org.channels4j.stress.Waits;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIIII_Result;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The ring tests of {@code org.channels4j.impl.RingBufferStress}, with the same actors and
 * outcomes, run against a {@link WeakenedRing}. EXPECTED TO FAIL.
 */
public final class BrokenRingStress {
    private BrokenRingStress() {
    }

    /**
     * Mirrors {@code RingBufferStress.ElementFullyVisibleOnceStamped} on a ring that stores the
     * stamp before the element: the consumer sees a published slot with no element in it.
     */
    @JCStressTest
    @Outcome(id = "1, 2, 3", expect = ACCEPTABLE, desc = "the consumer saw the whole element")
    @Outcome(expect = FORBIDDEN, desc = "a published slot held no element, or an element with unset fields, "
            + "or (-1s) the element never appeared")
    @State
    public static class StampPublishedBeforeElement {
        private final WeakenedRing ring = new WeakenedRing(1, WeakenedRing.Flaw.STAMP_BEFORE_ELEMENT);

        @Actor
        public void producer() {
            ring.offer(Payload.oneTwoThree());
        }

        @Actor
        public void consumer(III_Result r) {
            final long start = System.nanoTime();
            Object seen;
            do { // as BufferTraffic.pollUntilPresent
                seen = ring.poll();
            } while (seen == WeakenedRing.EMPTY && System.nanoTime() - start < Waits.LIVENESS.toNanos());
            Payload.record(seen, WeakenedRing.EMPTY, r);
        }
    }

    /**
     * Mirrors {@code RingBufferStress.NoLossNoDuplicationAtCapacityTwo} on a ring whose
     * consumers claim positions without a CAS: both consumers take one element.
     */
    @JCStressTest
    @Outcome(id = "[2-4], 0, 0, 0, 0", expect = ACCEPTABLE,
            desc = "every accepted element taken exactly once, in each producer's order")
    @Outcome(expect = FORBIDDEN, desc = "an element lost, doubled, taken though refused, or reordered")
    @State
    public static class ConsumerClaimWithoutCas {
        private static final int ROUNDS = 2;
        private final WeakenedRing ring = new WeakenedRing(2, WeakenedRing.Flaw.CONSUMER_CLAIM_WITHOUT_CAS);
        private final DeliveryLedger ledger = new DeliveryLedger(ROUNDS);

        private void offerAndPoll(int actor) {
            for (int round = 0; round < ROUNDS; round++) {
                final int e = ledger.element(actor, round);
                final int offered = ring.offer(e);
                if (offered == WeakenedRing.OK) {
                    ledger.accepted(e);
                } else if (offered == WeakenedRing.STUCK_OFFER) {
                    ledger.impossible();
                }
                final Object seen = ring.poll();
                if (seen != WeakenedRing.EMPTY) {
                    ledger.taken(actor, seen);
                }
            }
        }

        @Actor
        public void first() {
            offerAndPoll(0);
        }

        @Actor
        public void second() {
            offerAndPoll(1);
        }

        @Arbiter
        public void drain(IIIII_Result r) {
            for (int i = 0; i <= 2 * ROUNDS; i++) {
                final Object seen = ring.poll();
                if (seen == WeakenedRing.EMPTY) {
                    break;
                }
                ledger.taken(DeliveryLedger.DRAIN, seen);
            }
            ledger.verdict(r);
        }
    }
}
