package org.channels4j.impl;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A node of a select other than its first: the select's {@link SelectWaiter} owns it and its
 * completion decides that waiter's outcome. Nobody parks on it, so it carries no thread and no
 * outcome, only one link, which is both the select's list of its other nodes and the way to
 * the owner: 32 bytes (header, element, queue link, this link and the long of sequence number
 * and flags; {@code LayoutTest}), so a select over k channels that parks and is completed
 * allocates 40 + 32(k - 1) + 24 = 32k + 32 bytes with its {@code Match}, issue 9's bound. The
 * price is the walk: a matcher finds the owner after up to k - 1 dependent reads of nodes the
 * select's thread allocated one after the other.
 *
 * <p>Once the select is over, its thread drops the links ({@link #dropLink}): the node a
 * link names (the owner, or an older node of the select) is a node of another channel's
 * queue, and a node keeps its {@code next} after it leaves a queue, so a dead node of this
 * select left as the sentinel of an idle channel would otherwise keep every node appended to
 * that other channel since reachable, without bound
 * ({@code SelectNodeRetentionTest}). A node whose owner is gone reads as dead: {@link #owner()}
 * then returns {@link #GONE}, which nobody can complete.
 */
final class SelectNode extends WaitNode {
    private static final VarHandle LINK = VarHandles.field(MethodHandles.lookup(), "link", WaitNode.class);

    /** The owner of a node whose select is over: never waiting, so never completed or woken. */
    static final Waiter GONE = Waiter.sentinel();

    /**
     * The select's node registered before this one among its other nodes, or, for the first
     * of them, the select's waiter: so from any of its nodes the chain of links ends at the
     * owner. Null once the select is over ({@link #dropLink}). Written before the node is
     * published, then only by the select's thread, to null.
     */
    private WaitNode link;

    /**
     * @param owner the select's first node
     * @param bits the node's constant bits ({@link WaitNode#bits})
     * @param item the element a sending node offers, else null
     */
    SelectNode(SelectWaiter owner, int bits, Object item) {
        super(bits, item);
        final SelectNode newest = owner.members();
        this.link = newest != null ? newest : owner; // plain: the append CAS publishes the node
    }

    /**
     * The select's waiter, or {@link #GONE} once the select is over: the end of the chain of
     * links, each read opaque. A thread racing the select's end reads either the owner, whose
     * outcome is decided by then, or a link already dropped; both refuse a completion (a
     * read racing the drop may still return the owner: its outcome CAS settles that race, not
     * any order between the reads). The first value of every link along the way is visible:
     * the reader found this node by a volatile read of a queue's {@code head} or a node's
     * {@code next}, which sees the select's thread's volatile append CAS of it, made after
     * that thread wrote the links of every older node; a later value can only be null. Each
     * call walks again: {@code isLive}, {@code tryMatch} and a sweep's visit each pay up to
     * k - 1 reads.
     */
    Waiter ownerOrGone() {
        WaitNode n = (WaitNode) LINK.getOpaque(this);
        while (n instanceof SelectNode member) {
            n = (WaitNode) LINK.getOpaque(member);
        }
        return n != null ? (Waiter) n : GONE;
    }

    /** The select's node registered before this one, or null if this is the first of its other nodes. */
    SelectNode previousMember() {
        return link instanceof SelectNode member ? member : null; // plain: the select's thread only
    }

    /**
     * Drops the link; by the select's thread, after its outcome is decided
     * ({@code Selection.abandonAll}). Opaque: a reader needs no order with it, only a value
     * that is one of the two.
     */
    void dropLink() {
        LINK.setOpaque(this, (WaitNode) null);
    }
}
