package org.channels4j.impl;

/**
 * The first node of a select that registers more than one node: the select's {@link Waiter},
 * and the head of the list of its other nodes, the {@link SelectNode}s. The list lets the
 * select reach its nodes without an array; only the select's thread reads or writes it.
 */
final class SelectWaiter extends Waiter {
    private WaitNode sibling;

    /**
     * @param thread the select's thread, the current one
     * @param bits the node's constant bits ({@link WaitNode#bits})
     * @param item the element a sending node offers, else null
     */
    SelectWaiter(Thread thread, int bits, Object item) {
        super(thread, bits, item);
    }

    @Override
    WaitNode sibling() {
        return sibling;
    }

    @Override
    void dropSibling() {
        sibling = null;
    }

    /** Puts {@code node} first in the list after this node (select's thread only). */
    void push(SelectNode node) {
        node.linkBefore(sibling);
        sibling = node;
    }
}
