package org.channels4j.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A waiter's registration in one channel's {@link WaitQueue}: which clause of the waiter it
 * stands for, whether it sends or receives, and for an unbuffered send the element offered.
 * A node is live while its waiter is waiting.
 */
final class WaitNode {
    /** {@link #ticket} before the registering thread has taken one. */
    static final long UNASSIGNED = Long.MAX_VALUE;

    static final VarHandle NEXT;

    static {
        try {
            NEXT = MethodHandles.lookup().findVarHandle(WaitNode.class, "next", WaitNode.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Waiter waiter;
    /** Index of the select clause this node registers; 0 for a plain operation. */
    final int clause;
    final boolean sending;
    /**
     * The element an unbuffered sending node offers; null otherwise. Plain: written before the
     * append CAS publishes the node, cleared by the owner once its outcome is fixed (a matcher
     * that then reads null is bound to lose its CAS on the outcome).
     */
    Object item;
    /**
     * The node's place in its channel's registration order across both of its queues; see
     * {@link UnbufferedChannel}. volatile: read by other registrants' re-checks.
     */
    volatile long ticket = UNASSIGNED;
    volatile WaitNode next;

    WaitNode(Waiter waiter, int clause, boolean sending, Object item) {
        this.waiter = waiter;
        this.clause = clause;
        this.sending = sending;
        this.item = item;
    }

    boolean isLive() {
        return waiter.isWaiting();
    }

    /**
     * The ticket, waiting out the few instructions between the owner's append and its ticket
     * store (the owner is running, never parked, in that window).
     */
    long awaitTicket() {
        long t;
        while ((t = ticket) == UNASSIGNED) {
            Thread.onSpinWait();
        }
        return t;
    }
}
