package org.channels4j.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A node of a select other than its first: the select's {@link SelectWaiter} owns it and its
 * completion decides that waiter's outcome. Nobody parks on it, so it carries no thread and no
 * outcome, only its owner and the next node of the select's list.
 *
 * <p>Once the select is over, its thread drops the link to the owner ({@link #forgetOwner}):
 * the owner is a node of another channel's queue, and a node keeps its {@code next} after it
 * leaves a queue, so a dead node of this select left as the sentinel of an idle channel would
 * otherwise keep every node appended to that other channel since reachable, without bound
 * ({@code SelectNodeRetentionTest}). A node whose owner is gone reads as dead: {@link #owner()}
 * then returns {@link #GONE}, which nobody can complete.
 */
final class SelectNode extends WaitNode {
    private static final VarHandle OWNER = VarHandles.field(MethodHandles.lookup(), "owner", SelectWaiter.class);

    /** The owner of a node whose select is over: never waiting, so never completed or woken. */
    static final Waiter GONE = Waiter.sentinel();

    /** The select's waiter; null once the select is over ({@link #forgetOwner}). */
    private SelectWaiter owner;
    /**
     * The next of the select's other nodes ({@link SelectWaiter#members()}); null at the end.
     * Read and written by the select's thread only, so plain.
     */
    SelectNode nextMember;

    /**
     * @param owner the select's first node
     * @param bits the node's constant bits ({@link WaitNode#bits})
     * @param item the element a sending node offers, else null
     */
    SelectNode(SelectWaiter owner, int bits, Object item) {
        super(bits, item);
        this.owner = owner; // plain: the append CAS publishes the node
    }

    /**
     * The select's waiter, or {@link #GONE} once the select is over. One opaque read: a thread
     * racing the select's end reads either the owner, whose outcome is decided by then, or
     * {@code GONE}; both refuse a completion.
     */
    Waiter ownerOrGone() {
        final SelectWaiter o = (SelectWaiter) OWNER.getOpaque(this);
        return o != null ? o : GONE;
    }

    /**
     * Drops the link to the owner; by the select's thread, after its outcome is decided
     * ({@code Selection.abandonAll}). Opaque: a reader needs no order with it, only a value
     * that is one of the two.
     */
    void forgetOwner() {
        OWNER.setOpaque(this, (SelectWaiter) null);
    }
}
