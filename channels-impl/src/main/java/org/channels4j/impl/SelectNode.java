package org.channels4j.impl;

/**
 * A node of a select other than its first: the select's {@link SelectWaiter} owns it and its
 * completion decides that waiter's outcome. Nobody parks on it, so it carries no thread and no
 * outcome, only its owner and the next node of the select's list.
 */
final class SelectNode extends WaitNode {
    /** The select's waiter. */
    final SelectWaiter owner;
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
        this.owner = owner;
    }
}
