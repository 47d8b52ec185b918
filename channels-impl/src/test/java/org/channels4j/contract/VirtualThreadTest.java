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
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract section "Virtual threads": blocking operations park (they never pin a carrier), so
 * far more virtual threads than carriers can block on one channel, and all of them are woken by
 * a close; and progress never depends on a spinning thread being descheduled, so many more
 * threads than carriers exchanging elements must not livelock.
 *
 * <p>The close is done from a virtual thread too: if the blocked threads held their carriers,
 * it could never run.
 *
 * <p>Senders never block on the kinds that drop, so the test of blocked senders does not apply
 * to them, and pairing up needs its own expectation: what the policy drops leaves a receiver
 * without an element.
 */
class VirtualThreadTest {
    private static final Duration BOUND = Duration.ofSeconds(60);

    /**
     * A hundred thousand virtual receivers blocked on one channel all park, and the close wakes
     * every one. On every kind but two of the dropping ones: receivers wait on an empty dropping channel
     * by the same code whatever the policy (it only decides what a send on a full buffer does),
     * so {@code conflated} stands for all three, and the two others would add a second or so of
     * a hundred thousand threads each for nothing.
     */
    @ParameterizedTest
    @EnumSource(value = ChannelKind.class, names = {"DROP_OLDEST_4", "DROP_LATEST_2"}, mode = EnumSource.Mode.EXCLUDE)
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

    /**
     * Ten thousand senders and ten thousand receivers, one element each, on the default carriers
     * (as many as CPUs: two on the build machine, far fewer than the threads): all
     * pair up. Not on the dropping kinds, where an element dropped leaves a receiver waiting for
     * ever: see {@link #tenThousandVirtualSendersAndReceiversOnADroppingChannelPairUpOrDrop}.
     */
    @ParameterizedTest
    @MethodSource("org.channels4j.contract.ChannelKind#neverDropping")
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
                all.add(startSender(channel, element, failures));
            }
            for (Thread t : all) {
                t.join();
            }
            assertEquals(List.of(), List.copyOf(failures));
            assertEquals(pairs * (pairs + 1) / 2, sum.get());
        });
    }

    /**
     * The same on a dropping channel, where no sender waits and the policy drops what finds the
     * buffer full, so that some receivers get nothing. Half the receivers are parked first; then
     * all the senders run, which only half their elements can reach, so the rest are dropped
     * (all but a buffer's worth) while parked receivers are being served. No element may stay
     * buffered while one of those receivers still waits, with no close to wake it; then the
     * other half of the receivers take what is buffered. Every element is received or dropped
     * exactly once (the counts and the sums add up), and the close ends exactly as many
     * receivers as elements were dropped.
     */
    @ParameterizedTest
    @MethodSource("org.channels4j.contract.ChannelKind#dropping")
    void tenThousandVirtualSendersAndReceiversOnADroppingChannelPairUpOrDrop(ChannelKind kind) {
        final int pairs = 10_000;
        final LongAdder droppedCount = new LongAdder();
        final LongAdder droppedSum = new LongAdder();
        final Channel<Integer> channel = kind.create(e -> {
            droppedCount.increment();
            droppedSum.add(e);
        });
        assertTimeoutPreemptively(BOUND, () -> {
            final LongAdder receivedCount = new LongAdder();
            final LongAdder receivedSum = new LongAdder();
            final LongAdder closed = new LongAdder();
            final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            final Runnable receive = () -> {
                try {
                    receivedSum.add(channel.receive());
                    receivedCount.increment();
                } catch (ChannelClosedException e) {
                    closed.increment();
                } catch (Throwable t) {
                    failures.add(t);
                }
            };
            final List<Thread> receivers = new ArrayList<>(pairs);
            for (int i = 0; i < pairs / 2; i++) {
                receivers.add(Thread.ofVirtual().start(receive));
            }
            for (Thread t : receivers) {
                while (!Forked.isParkedInChannel(t)) {
                    assertTrue(t.isAlive(), "a receiver ended before anything was sent");
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
                }
            }

            final List<Thread> senders = new ArrayList<>(pairs);
            for (int i = 1; i <= pairs; i++) {
                final int element = i;
                senders.add(startSender(channel, element, failures));
            }
            for (Thread t : senders) {
                t.join();
            }
            assertEquals(List.of(), List.copyOf(failures));
            final long dropped = droppedCount.sum(); // final: every send has returned
            assertTrue(dropped <= pairs, dropped + " elements dropped, of " + pairs + " sent");
            assertTrue(dropped >= pairs / 2 - kind.capacity(), "only " + dropped + " of " + pairs
                    + " elements dropped, although only " + pairs / 2 + " receivers and a buffer of "
                    + kind.capacity() + " could take them");
            awaitTrue(() -> receivedCount.sum() == pairs / 2 || channel.size() == 0, () -> channel.size()
                    + " elements stay buffered while " + (pairs / 2 - receivedCount.sum()) + " receivers wait");

            for (int i = 0; i < pairs / 2; i++) {
                receivers.add(Thread.ofVirtual().start(receive));
            }
            awaitTrue(() -> receivedCount.sum() == pairs - dropped, () -> (pairs - dropped - receivedCount.sum())
                    + " elements that were not dropped never reached a receiver");
            assertEquals(0, channel.size(), "elements left in the buffer with every element accounted for");

            Thread.ofVirtual().start(channel::close).join();

            for (Thread t : receivers) {
                t.join();
            }
            assertEquals(List.of(), List.copyOf(failures));
            assertEquals(dropped, closed.sum(), "receivers ended by the close, one for each element dropped");
            assertEquals((long) pairs * (pairs + 1) / 2, receivedSum.sum() + droppedSum.sum(),
                    "the elements received and dropped are not those sent, each once");
        });
    }

    /** Starts a virtual thread that sends {@code element}, adding what the send throws to {@code failures}. */
    private static Thread startSender(Channel<Integer> channel, int element, Queue<Throwable> failures) {
        return Thread.ofVirtual().start(() -> {
            try {
                channel.send(element);
            } catch (Throwable t) {
                failures.add(t);
            }
        });
    }

    /** Waits at most {@link Forked#PATIENCE} for {@code condition}, failing with {@code problem}'s message. */
    private static void awaitTrue(BooleanSupplier condition, Supplier<String> problem) {
        final long deadline = System.nanoTime() + Forked.PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - deadline < 0, problem);
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
        }
    }
}
