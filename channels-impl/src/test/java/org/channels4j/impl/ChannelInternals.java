package org.channels4j.impl;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.channels4j.Overflow;

/**
 * What the tests of this package look at or build that production code never does, kept here
 * so that main code carries no test-only hook: counts of the nodes a channel's wait queues
 * still link (read from the channel's private queue fields by reflection, then walked the way
 * {@link WaitQueue#wakeAll()} walks them), and an unbounded channel with small segments.
 */
final class ChannelInternals {
    private ChannelInternals() {
    }

    /** Nodes still linked in {@code queue}, live or dead, the sentinel excluded. */
    static int linkedNodes(WaitQueue queue) {
        int count = 0;
        for (WaitNode n = queue.first(); n != null; n = n.lvNext()) {
            count++;
        }
        return count;
    }

    /**
     * Nodes still linked, live or dead, in every wait queue of {@code channel}: the fields of
     * type {@link WaitQueue} its class declares (a null queue, not created or not kept, counts 0).
     */
    static int linkedWaiters(Object channel) {
        int count = 0;
        for (Field f : channel.getClass().getDeclaredFields()) {
            if (f.getType() == WaitQueue.class && !Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                final WaitQueue queue;
                try {
                    queue = (WaitQueue) f.get(channel);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
                count += queue == null ? 0 : linkedNodes(queue);
            }
        }
        return count;
    }

    /**
     * An unbounded channel whose segments hold {@code segmentSize} slots, so that tests cross
     * segment boundaries often; built by the constructor the production factories use.
     */
    static <E> BufferChannel<E> unbounded(int segmentSize) {
        return new BufferChannel<>(new SegmentedQueue(segmentSize), Integer.MAX_VALUE, Overflow.BLOCK, null);
    }
}
