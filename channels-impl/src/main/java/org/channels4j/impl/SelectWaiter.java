package org.channels4j.impl;

/**
 * The first node of a select that registers more than one node: the select's {@link Waiter},
 * and the head of the list of its other nodes, the {@link SelectNode}s. The list lets the
 * select reach its nodes without an array; only the select's thread reads or writes it, so
 * plainly.
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
        members = node;
    }

    /** Forgets the list once the select is over, so that a dead node keeps no other node alive. */
    void clearMembers() {
        members = null;
    }
}
