package org.channels4j.impl;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.channels4j.Overflow;

/**
 * What the tests look at or build that production code never does, kept here so that main
 * code carries no test-only hook: counts of the nodes a channel's wait queues still link (read
 * from the channel's private queue fields by reflection, then walked the way
 * {@link WaitQueue#wakeAll()} walks them), an unbounded channel with small segments, and the
 * slots of a channel's buffer that still hold an element. The last is public, for the tests of
 * other packages; the rest serve this package only.
 */
public final class ChannelInternals {
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
     * The slots of {@code channel}'s buffer that still hold an element, one description each, in
     * slot order; empty once every accepted element has been taken, by a receiver, a displacing
     * sender or a cancel's drain. Unlike {@code size()}, which reports 0 as soon as a cancel has
     * claimed the remaining positions, this reads the slots themselves, so it sees an element
     * that a drain left behind. In a {@link RingBuffer}, a slot holds an element if its element
     * reference is set or its stamp is odd (published, not yet taken); in a
     * {@link SegmentedQueue}, if its item is set, in the segments from the head segment on (the
     * ones behind it are unreachable). Read by reflection; call it only once no thread uses the
     * channel any more.
     *
     * @param channel a buffered or unbounded channel, as the factories and the builder make it
     */
    public static List<String> slotsStillHolding(Object channel) {
        if (!(channel instanceof BufferChannel<?>)) {
            throw new IllegalArgumentException(channel + " has no buffer");
        }
        final Object buffer = read(channel, BufferChannel.class, "buffer");
        final List<String> holding = new ArrayList<>();
        if (buffer instanceof RingBuffer ring) {
            final Object[] elements = (Object[]) read(ring, RingBuffer.class, "elements");
            final long[] stamps = (long[]) read(ring, RingBuffer.class, "stamps");
            for (int i = 0; i < elements.length; i++) {
                if (elements[i] != null) {
                    holding.add("elements[" + i + "] = " + elements[i]);
                }
            }
            for (int i = 0; i < stamps.length; i++) {
                if ((stamps[i] & 1) != 0) {
                    holding.add("stamps[" + i + "] = " + stamps[i] + " (holds position " + (stamps[i] >> 1) + ")");
                }
            }
        } else if (buffer instanceof SegmentedQueue queue) {
            for (var s = (SegmentedQueue.Segment) read(queue, SegmentedQueue.class, "headSegment"); s != null;
                    s = s.lvNext()) {
                for (int i = 0; i < s.items.length; i++) {
                    if (s.items[i] != null) {
                        holding.add("position " + (s.start + i) + " = " + s.items[i]);
                    }
                }
            }
        } else {
            throw new IllegalArgumentException("unknown buffer " + buffer);
        }
        return holding;
    }

    /** The value of the field {@code name} that {@code declaring} declares, read from {@code owner}. */
    private static Object read(Object owner, Class<?> declaring, String name) {
        try {
            final Field f = declaring.getDeclaredField(name);
            f.setAccessible(true);
            return f.get(owner);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * An unbounded channel whose segments hold {@code segmentSize} slots, so that tests cross
     * segment boundaries often; built by the constructor the production factories use.
     */
    static <E> BufferChannel<E> unbounded(int segmentSize) {
        return new BufferChannel<>(new SegmentedQueue(segmentSize), Integer.MAX_VALUE, Overflow.BLOCK, null);
    }
}
