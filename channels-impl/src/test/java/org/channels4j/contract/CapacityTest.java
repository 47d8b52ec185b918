package org.channels4j.contract;

import org.channels4j.testing.ThreadKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code capacity()} and {@code size()}: the capacity is fixed by the factory (0 unbuffered,
 * n buffered, {@link Integer#MAX_VALUE} unbounded); the size is a snapshot that always lies in
 * {@code [0, capacity]} and is exact when nobody is sending or receiving. A buffered channel
 * accepts exactly {@code capacity} elements without a receiver; an unbounded one never refuses.
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

    /** Under contention the snapshot may be stale, but never outside [0, capacity]. */
    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void sizeStaysWithinZeroAndCapacityUnderContention(ChannelKind kind, ThreadKind threads)
            throws InterruptedException {
        final Channel<Integer> channel = kind.create();
        final int perProducer = 20_000;
        final AtomicBoolean done = new AtomicBoolean();
        final CountDownLatch observing = new CountDownLatch(1);
        final Forked<Integer> observer = Forked.start(threads, "observer", () -> {
            int samples = 0;
            while (!done.get()) {
                final int size = channel.size();
                if (size < 0 || size > kind.capacity()) {
                    fail("size() returned " + size + " on a channel of capacity " + kind.capacity());
                }
                samples++;
                observing.countDown();
                if (threads == ThreadKind.VIRTUAL) {
                    Thread.yield(); // let the workers have the carriers
                }
            }
            return samples;
        });
        observing.await();
        final List<Forked<Void>> workers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            workers.add(Forked.run(threads, "producer-" + p, () -> {
                for (int i = 0; i < perProducer; i++) {
                    channel.send(i);
                }
            }));
            workers.add(Forked.run(threads, "consumer-" + p, () -> {
                for (int i = 0; i < perProducer; i++) {
                    channel.receive();
                }
            }));
        }

        workers.forEach(Forked::join);
        done.set(true);
        assertTrue(observer.join() > 0);
        assertEquals(0, channel.size());
    }
}
