package org.channels4j.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The registration counter of an {@link UnbufferedChannel}: one {@code getAndAdd} per
 * registration, so it is written by every thread that blocks on the channel. It lives in its
 * own object, padded on both sides, so that those writes do not invalidate the line holding the
 * channel's close state and queue references, which every operation reads.
 */
final class TicketDispenser extends TicketValue {
    TicketDispenser() {
        super(0L);
    }

    /** A dispenser that has given {@code taken} tickets already: for tests of the wrap ({@link WaitNode#ticketAfter}). */
    TicketDispenser(long taken) {
        super(taken);
    }

    long p10, p11, p12, p13, p14, p15, p16, p17;
    long p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;
}

/** The counter itself, between two 128-byte regions. */
abstract class TicketValue extends TicketPad {
    private static final VarHandle VALUE = VarHandles.field(MethodHandles.lookup(), "value", long.class);

    private volatile long value;

    TicketValue(long taken) {
        VALUE.set(this, taken); // plain: the channel's final field publishes it
    }

    private long getAndAddValue(long delta) {
        return (long) VALUE.getAndAdd(this, delta);
    }

    private long lvValue() {
        return value;
    }

    /**
     * Takes the next ticket: 1, 2, 3, ..., skipping the counts a node would store as
     * {@link WaitNode#UNASSIGNED} (multiples of {@code 2^}{@value WaitNode#TICKET_BITS}, after
     * about 10^13 registrations).
     */
    final long take() {
        long t;
        do {
            t = getAndAddValue(1L) + 1L;
        } while ((t & WaitNode.TICKET_MASK) == WaitNode.UNASSIGNED);
        return t;
    }

    /** Tickets taken so far. */
    final long taken() {
        return lvValue();
    }
}

/** 128 bytes before the counter; the int fills the header gap a subclass field could take. */
abstract class TicketPad {
    int headerGap;
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p08, p09, p0a, p0b, p0c, p0d, p0e, p0f;
}
