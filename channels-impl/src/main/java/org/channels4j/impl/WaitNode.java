package org.channels4j.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A registration in one channel's {@link WaitQueue}: whose wait it stands for, which clause,
 * whether it sends or receives, and for a send the element offered.
 *
 * <p>A plain blocking operation's node is its own {@link Waiter} ({@code owner == this}): one
 * object per blocked {@code send} or {@code receive}, completed by one CAS that carries the
 * element (the node of {@code SynchronousQueue}, Go's {@code sudog}). A select's nodes share one
 * waiter, so that one CAS commits the whole select: its first node (so a blocking select over
 * k channels allocates k nodes and, when a partner completes it, one {@link Match}). The waiter
 * fields of its other nodes are unused.
 *
 * <p>A node is live while its owner is waiting; once the owner's outcome is decided the node is
 * dead, and its queue drops it lazily.
 */
final class WaitNode extends Waiter {
    /** {@link #ticket} before the registering thread has taken one. */
    static final long UNASSIGNED = Long.MAX_VALUE;
    /** The largest clause index a node can carry. */
    static final int MAX_CLAUSE = Integer.MAX_VALUE >>> 3;

    /**
     * Constant bit: the node is its waiter's only node (a plain operation's, or a select's that
     * registers one node), so its completion needs not say which node: its outcome is the
     * element received, {@link #SENT} or {@link #WOKEN}, never a {@link Match} or the node.
     */
    private static final int ALONE = 1 << FIRST_FREE_BIT;
    /** Constant bit: the node sends. */
    private static final int SENDING = 1 << (FIRST_FREE_BIT + 1);
    /** The clause index is stored above this many constant bits. */
    private static final int CLAUSE_SHIFT = FIRST_FREE_BIT + 2;

    private static final VarHandle NEXT = VarHandles.field(MethodHandles.lookup(), "next", WaitNode.class);

    /** The waiter whose outcome this node's completion decides: this node for a plain operation. */
    final Waiter owner;
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
    /**
     * The next node of the same select, in a list that starts at the select's first node: read
     * and written by the select's own thread only, so plain. Lets a select keep its nodes
     * without an array.
     */
    private WaitNode sibling;

    /** The node of a plain blocking operation of the current thread: its own waiter. */
    WaitNode(boolean sending, Object item) {
        super(Thread.currentThread(), ALONE | (sending ? SENDING : 0));
        this.owner = this;
        this.item = item;
    }

    /**
     * The node of clause {@code clause} of a select of the current thread: owned by
     * {@code owner}, or, if that is null, the select's first node and its waiter. A select's
     * only node ({@code alone}, owner null) is completed as a plain operation's is.
     */
    WaitNode(Waiter owner, boolean selecting, boolean alone, int clause, boolean sending, Object item) {
        super(Thread.currentThread(), (selecting ? SELECTING : 0) | (alone ? ALONE : 0) | (sending ? SENDING : 0)
                | clause << CLAUSE_SHIFT);
        assert !alone || owner == null && !selecting;
        assert clause >= 0 && clause <= MAX_CLAUSE;
        this.owner = owner == null ? this : owner;
        this.item = item;
    }

    /** A queue's sentinel: owned by no thread, never completed. */
    static WaitNode sentinel() {
        return new WaitNode();
    }

    private WaitNode() {
        super(null, ALONE);
        this.owner = this;
    }

    /** Whether the node is its waiter's only node, completed without a {@link Match}. */
    boolean isAlone() {
        return (constantBits() & ALONE) != 0;
    }

    /** Whether the node sends. */
    boolean sending() {
        return (constantBits() & SENDING) != 0;
    }

    /** Index of the select clause this node registers; 0 for a plain operation. */
    int clause() {
        return constantBits() >>> CLAUSE_SHIFT;
    }

    /** The select's next node after this one (select's thread only); null at the end. */
    WaitNode sibling() {
        return sibling;
    }

    /** Links {@code node} after this one in the select's list (select's thread only). */
    void setSibling(WaitNode node) {
        sibling = node;
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
        if (isAlone()) {
            return tryComplete(sending() ? SENT : element);
        }
        return owner.tryComplete(new Match(this, element));
    }

    /**
     * Tells the owner that this node's clause may be able to proceed now.
     *
     * @return whether this call decided the owner's outcome
     */
    boolean tryWake() {
        return owner.tryComplete(isAlone() ? WOKEN : this);
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
