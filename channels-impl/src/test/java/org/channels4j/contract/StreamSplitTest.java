package org.channels4j.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A channel's stream takes one element at a time even when made parallel: its spliterator
 * never splits. Found in review: the JDK's spliterator over an iterator splits off batches of
 * up to 1,024 elements, so {@code parallel().findAny()} on an open channel holding 10 elements
 * waited for 1,024, and after a close took all ten and dropped nine. Both thread kinds.
 */
class StreamSplitTest {

    private static Optional<Integer> findAnyOn(ThreadKind kind, Channel<Integer> ch) throws InterruptedException {
        final AtomicReference<Optional<Integer>> found = new AtomicReference<>();
        final Thread t = kind.start("parallel-stream", () -> found.set(ch.stream().parallel().findAny()));
        t.join(10_000);
        final boolean blocked = t.isAlive();
        if (blocked) {
            ch.close(); // let the thread finish before the assertion reports it
            t.join(10_000);
        }
        assertFalse(blocked, "parallel().findAny() still waited for a batch after 10 s");
        return found.get();
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void aParallelStreamOnAnOpenChannelTakesOneElement(ThreadKind kind) throws InterruptedException {
        final Channel<Integer> ch = Channels.unbounded();
        for (int i = 0; i < 10; i++) {
            ch.trySend(i);
        }
        assertEquals(Optional.of(0), findAnyOn(kind, ch));
        final List<Integer> left = new ArrayList<>();
        for (Integer e; (e = ch.tryReceive()) != null; ) {
            left.add(e);
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), left, "the stream took more than the element it returned");
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void aParallelStreamOnAClosedChannelLeavesTheRest(ThreadKind kind) throws InterruptedException {
        final Channel<Integer> ch = Channels.buffered(16);
        for (int i = 0; i < 10; i++) {
            ch.trySend(i);
        }
        ch.close();
        assertEquals(Optional.of(0), findAnyOn(kind, ch));
        for (int i = 1; i < 10; i++) {
            assertFalse(ch.isClosedForReceive(), "element " + i + " was taken by the stream and dropped");
            assertEquals(i, ch.tryReceive());
        }
        assertTrue(ch.isClosedForReceive());
    }
}
