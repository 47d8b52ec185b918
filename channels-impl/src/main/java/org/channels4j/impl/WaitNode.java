package org.channels4j.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A registration in one channel's {@link WaitQueue}: whose wait it stands for, which clause,
 * whether it sends or receives, and for a send the element offered.
 *
 * <p>A plain blocking operation's node is its own {@link Waiter} ({@code owner == this}): one
 * object per blocked {@code send} or {@code receive}, completed by one CAS that carries the
 * element (the node of {@code SynchronousQueue}, Go's {@code sudog}). A select's nodes share the
 * select's waiter, so that one CAS commits the whole select. The waiter fields a select's node
 * inherits are unused.
 *
 * <p>A node is live while its owner is waiting; once the owner's outcome is decided the node is
 * dead, and its queue drops it lazily.
 */
final class WaitNode extends Waiter {
    /** {@link #ticket} before the registering thread has taken one. */
    static final long UNASSIGNED = Long.MAX_VALUE;

    private static final VarHandle NEXT = VarHandles.field(MethodHandles.lookup(), "next", WaitNode.class);

    /** The waiter whose outcome this node's completion decides: this node for a plain operation. */
    final Waiter owner;
    /** Index of the select clause this node registers; 0 for a plain operation. */
    final int clause;
    final boolean sending;
    /**
     * The element a sending node offers; null otherwise. Plain: written before the append CAS
     * publishes the node, cleared by the owner once its outcome is fixed (a matcher that then
     * reads null is bound to lose its CAS on the outcome).
     */
    Object item;
    /**
     * The node's place in its channel's registration order across both of its queues; see
     * {@link UnbufferedChannel}. volatile: read by other registrants' re-checks.
     */
    private volatile long ticket = UNASSIGNED;
    /** The next node in the {@link WaitQueue}: appended and unlinked by CAS. */
    private volatile WaitNode next;

    /** The node of a plain blocking operation of the current thread: its own waiter. */
    WaitNode(boolean sending, Object item) {
        super(Thread.currentThread(), false);
        this.owner = this;
        this.clause = 0;
        this.sending = sending;
        this.item = item;
    }

    /** The node of clause {@code clause} of the select that owns {@code owner}. */
    WaitNode(Waiter owner, int clause, boolean sending, Object item) {
        super(owner.thread, owner.selecting);
        this.owner = owner;
        this.clause = clause;
        this.sending = sending;
        this.item = item;
    }

    /** A queue's sentinel: owned by no thread, never completed. */
    static WaitNode sentinel() {
        return new WaitNode();
    }

    private WaitNode() {
        super(null, false);
        this.owner = this;
        this.clause = 0;
        this.sending = false;
    }

    long lvTicket() {
        return ticket;
    }

    void svTicket(long value) {
        ticket = value;
    }

    WaitNode lvNext() {
        return next;
    }

    boolean casNext(WaitNode expect, WaitNode update) {
        return NEXT.compareAndSet(this, expect, update);
    }

    boolean isLive() {
        return owner.isWaiting();
    }

    /**
     * The unbuffered handoff: completes this node's operation with a partner, which gives
     * {@code element} to a receiving node ({@code null} for a sending node, whose own element the
     * partner took). The one CAS on the owner's outcome is the handoff's linearization point.
     *
     * @return whether this call completed the node; false if its owner had finished already
     */
    boolean tryMatch(Object element) {
        if (owner == this) {
            return tryComplete(sending ? SENT : element);
        }
        return owner.tryComplete(new Match(this, element));
    }

    /**
     * Tells the owner that this node's clause may be able to proceed now.
     *
     * @return whether this call decided the owner's outcome
     */
    boolean tryWake() {
        return owner.tryComplete(owner == this ? WOKEN : this);
    }

    /**
     * The ticket, waiting out the few instructions between the owner's append and its ticket
     * store. This wait depends on the owner making progress: if the owner is descheduled in
     * that window, the caller spins until it runs again (the owner never parks there).
     */
    long awaitTicket() {
        long t;
        while ((t = lvTicket()) == UNASSIGNED) {
            Thread.onSpinWait();
        }
        return t;
    }
}
