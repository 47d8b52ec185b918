package org.channels4j.contract;

import org.channels4j.testing.ThreadKind;
import org.channels4j.testing.Forked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code capacity()} and {@code size()}: the capacity is fixed by the factory (0 unbuffered,
 * n buffered, {@link Integer#MAX_VALUE} unbounded); the size is exact when nobody is sending or
 * receiving, and under contention a count the channel held at some instant during the call. A buffered channel
 * accepts exactly {@code capacity} elements without a receiver; an unbounded one never refuses.
 * A dropping channel holds exactly {@code capacity} elements too, and each send beyond them
 * drops exactly one element instead of blocking.
 */
@Timeout(60)
class CapacityTest {

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void capacityIsWhatTheFactoryWasAskedFor(ChannelKind kind) {
        assertEquals(kind.capacity(), kind.create().capacity());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 16, 100, 1000, 1 << 20})
    void bufferedChannelsOfAnyCapacityReportItAndHoldExactlyThatMany(int capacity) {
        final Channel<Integer> channel = Channels.buffered(capacity);
        assertEquals(capacity, channel.capacity());
        final int fill = Math.min(capacity, 5_000);
        for (int i = 0; i < fill; i++) {
            assertTrue(channel.trySend(i), "refused element " + i);
        }
        assertEquals(fill, channel.size());
        if (fill == capacity) {
            assertFalse(channel.trySend(-1), "accepted more than its capacity");
        }
        for (int i = 0; i < fill; i++) {
            assertEquals(i, channel.tryReceive());
        }
        assertEquals(0, channel.size());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void sizeIsExactWhenQuiescent(ChannelKind kind) throws InterruptedException {
        final Channel<Integer> channel = kind.create();
        final int n = Math.min(kind.capacity(), 40);
        assertEquals(0, channel.size());
        for (int i = 0; i < n; i++) {
            channel.send(i);
            assertEquals(i + 1, channel.size());
        }
        for (int i = 0; i < n; i++) {
            channel.receive();
            assertEquals(n - i - 1, channel.size());
        }
        final int left = Math.min(n, 2);
        for (int i = 0; i < left; i++) {
            channel.send(i);
        }
        channel.close();
        assertEquals(left, channel.size(), "a closed channel still counts what it holds");
        for (int i = left; i > 0; i--) {
            channel.receive();
            assertEquals(i - 1, channel.size());
        }
    }

    /** Unbuffered: a send waits for a receiver; buffered: a send waits once {@code capacity} elements wait. */
    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#blockingSendWithThreads")
    void sendBlocksExactlyWhenCapacityElementsAreWaiting(ChannelKind kind, ThreadKind threads)
            throws InterruptedException {
        final Channel<String> channel = kind.create();
        final List<String> fill = kind.fill(channel);
        assertFalse(channel.trySend("over"), "accepted more than the capacity without a receiver");

        final Forked<Void> sender = Forked.run(threads, "sender", () -> channel.send("over")).awaitBlocked();

        assertEquals(kind.capacity(), channel.size(), "the blocked send is not counted");
        assertEquals(fill.isEmpty() ? "over" : fill.get(0), channel.receive());
        sender.join();
    }

    /**
     * The counterpart of {@link #sendBlocksExactlyWhenCapacityElementsAreWaiting} for the kinds
     * that drop: once {@code capacity} elements wait, each send (plain, {@code trySend}, or a
     * selected {@code onSend}) returns at once and hands exactly one element to the handler, on
     * the sending thread: the oldest buffered one under {@code DROP_OLDEST}, its own under
     * {@code DROP_LATEST}. The size stays at the capacity, and the buffer keeps the rest in order.
     */
    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#droppingWithThreads")
    void sendDropsExactlyOneElementWhenCapacityElementsAreWaiting(ChannelKind kind, ThreadKind threads)
            throws InterruptedException {
        final List<String> dropped = new CopyOnWriteArrayList<>();
        final List<Thread> droppedOn = new CopyOnWriteArrayList<>();
        final Channel<String> channel = kind.create(e -> {
            dropped.add(e);
            droppedOn.add(Thread.currentThread());
        });
        final List<String> sent = new ArrayList<>(kind.fill(channel));
        assertEquals(List.of(), dropped, "filling the buffer to its capacity dropped an element");

        for (int i = 0; i < kind.capacity() + 2; i++) {
            final String e = "over-" + i;
            final int method = i % 3;
            final Forked<Void> sender = Forked.run(threads, "sender-" + i, () -> {
                switch (method) {
                    case 0 -> channel.send(e);
                    case 1 -> assertTrue(channel.trySend(e), "trySend on an open dropping channel returned false");
                    default -> Select.select(channel.onSend(e, () -> "sent"));
                }
            });
            sender.join(); // a send that blocked fails here, after Forked.PATIENCE
            sent.add(e);
            assertEquals(kind.droppedOf(sent), dropped, "after sending " + e);
            assertSame(sender.thread(), droppedOn.getLast(), "the handler ran on another thread than the sender of " + e);
            assertEquals(kind.capacity(), channel.size(), "after sending " + e);
        }
        assertEquals(kind.keptOf(sent), Traffic.closeAndDrain(channel));
    }

    @Test
    void unboundedNeverRefusesAndCountsEverything() {
        final Channel<Integer> channel = Channels.unbounded();
        final int n = 100_000;
        for (int i = 0; i < n; i++) {
            assertTrue(channel.trySend(i));
        }
        assertEquals(n, channel.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i, channel.tryReceive());
        }
        assertEquals(0, channel.size());
    }

    private static final int BASE = 4;
    private static final int WORKERS = 2;

    /**
     * The kinds with room for {@code BASE + WORKERS} elements, on every thread kind. Not the
     * dropping kinds: their buffers are kept smaller than that so that they drop, and a send that
     * drops would take the count outside the band the test expects.
     */
    static Stream<Arguments> kindsHoldingTheBand() {
        return ChannelKind.withThreads().filter(a -> ((ChannelKind) a.get()[0]).capacity() >= BASE + WORKERS);
    }

    /**
     * Under contention {@code size()} is still a snapshot: a count the channel held at one
     * instant during the call, never a mix of two instants. Here the count can only be
     * {@code BASE}, {@code BASE + 1} or {@code BASE + 2}: the channel starts with {@code BASE}
     * elements and each of two workers sends one element, then receives one, over and over.
     * A size read as the producer index of one instant minus the consumer index of another
     * falls outside that band by as many operations as completed in between; [0, capacity]
     * would not show it, since {@code size()} clamps its result to that range.
     */
    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("kindsHoldingTheBand")
    void sizeUnderContentionIsACountTheChannelActuallyHeld(ChannelKind kind, ThreadKind threads) {
        final Channel<Integer> channel = kind.create();
        for (int i = 0; i < BASE; i++) {
            assertTrue(channel.trySend(-1));
        }
        final int rounds = 400_000;
        final List<Forked<Void>> traffic = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            traffic.add(Forked.run(threads, "worker-" + w, () -> {
                for (int i = 0; i < rounds; i++) {
                    channel.send(i);
                    channel.receive();
                }
            }));
        }
        int lowest = Integer.MAX_VALUE;
        int highest = Integer.MIN_VALUE;
        long calls = 0;
        do {
            for (int i = 0; i < 1_000; i++) { // a tight loop, so that most of the time is spent inside size()
                final int size = channel.size();
                lowest = Math.min(lowest, size);
                highest = Math.max(highest, size);
            }
            calls += 1_000;
        } while (!traffic.stream().allMatch(Forked::isDone));
        traffic.forEach(Forked::join);
        assertTrue(lowest >= BASE && highest <= BASE + WORKERS, "in " + calls + " calls size() returned values from "
                + lowest + " to " + highest + ", while the channel held between " + BASE + " and "
                + (BASE + WORKERS) + " elements at every instant");
        assertEquals(BASE, channel.size());
    }
}
