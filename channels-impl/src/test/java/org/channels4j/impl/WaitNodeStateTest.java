package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link WaitNode}'s state word: the bits the owner sets after publication ({@code SETTLED},
 * {@code PARKED} and {@code PARK_PARITY}) and the sequence number above them leave the constant
 * bits a matcher reads (mode, select flags, clause index) as they were, up to the largest clause
 * index, and each other; a node keeps its sequence number modulo the bits it has, and a queue
 * numbers its nodes one after another.
 */
class WaitNodeStateTest {

    @Test
    void parkingAndResumingKeepTheConstantBits() {
        final int bits = WaitNode.bits(true, false, WaitNode.MAX_CLAUSE, true);
        final Waiter w = new Waiter(new ThreadRecord(Thread.currentThread()), bits, "x");
        assertFalse(w.lvParked());
        w.svParked(true);
        assertTrue(w.lvParked());
        assertTrue((w.lvState() & WaitNode.PARK_PARITY) != 0);
        assertEquals(bits, w.constantBits());
        assertEquals(WaitNode.MAX_CLAUSE, w.clause());
        assertTrue(w.sending());
        assertTrue(w.isSelecting());
        assertFalse(w.isAlone());
    }

    @Test
    void theLargestClauseIndexLeavesTheFlagBitsClear() {
        final int bits = WaitNode.bits(false, false, WaitNode.MAX_CLAUSE, false);
        assertEquals(0, bits & (WaitNode.PARKED | WaitNode.PARK_PARITY | WaitNode.SETTLED | WaitNode.SELECTING | WaitNode.ALONE | WaitNode.SENDING));
        assertEquals(65_535, WaitNode.MAX_CLAUSE, "a select may name 65,536 clauses, as Go's reflect.Select may");
    }

    @Test
    void aClauseIndexAboveTheLargestIsRejectedWithAssertionsOn() {
        assertThrows(AssertionError.class, () -> WaitNode.bits(false, false, WaitNode.MAX_CLAUSE + 1, false));
    }

    @Test
    void theSequenceNumberAndTheOwnersBitsLeaveEachOtherAndTheConstantBitsAlone() {
        final int bits = WaitNode.bits(true, false, WaitNode.MAX_CLAUSE, true);
        final Waiter w = new Waiter(new ThreadRecord(Thread.currentThread()), bits, "x");
        assertEquals(0, w.seq());
        final long seq = WaitNode.SEQ_MASK; // every sequence bit set
        w.setSeq(seq);
        assertEquals(seq, w.seq());
        assertEquals(bits, w.constantBits());
        assertFalse(w.isSettled());
        w.settle();
        assertTrue(w.isSettled());
        assertFalse(w.lvParked());
        w.svParked(true);
        w.svParked(false); // announced again, with the other parity: only that bit changes
        assertTrue(w.lvParked());
        assertTrue(w.isSettled(), "announcing a park keeps the settled flag");
        assertEquals(0, w.lvState() & WaitNode.PARK_PARITY);
        assertEquals(seq, w.seq());
        assertEquals(bits, w.constantBits());
    }

    @Test
    void aNodeKeepsItsSequenceNumberModuloTwoToTheSequenceBits() {
        final Waiter w = new Waiter(new ThreadRecord(Thread.currentThread()), WaitNode.bits(false, true, 0, false), null);
        w.setSeq((WaitNode.SEQ_MASK + 1) * 5 + 7);
        assertEquals(7, w.seq());
        assertEquals(WaitNode.bits(false, true, 0, false), w.constantBits());
    }

    /**
     * Each append numbers the node one after the last, so the last number moves with every
     * registration, which a non-blocking select's double collect relies on
     * ({@code UnbufferedChannel.version}); across the wrap it still changes.
     */
    @Test
    void aQueueNumbersItsNodesOneAfterAnotherAndItsLastNumberMovesWithEveryAppend() {
        final WaitQueue q = new WaitQueue();
        final ThreadRecord self = new ThreadRecord(Thread.currentThread());
        assertEquals(0, q.lastSeq());
        final Waiter a = new Waiter(self, false, null);
        q.append(a);
        assertEquals(1, a.seq());
        assertEquals(1, q.lastSeq());
        final Waiter b = new Waiter(self, false, null);
        q.append(b);
        assertEquals(2, b.seq());
        assertEquals(2, q.lastSeq());
        assertTrue(a.tryCancel());
        assertTrue(b.tryCancel());
        q.abandon(); // both dead: the head passes them; the last one stays linked as the sentinel
        assertEquals(2, q.lastSeq());
        b.setSeq(WaitNode.SEQ_MASK); // as if the count had reached the wrap
        final Waiter c = new Waiter(self, false, null);
        q.append(c);
        assertEquals(0, c.seq());
        assertEquals(0, q.lastSeq(), "the last number moved across the wrap");
    }
}
