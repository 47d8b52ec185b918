package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link WaitNode}'s state word: the two bits the owner sets when it parks, {@code PARKED} and
 * {@code PARK_PARITY}, leave the constant bits a matcher reads (mode, select flags, clause index)
 * as they were, up to the largest clause index.
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
        assertEquals(0, bits & (WaitNode.PARKED | WaitNode.PARK_PARITY | WaitNode.SELECTING | WaitNode.ALONE | WaitNode.SENDING));
        assertTrue(WaitNode.MAX_CLAUSE >= (1 << 26), "a select may still name over 67 million clauses");
    }

    @Test
    void aClauseIndexAboveTheLargestIsRejectedWithAssertionsOn() {
        assertThrows(AssertionError.class, () -> WaitNode.bits(false, false, WaitNode.MAX_CLAUSE + 1, false));
    }
}
