package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link SegmentedQueue}'s claim that segments behind both indices become garbage as the channel
 * drains, so an unbounded channel gives its memory back. A weak reference to the first segment
 * shows whether anything still reaches it after a full GC.
 */
@Timeout(60)
class SegmentReclamationTest {
    private static final int SEGMENT = 4;
    private static final int ELEMENTS = 40 * SEGMENT;

    @Test
    void aSegmentBehindBothIndicesIsCollected() throws Exception {
        final SegmentedQueue queue = new SegmentedQueue(SEGMENT);
        final WeakReference<Object> first = new WeakReference<>(headSegment(queue));
        for (int i = 0; i < ELEMENTS; i++) {
            assertEquals(ElementBuffer.OK, queue.offer(i));
        }
        for (int i = 0; i < ELEMENTS; i++) {
            assertEquals(i, queue.poll());
        }
        assertNull(afterGc(first), "the first segment is still reachable after both indices passed it");
    }

    /**
     * A cancel hands the backlog to the handler and gives its segments back too. Found in
     * review: only a consumer's poll moved the head segment, and after a cancel no poll
     * reaches it, so every segment of the backlog stayed reachable from the channel.
     */
    @Test
    void aSegmentDrainedByACancelIsCollected() throws Exception {
        final SegmentedQueue queue = new SegmentedQueue(SEGMENT);
        final WeakReference<Object> first = new WeakReference<>(headSegment(queue));
        for (int i = 0; i < ELEMENTS; i++) {
            assertEquals(ElementBuffer.OK, queue.offer(i));
        }
        assertEquals(0, queue.poll());
        final long from = queue.claimRemainingForDiscard();
        queue.close();
        final List<Object> discarded = new ArrayList<>();
        queue.drainDiscarded(from, discarded::add);
        assertEquals(ELEMENTS - 1, discarded.size());
        assertEquals(1, discarded.get(0));
        assertEquals(ELEMENTS - 1, discarded.get(ELEMENTS - 2));
        assertNull(afterGc(first), "the first segment is still reachable after the cancel drained it");
    }

    /** The control: the same reference stays reachable while the consumer has not passed it. */
    @Test
    void aSegmentTheConsumerHasNotPassedIsKept() throws Exception {
        final SegmentedQueue queue = new SegmentedQueue(SEGMENT);
        final WeakReference<Object> first = new WeakReference<>(headSegment(queue));
        for (int i = 0; i < ELEMENTS; i++) {
            assertEquals(ElementBuffer.OK, queue.offer(i));
        }
        assertNotNull(afterGc(first), "the segment holding the oldest elements was collected");
        assertEquals(0, queue.poll(), "the oldest element is still there");
    }

    private static Object headSegment(SegmentedQueue queue) throws ReflectiveOperationException {
        final Field f = SegmentedQueue.class.getDeclaredField("headSegment");
        f.setAccessible(true);
        return f.get(queue);
    }

    private static Object afterGc(WeakReference<Object> ref) throws InterruptedException {
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        return ref.get();
    }
}
