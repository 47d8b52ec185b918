package org.channels4j.impl;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.channels4j.stress.DeliveryLedger;
import org.channels4j.stress.Payload;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIIII_Result;
import org.openjdk.jcstress.infra.results.IIII_Result;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * {@link SegmentedQueue}, the unbounded linked-segment queue behind unbounded channels,
 * driven directly with segments of one or two slots, so that nearly every operation links,
 * enters or leaves a segment. Codes as in {@link RingBufferStress}.
 */
public final class SegmentedQueueStress {
    private SegmentedQueueStress() {
    }

    /**
     * With one slot per segment every offer needs a segment that is not linked yet, and the
     * two producers race to link it while the two consumers race to move the head. Fails if a
     * producer could publish into a segment the consumers never reach, two producers link
     * different segments for one position, or a consumer skipped a claimed slot while its
     * segment was being linked.
     */
    @JCStressTest
    @Outcome(id = "4, 0, 0, 0, 0", expect = ACCEPTABLE,
            desc = "all four offers accepted, each element taken exactly once, in each producer's order")
    @Outcome(expect = FORBIDDEN, desc = "an element lost, doubled, taken though refused, or reordered; "
            + "or an unbounded queue refused an offer")
    @State
    public static class NoLossNoDuplicationWithSegmentsOfOne {
        private final SegmentedQueue queue = new SegmentedQueue(1);
        private final DeliveryLedger ledger = new DeliveryLedger(BufferTraffic.ROUNDS);

        @Actor
        public void first() {
            BufferTraffic.offerAndPoll(queue, ledger, 0);
        }

        @Actor
        public void second() {
            BufferTraffic.offerAndPoll(queue, ledger, 1);
        }

        @Arbiter
        public void drain(IIIII_Result r) {
            BufferTraffic.drainAndJudge(queue, ledger, r);
        }
    }

    /** As {@link NoLossNoDuplicationWithSegmentsOfOne}, with two slots per segment. */
    @JCStressTest
    @Outcome(id = "4, 0, 0, 0, 0", expect = ACCEPTABLE,
            desc = "all four offers accepted, each element taken exactly once, in each producer's order")
    @Outcome(expect = FORBIDDEN, desc = "an element lost, doubled, taken though refused, or reordered; "
            + "or an unbounded queue refused an offer")
    @State
    public static class NoLossNoDuplicationWithSegmentsOfTwo {
        private final SegmentedQueue queue = new SegmentedQueue(2);
        private final DeliveryLedger ledger = new DeliveryLedger(BufferTraffic.ROUNDS);

        @Actor
        public void first() {
            BufferTraffic.offerAndPoll(queue, ledger, 0);
        }

        @Actor
        public void second() {
            BufferTraffic.offerAndPoll(queue, ledger, 1);
        }

        @Arbiter
        public void drain(IIIII_Result r) {
            BufferTraffic.drainAndJudge(queue, ledger, r);
        }
    }

    /**
     * An element published into a segment the producer has just linked is fully visible to
     * the consumer that finds it; the consumer polls until it appears. Fails if the consumer could reach the new segment (through
     * {@code next}) and read a slot whose element write it is not ordered after: a plain
     * store of the slot, or a segment whose slot array is reached before it is initialized.
     */
    @JCStressTest
    @Outcome(id = "1, 2, 3", expect = ACCEPTABLE, desc = "the consumer saw the whole element")
    @Outcome(expect = FORBIDDEN, desc = "a claimed slot read without its element, or with unset fields, "
            + "or (-1s) the element never appeared")
    @State
    public static class ElementInNewSegmentFullyVisible {
        private final SegmentedQueue queue = new SegmentedQueue(1);

        public ElementInNewSegmentFullyVisible() {
            queue.offer(0); // position 0 fills the first segment; position 1 needs a new one
            queue.poll();
        }

        @Actor
        public void producer() {
            queue.offer(Payload.oneTwoThree());
        }

        @Actor
        public void consumer(III_Result r) {
            Payload.record(BufferTraffic.pollUntilPresent(queue), ElementBuffer.EMPTY, r);
        }
    }

    /**
     * A poll at the end of a drained segment racing the offer that links the next one takes
     * the element or reports EMPTY, never both, never neither. Fails if the consumer reported
     * EMPTY for a position a producer had claimed (the segment not linked yet is not
     * "empty"), or took the element twice.
     */
    @JCStressTest
    @Outcome(id = "0, 1, -1", expect = ACCEPTABLE, desc = "the offer came first; the poll took the element")
    @Outcome(id = "0, -1, 1", expect = ACCEPTABLE, desc = "the poll came first and found the queue empty")
    @Outcome(expect = FORBIDDEN, desc = "the element lost or taken twice, or the offer refused")
    @State
    public static class PollRacingOfferAtSegmentBoundary {
        private final SegmentedQueue queue = new SegmentedQueue(1);

        public PollRacingOfferAtSegmentBoundary() {
            queue.offer(0);
            queue.poll();
        }

        @Actor
        public void offerer(III_Result r) {
            r.r1 = queue.offer(1);
        }

        @Actor
        public void poller(III_Result r) {
            r.r2 = BufferTraffic.code(queue.poll());
        }

        @Arbiter
        public void drain(III_Result r) {
            r.r3 = BufferTraffic.code(queue.poll());
        }
    }

    /**
     * An offer racing close on a fresh segment boundary is accepted and drained, or refused
     * and never seen. Fails if a producer could claim a position after the close bit was set,
     * or the drain reported DRAINED with a claimed position still unread.
     */
    @JCStressTest
    @Outcome(id = "0, 1, 1, -2", expect = ACCEPTABLE, desc = "accepted before the close; drained, then DRAINED")
    @Outcome(id = "2, 1, -2, -2", expect = ACCEPTABLE, desc = "refused as CLOSED; nothing to drain")
    @Outcome(expect = FORBIDDEN, desc = "an accepted element lost, a refused one drained, or close lost")
    @State
    public static class OfferVersusClose {
        private final SegmentedQueue queue = new SegmentedQueue(1);

        public OfferVersusClose() {
            queue.offer(0);
            queue.poll();
        }

        @Actor
        public void offerer(IIII_Result r) {
            r.r1 = queue.offer(1);
        }

        @Actor
        public void closer(IIII_Result r) {
            r.r2 = queue.close() ? 1 : 0;
        }

        @Arbiter
        public void drain(IIII_Result r) {
            r.r3 = BufferTraffic.code(queue.poll());
            r.r4 = BufferTraffic.code(queue.poll());
        }
    }
}
