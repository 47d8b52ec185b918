package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link WaitNode}'s state word: the two bits the owner sets when it parks, {@code PARKED} and
 * {@code PARK_PARITY}, and the ticket above them leave the constant bits a matcher reads (mode,
 * select flags, clause index) as they were, up to the largest clause index, and each other; and
 * tickets compare by their difference, across the wrap of the bits a node keeps.
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
        assertEquals(65_535, WaitNode.MAX_CLAUSE, "a select may name 65,536 clauses, as Go's reflect.Select may");
    }

    @Test
    void aClauseIndexAboveTheLargestIsRejectedWithAssertionsOn() {
        assertThrows(AssertionError.class, () -> WaitNode.bits(false, false, WaitNode.MAX_CLAUSE + 1, false));
    }

    @Test
    void theTicketAndTheParkedBitsLeaveEachOtherAndTheConstantBitsAlone() {
        final int bits = WaitNode.bits(true, false, WaitNode.MAX_CLAUSE, true);
        final Waiter w = new Waiter(new ThreadRecord(Thread.currentThread()), bits, "x");
        assertEquals(WaitNode.UNASSIGNED, w.lvTicket());
        final long ticket = WaitNode.TICKET_MASK; // every ticket bit set
        w.soTicket(ticket);
        assertEquals(ticket, w.lvTicket());
        assertEquals(bits, w.constantBits());
        assertFalse(w.lvParked());
        w.svParked(true);
        w.svParked(false); // announced again, with the other parity: only that bit changes
        assertTrue(w.lvParked());
        assertEquals(0, w.lvState() & WaitNode.PARK_PARITY);
        assertEquals(ticket, w.lvTicket());
        assertEquals(bits, w.constantBits());
    }

    @Test
    void aNodeKeepsTheCountModuloTwoToTheTicketBits() {
        final Waiter w = new Waiter(new ThreadRecord(Thread.currentThread()), WaitNode.bits(false, true, 0, false), null);
        w.soTicket((WaitNode.TICKET_MASK + 1) * 5 + 7);
        assertEquals(7, w.lvTicket());
    }

    /**
     * Tickets are compared by their difference: the one taken after the count wrapped is still
     * the later one. A plain {@code a > b} fails the wrapped cases.
     */
    @Test
    void aTicketTakenAfterTheWrapIsLater() {
        final long last = WaitNode.TICKET_MASK; // the largest ticket before the wrap
        final long afterWrap = 1; // the next one kept: 0 is skipped
        assertTrue(WaitNode.ticketAfter(afterWrap, last));
        assertFalse(WaitNode.ticketAfter(last, afterWrap));
        assertTrue(WaitNode.ticketAfter(2, 1));
        assertFalse(WaitNode.ticketAfter(1, 2));
        assertFalse(WaitNode.ticketAfter(5, 5));
        final long half = (WaitNode.TICKET_MASK + 1) / 2; // 2^42
        assertTrue(WaitNode.ticketAfter(half - 1 + 3, 3), "just under 2^42 apart still compares");
    }

    /** The dispenser skips the counts a node would keep as unassigned; the next ticket is 1 again. */
    @Test
    void theDispenserSkipsTheCountThatWouldReadAsUnassigned() {
        final TicketDispenser tickets = new TicketDispenser(WaitNode.TICKET_MASK - 1);
        assertEquals(WaitNode.TICKET_MASK, tickets.take());
        final long next = tickets.take();
        assertEquals(WaitNode.TICKET_MASK + 2, next);
        assertEquals(1, next & WaitNode.TICKET_MASK);
    }
}
