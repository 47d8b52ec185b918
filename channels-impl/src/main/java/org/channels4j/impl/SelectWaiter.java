package org.channels4j.impl;

/**
 * The first node of a select that registers more than one node: the select's {@link Waiter},
 * and the head of the list of its other nodes, the {@link SelectNode}s. The list lets the
 * select reach its nodes without an array. Its head, {@link #members()}, is read and written
 * by the select's thread only, so plainly; its links ({@code SelectNode.link}) are also the
 * way a matcher walks to this waiter, so other threads read them (opaque) and the select's
 * thread drops them (opaque) once its outcome is decided.
 */
final class SelectWaiter extends Waiter {
    /** The most recently added other node; null before the second registration. */
    private SelectNode members;

    /**
     * @param owner the record of the select's thread, the current one
     * @param bits the node's constant bits ({@link WaitNode#bits})
     * @param item the element a sending node offers, else null
     */
    SelectWaiter(ThreadRecord owner, int bits, Object item) {
        super(owner, bits, item);
    }

    /** The select's other nodes, most recently registered first, linked by {@link SelectNode#previousMember}. */
    SelectNode members() {
        return members;
    }

    /** Adds {@code node}, made after every node already added, to the select's other nodes. */
    void add(SelectNode node) {
        assert node.previousMember() == members : "a node links the node added before it";
        members = node;
    }

    /** Forgets the list once the select is over, so that a dead node keeps no other node alive. */
    void clearMembers() {
        members = null;
    }
}
