package org.channels4j.impl;

/**
 * A waiter's registration in one channel's {@link WaitQueue}: which clause of the waiter it
 * stands for, whether it sends or receives, and for a send the element offered. Immutable but
 * for the queue link. A node is live while its waiter is waiting.
 */
final class WaitNode {
    final Waiter waiter;
    /** Index of the select clause this node registers; 0 for a plain operation. */
    final int clause;
    final boolean sending;
    /** The element a sending node offers; null for a receiving node and for a queue's sentinel. */
    final Object item;
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
}
