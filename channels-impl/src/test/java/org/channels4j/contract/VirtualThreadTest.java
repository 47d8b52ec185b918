package org.channels4j.contract;

import org.channels4j.testing.Forked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contract section "Virtual threads": blocking operations park (they never pin a carrier), so
 * far more virtual threads than carriers can block on one channel, and all of them are woken by
 * a close; and progress never depends on a spinning thread being descheduled, so many more
 * threads than carriers exchanging elements must not livelock.
 *
 * <p>The close is done from a virtual thread too: if the blocked threads held their carriers,
 * it could never run.
 */
class VirtualThreadTest {
    private static final Duration BOUND = Duration.ofSeconds(60);

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void closeWakesOneHundredThousandBlockedVirtualReceivers(ChannelKind kind) {
        final Channel<String> channel = kind.create();
        assertTimeoutPreemptively(BOUND, () -> closeWakesAll(100_000, channel, channel::receive));
    }

    @ParameterizedTest
    @EnumSource(value = ChannelKind.class, names = {"UNBUFFERED", "BUFFERED_1"})
    void closeFailsTenThousandBlockedVirtualSendersAndReceivesNoneOfTheirElements(ChannelKind kind) {
        final Channel<String> channel = kind.create();
        final List<String> fill = kind.fill(channel);
        assertTimeoutPreemptively(BOUND, () -> {
            closeWakesAll(10_000, channel, () -> channel.send("blocked"));
            assertEquals(fill, Traffic.closeAndDrain(channel));
        });
    }

    /**
     * Starts {@code count} virtual threads that block in {@code operation}, waits until every one
     * is parked, closes the channel from another virtual thread, and checks that every one of
     * them ends with a {@link ChannelClosedException}.
     */
    private static void closeWakesAll(int count, Channel<String> channel, Forked.Action operation)
            throws InterruptedException {
        final LongAdder closed = new LongAdder();
        final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        final List<Thread> blocked = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            blocked.add(Thread.ofVirtual().start(() -> {
                try {
                    operation.run();
                    unexpected.add(new AssertionError("completed although nothing was sent and the channel was closed"));
                } catch (ChannelClosedException e) {
                    closed.increment();
                } catch (Throwable t) {
                    unexpected.add(t);
                }
            }));
        }
        for (Thread t : blocked) {
            while (!Forked.isParkedInChannel(t)) {
                assertTrue(t.isAlive(), "a thread ended before the close");
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
            }
        }

        Thread.ofVirtual().start(channel::close).join();

        for (Thread t : blocked) {
            t.join();
        }
        assertEquals(List.of(), List.copyOf(unexpected));
        assertEquals(count, closed.sum());
    }

    /** Ten thousand senders and ten thousand receivers, one element each, on two carriers: all pair up. */
    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void tenThousandVirtualSendersAndReceiversAllPairUp(ChannelKind kind) {
        final int pairs = 10_000;
        final Channel<Integer> channel = kind.create();
        assertTimeoutPreemptively(BOUND, () -> {
            final AtomicInteger sum = new AtomicInteger();
            final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            final List<Thread> all = new ArrayList<>(2 * pairs);
            for (int i = 1; i <= pairs; i++) {
                final int element = i;
                all.add(Thread.ofVirtual().start(() -> {
                    try {
                        sum.addAndGet(channel.receive());
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
                all.add(Thread.ofVirtual().start(() -> {
                    try {
                        channel.send(element);
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                }));
            }
            for (Thread t : all) {
                t.join();
            }
            assertEquals(List.of(), List.copyOf(failures));
            assertEquals(pairs * (pairs + 1) / 2, sum.get());
        });
    }
}
