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
 * {@link RingBuffer}, the bounded Vyukov ring behind buffered channels, driven directly.
 * Poll results are coded as in {@link BufferTraffic#code}: the element, {@code -1} EMPTY,
 * {@code -2} DRAINED. Offer results are the {@link ElementBuffer} constants: {@code 0} OK,
 * {@code 1} FULL, {@code 2} CLOSED.
 */
public final class RingBufferStress {
    private RingBufferStress() {
    }

    /**
     * A consumer that sees a slot's stamp say "published" sees the whole element. The consumer
     * polls until the element appears, so it reads the slot the moment the stamp flips. Fails
     * if the stamp could become visible before the element reference or the element's fields,
     * i.e. if the stamp store were not a release after the element write, or the stamp load
     * not an acquire before the element read.
     */
    @JCStressTest
    @Outcome(id = "1, 2, 3", expect = ACCEPTABLE, desc = "the consumer saw the whole element")
    @Outcome(expect = FORBIDDEN, desc = "a published slot held no element, or an element with unset fields, "
            + "or (-1s) the element never appeared")
    @State
    public static class ElementFullyVisibleOnceStamped {
        private final RingBuffer ring = new RingBuffer(1);

        @Actor
        public void producer() {
            ring.offer(Payload.oneTwoThree());
        }

        @Actor
        public void consumer(III_Result r) {
            Payload.record(BufferTraffic.pollUntilPresent(ring), ElementBuffer.EMPTY, r);
        }
    }

    /**
     * At capacity 1 every position reuses the one slot, so each offer and poll crosses a
     * wrap-around. Fails if two producers could claim one position, two consumers take one
     * element, a consumer read a slot before its producer finished, or a stamp confused "free
     * for position p" with "holds position p" (the collision the doubled stamps prevent).
     */
    @JCStressTest
    @Outcome(id = "[1-4], 0, 0, 0, 0", expect = ACCEPTABLE,
            desc = "every accepted element taken exactly once, in each producer's order")
    @Outcome(expect = FORBIDDEN, desc = "an element lost, doubled, taken though refused, or reordered")
    @State
    public static class NoLossNoDuplicationAtCapacityOne {
        private final RingBuffer ring = new RingBuffer(1);
        private final DeliveryLedger ledger = new DeliveryLedger(BufferTraffic.ROUNDS);

        @Actor
        public void first() {
            BufferTraffic.offerAndPoll(ring, ledger, 0);
        }

        @Actor
        public void second() {
            BufferTraffic.offerAndPoll(ring, ledger, 1);
        }

        @Arbiter
        public void drain(IIIII_Result r) {
            BufferTraffic.drainAndJudge(ring, ledger, r);
        }
    }

    /** As {@link NoLossNoDuplicationAtCapacityOne}, with two slots (the power-of-two mask path). */
    @JCStressTest
    @Outcome(id = "[2-4], 0, 0, 0, 0", expect = ACCEPTABLE,
            desc = "every accepted element taken exactly once, in each producer's order")
    @Outcome(expect = FORBIDDEN, desc = "an element lost, doubled, taken though refused, or reordered; "
            + "or fewer than two offers accepted by an empty ring of two")
    @State
    public static class NoLossNoDuplicationAtCapacityTwo {
        private final RingBuffer ring = new RingBuffer(2);
        private final DeliveryLedger ledger = new DeliveryLedger(BufferTraffic.ROUNDS);

        @Actor
        public void first() {
            BufferTraffic.offerAndPoll(ring, ledger, 0);
        }

        @Actor
        public void second() {
            BufferTraffic.offerAndPoll(ring, ledger, 1);
        }

        @Arbiter
        public void drain(IIIII_Result r) {
            BufferTraffic.drainAndJudge(ring, ledger, r);
        }
    }

    /**
     * As {@link NoLossNoDuplicationAtCapacityOne}, with three slots: the division path of slot
     * indexing, where the fourth position wraps to slot 0.
     */
    @JCStressTest
    @Outcome(id = "[3-4], 0, 0, 0, 0", expect = ACCEPTABLE,
            desc = "every accepted element taken exactly once, in each producer's order")
    @Outcome(expect = FORBIDDEN, desc = "an element lost, doubled, taken though refused, or reordered; "
            + "or fewer than three offers accepted by an empty ring of three")
    @State
    public static class NoLossNoDuplicationAtCapacityThree {
        private final RingBuffer ring = new RingBuffer(3);
        private final DeliveryLedger ledger = new DeliveryLedger(BufferTraffic.ROUNDS);

        @Actor
        public void first() {
            BufferTraffic.offerAndPoll(ring, ledger, 0);
        }

        @Actor
        public void second() {
            BufferTraffic.offerAndPoll(ring, ledger, 1);
        }

        @Arbiter
        public void drain(IIIII_Result r) {
            BufferTraffic.drainAndJudge(ring, ledger, r);
        }
    }

    /**
     * An offer racing a poll on a full ring: the offer is refused exactly when it comes before
     * the poll frees the slot. Fails if FULL were reported after the consumer freed the slot
     * and the element then appeared anyway, or OK were reported without the element being
     * stored, or the poll saw a full ring as empty.
     */
    @JCStressTest
    @Outcome(id = "0, 1, 2", expect = ACCEPTABLE, desc = "the poll freed the slot first; the offer took it")
    @Outcome(id = "1, 1, -1", expect = ACCEPTABLE, desc = "the offer came first and found the ring full")
    @Outcome(expect = FORBIDDEN, desc = "an accepted element lost, a refused one stored, or a full ring polled empty")
    @State
    public static class OfferVersusPollWhenFull {
        private final RingBuffer ring = new RingBuffer(1);

        public OfferVersusPollWhenFull() {
            ring.offer(1);
        }

        @Actor
        public void offerer(III_Result r) {
            r.r1 = ring.offer(2);
        }

        @Actor
        public void poller(III_Result r) {
            r.r2 = BufferTraffic.code(ring.poll());
        }

        @Arbiter
        public void drain(III_Result r) {
            r.r3 = BufferTraffic.code(ring.poll());
        }
    }

    /**
     * A poll racing an offer on an empty ring takes the element or reports EMPTY, never both
     * and never neither. Fails if a poll that met a claimed but unpublished slot returned
     * something other than the element, or if the element could be taken twice.
     */
    @JCStressTest
    @Outcome(id = "0, 1, -1", expect = ACCEPTABLE, desc = "the offer came first; the poll took the element")
    @Outcome(id = "0, -1, 1", expect = ACCEPTABLE, desc = "the poll came first and found the ring empty")
    @Outcome(expect = FORBIDDEN, desc = "the element lost or taken twice, or the offer to an empty ring refused")
    @State
    public static class OfferVersusPollWhenEmpty {
        private final RingBuffer ring = new RingBuffer(1);

        @Actor
        public void offerer(III_Result r) {
            r.r1 = ring.offer(1);
        }

        @Actor
        public void poller(III_Result r) {
            r.r2 = BufferTraffic.code(ring.poll());
        }

        @Arbiter
        public void drain(III_Result r) {
            r.r3 = BufferTraffic.code(ring.poll());
        }
    }

    /**
     * {@code size()} is a snapshot that a concurrent offer and poll cannot both slip past. From
     * one element, the producer offers and then reads the size ({@code r1}), the consumer polls
     * and then reads it ({@code r2}). Each sees its own operation, so {@code r1} is 1 or 2 and
     * {@code r2} is 0 or 1; and they cannot read 2 and 0 together: that needs each size to miss
     * the other side's index update although each update came before the other side's read (the
     * store-buffering cycle). Every index update is a CAS and every index read in
     * {@code BufferIndices.size} a volatile read, so the four accesses have one order and the
     * cycle is forbidden. Fails if either update were a release or plain store (a "lazy" index
     * bump that a single-consumer ring might use), which x86's store buffer lets a later load
     * pass; and if {@code size} ignored its own thread's update. The arbiter reads the quiescent
     * size ({@code r3}) and then drains ({@code r4}): one element each, which fails if size
     * miscounted a settled ring (counting the close bit or a position twice, say).
     */
    @JCStressTest
    @Outcome(id = {"1, 0, 1, 1", "1, 1, 1, 1", "2, 1, 1, 1"}, expect = ACCEPTABLE,
            desc = "each size saw its own operation, at least one saw the other's; one element left")
    @Outcome(id = "2, 0, 1, 1", expect = FORBIDDEN,
            desc = "each size missed the other side's earlier update: not a snapshot")
    @Outcome(expect = FORBIDDEN, desc = "a size that missed its own operation, or a settled size that miscounts")
    @State
    public static class SizeIsASnapshot {
        private final RingBuffer ring = new RingBuffer(2);

        public SizeIsASnapshot() {
            ring.offer(0);
        }

        @Actor
        public void producer(IIII_Result r) {
            ring.offer(1);
            r.r1 = ring.size();
        }

        @Actor
        public void consumer(IIII_Result r) {
            ring.poll();
            r.r2 = ring.size();
        }

        @Arbiter
        public void settle(IIII_Result r) {
            r.r3 = ring.size();
            int drained = 0;
            while (drained <= 2 && ring.poll() != ElementBuffer.EMPTY) {
                drained++;
            }
            r.r4 = drained;
        }
    }

    /**
     * An offer racing close is either accepted and then drained, or refused and never seen.
     * Fails if the close bit and the position claim were not decided by the same CAS on the
     * producer index (an offer accepted after the close, or an accepted element that the
     * drain skips and reports DRAINED).
     */
    @JCStressTest
    @Outcome(id = "0, 1, 1, -2", expect = ACCEPTABLE, desc = "accepted before the close; drained, then DRAINED")
    @Outcome(id = "2, 1, -2, -2", expect = ACCEPTABLE, desc = "refused as CLOSED; nothing to drain")
    @Outcome(expect = FORBIDDEN, desc = "an accepted element lost, a refused one drained, or close lost")
    @State
    public static class OfferVersusClose {
        private final RingBuffer ring = new RingBuffer(1);

        @Actor
        public void offerer(IIII_Result r) {
            r.r1 = ring.offer(1);
        }

        @Actor
        public void closer(IIII_Result r) {
            r.r2 = ring.close() ? 1 : 0;
        }

        @Arbiter
        public void drain(IIII_Result r) {
            r.r3 = BufferTraffic.code(ring.poll());
            r.r4 = BufferTraffic.code(ring.poll());
        }
    }
}
