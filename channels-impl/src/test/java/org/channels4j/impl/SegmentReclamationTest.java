package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
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
