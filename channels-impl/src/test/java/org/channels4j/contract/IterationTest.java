package org.channels4j.contract;

import org.channels4j.testing.ThreadKind;
import org.channels4j.testing.Forked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Iteration and {@code stream()}, Go's {@code for v := range ch}: the iterator blocks for the
 * next element, ends once the channel is closed and drained (throws the cause after
 * {@code close(cause)}; see also {@link CloseTest}), and several ranging threads share the
 * elements between them, each element going to exactly one. The stream is the iterator's
 * elements in order. On the kinds that drop, the elements ranged over are those not dropped:
 * each element is received exactly once or dropped exactly once, and the received ones keep
 * their order.
 */
@Timeout(60)
class IterationTest {

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void hasNextWaitsForTheNextElement(ChannelKind kind, ThreadKind threads) throws InterruptedException {
        final Channel<String> channel = kind.create();
        final Forked<String> ranging = Forked.start(threads, "range", () -> {
            final Iterator<String> it = channel.iterator();
            assertTrue(it.hasNext());
            return it.next();
        }).awaitBlocked();

        channel.send("next");

        assertEquals("next", ranging.join());
    }

    @ParameterizedTest
    @EnumSource(value = ChannelKind.class, names = {"BUFFERED_16", "UNBOUNDED", "DROP_OLDEST_4", "DROP_LATEST_2"})
    void hasNextTakesAtMostOneElementHoweverOftenItIsCalled(ChannelKind kind) {
        final Channel<String> channel = kind.create();
        channel.trySend("a");
        channel.trySend("b");
        final Iterator<String> it = channel.iterator();

        assertTrue(it.hasNext());
        assertTrue(it.hasNext());
        assertEquals("a", it.next());
        assertEquals("b", channel.tryReceive(), "a second hasNext must not have taken another element");
    }

    @ParameterizedTest
    @EnumSource(value = ChannelKind.class, names = "UNBUFFERED", mode = EnumSource.Mode.EXCLUDE)
    void nextWorksWithoutHasNextAndThrowsNoSuchElementAtTheEnd(ChannelKind kind) {
        final Channel<String> channel = kind.create();
        channel.trySend("a");
        channel.close();
        final Iterator<String> it = channel.iterator();

        assertEquals("a", it.next());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
        assertFalse(it.hasNext(), "the end is final");
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void iteratingAClosedDrainedChannelEndsAtOnce(ChannelKind kind) {
        final Channel<String> channel = kind.create();
        channel.close();

        assertFalse(channel.iterator().hasNext());
        assertEquals(List.of(), channel.stream().toList());
    }

    /** Go's worker pool: several threads ranging over one channel split the elements, each taken once. */
    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void severalRangingThreadsShareTheElementsEachTakenOnce(ChannelKind kind, ThreadKind threads) {
        final int n = 10_000;
        final Queue<Integer> dropped = new ConcurrentLinkedQueue<>();
        final Channel<Integer> channel = kind.create(dropped::add);
        final List<Forked<List<Integer>>> workers = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            workers.add(Traffic.rangeOver(threads, "worker-" + w, channel));
        }
        Traffic.sendRangeThenClose(threads, channel, n, null).join();

        final List<Integer> all = new ArrayList<>();
        for (Forked<List<Integer>> w : workers) {
            final List<Integer> mine = w.join();
            assertEquals(mine.stream().sorted().toList(), mine, "one worker saw the elements out of order");
            all.addAll(mine);
        }
        if (dropped.isEmpty()) {
            assertEquals(n, all.size(), "elements lost or doubled");
            assertEquals(n, new HashSet<>(all).size(), "an element was taken twice");
        } else {
            Traffic.assertEachReceivedOrDroppedOnce(n, all, dropped);
        }
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void streamCollectsEveryElementInOrderUntilClose(ChannelKind kind, ThreadKind threads) {
        final Queue<Integer> dropped = new ConcurrentLinkedQueue<>();
        final Channel<Integer> channel = kind.create(dropped::add);
        final Forked<Void> producer = Traffic.sendRangeThenClose(threads, channel, 1_000, null);
        final Forked<List<Integer>> consumer = Forked.start(threads, "stream",
                () -> channel.stream().collect(Collectors.toList()));

        final List<Integer> streamed = consumer.join();
        producer.join();
        Traffic.assertReceivedInOrderOrDropped(1_000, streamed, dropped, "the elements streamed");
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void streamThrowsTheCloseCauseAfterTheLastElement(ChannelKind kind, ThreadKind threads) {
        final Queue<Integer> dropped = new ConcurrentLinkedQueue<>();
        final Channel<Integer> channel = kind.create(dropped::add);
        final Exception cause = new Exception("producer failed");
        final Forked<Void> producer = Traffic.sendRangeThenClose(threads, channel, 10, cause);
        final List<Integer> seen = new ArrayList<>();
        final Forked<Void> consumer = Forked.run(threads, "stream", () -> channel.stream().forEach(seen::add));

        assertSame(cause, consumer.joinFailure(ChannelClosedException.class).getCause());
        producer.join();
        Traffic.assertReceivedInOrderOrDropped(10, seen, dropped, "every element comes before the failure");
    }
}
