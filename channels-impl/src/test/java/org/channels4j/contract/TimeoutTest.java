package org.channels4j.contract;

import org.channels4j.testing.ThreadKind;
import org.channels4j.testing.Forked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.channels4j.Channel;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Timed operations, {@code trySend(e, timeout)} and {@code tryReceive(timeout)}: they wait at
 * most the timeout, never return a timeout before it has passed, treat zero as "do not wait",
 * and a send that timed out is never received ("nothing lost, nothing doubled"). On a full
 * dropping channel a timed send never waits: it succeeds at once, and the policy drops.
 *
 * <p>Upper bounds are generous liveness bounds, not performance claims; "do not wait" is
 * checked by the JVM's count of the thread's waits, not by a clock.
 */
@Timeout(60)
class TimeoutTest {
    private static final Duration TIMEOUT = Duration.ofMillis(100);
    /** Far beyond any scheduling delay: a timed operation that takes this long is stuck. */
    private static final Duration SLACK = Duration.ofSeconds(10);
    private static final Duration LONG = Duration.ofMinutes(1);

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void timedReceiveOnAnEmptyChannelReturnsNullOnceTheTimeoutHasPassed(ChannelKind kind, ThreadKind threads) {
        final Channel<String> channel = kind.create();
        final Forked<Long> receiver = Forked.start(threads, "receiver", () -> {
            final long start = System.nanoTime();
            assertNull(channel.tryReceive(TIMEOUT));
            return System.nanoTime() - start;
        });

        assertTookAboutTheTimeout(receiver.join());
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#blockingSendWithThreads")
    void timedSendOnAFullChannelReturnsFalseOnceTheTimeoutHasPassedAndIsNeverReceived(ChannelKind kind,
                                                                                      ThreadKind threads)
            throws InterruptedException {
        final Channel<String> channel = kind.create();
        final List<String> fill = kind.fill(channel);
        final Forked<Long> sender = Forked.start(threads, "sender", () -> {
            final long start = System.nanoTime();
            assertFalse(channel.trySend("timed out", TIMEOUT));
            return System.nanoTime() - start;
        });

        assertTookAboutTheTimeout(sender.join());
        assertEquals(fill, Traffic.closeAndDrain(channel), "a send that timed out must never be received");
    }

    private static void assertTookAboutTheTimeout(long nanos) {
        assertTrue(nanos >= TIMEOUT.toNanos(), "returned after " + nanos + " ns, before the timeout " + TIMEOUT);
        assertTrue(nanos < TIMEOUT.plus(SLACK).toNanos(), "returned only after " + nanos + " ns");
    }

    /**
     * A zero timeout means "do not wait": on an empty channel {@code tryReceive(ZERO)}, and on a
     * full one {@code trySend(e, ZERO)}, return without the calling thread ever entering a
     * waiting state. Checked structurally, not with a clock: the JVM counts every time a thread
     * parks or waits ({@link #timesWaited}), and that count must not move across
     * the calls. No other thread exists that could make either operation succeed, so a call
     * that parked, however briefly, would have waited for nothing.
     */
    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void zeroTimeoutNeverWaits(ChannelKind kind) throws InterruptedException {
        final Channel<String> empty = kind.create();
        final Channel<String> full = kind.create();
        if (kind.sendCanBlock()) {
            kind.fill(full);
        }
        final int calls = 1_000;
        final long waitsBefore = timesWaited();
        for (int i = 0; i < calls; i++) {
            assertNull(empty.tryReceive(Duration.ZERO), "an empty channel gave an element");
            if (kind.sendCanBlock()) {
                assertFalse(full.trySend("no room", Duration.ZERO), "a full channel took an element");
            }
        }
        final long waits = timesWaited() - waitsBefore;
        assertEquals(0, waits, "zero-timeout calls parked or waited " + waits + " times in " + calls + " calls");
    }

    /**
     * How often the current (platform) thread has parked or waited since it started: the JVM's
     * count behind {@code ThreadInfo.getWaitedCount()}, which every {@code LockSupport.park},
     * timed or not, increments. Reached by reflection because the tests compile inside module
     * {@code org.channels4j.impl}, which does not read {@code java.management}; they run on the
     * class path, where it is present.
     */
    private static long timesWaited() {
        try {
            final Object threads = Class.forName("java.lang.management.ManagementFactory")
                    .getMethod("getThreadMXBean").invoke(null);
            final Object info = Class.forName("java.lang.management.ThreadMXBean")
                    .getMethod("getThreadInfo", long.class).invoke(threads, Thread.currentThread().threadId());
            return (long) Class.forName("java.lang.management.ThreadInfo").getMethod("getWaitedCount").invoke(info);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read the thread's wait count", e);
        }
    }

    /**
     * On a full dropping channel a timed send is ready at once, whatever its timeout:
     * {@code trySend(e, ZERO)} and {@code trySend(e, LONG)} return true without the calling
     * thread ever waiting (counted as in {@link #zeroTimeoutNeverWaits}), and each drops one
     * element as the policy says.
     */
    @ParameterizedTest
    @MethodSource("org.channels4j.contract.ChannelKind#dropping")
    void timedSendOnAFullDroppingChannelSucceedsWithoutWaiting(ChannelKind kind) throws InterruptedException {
        final List<String> dropped = new ArrayList<>(); // the handler runs on the sending thread: this one
        final Channel<String> channel = kind.create(dropped::add);
        final List<String> sent = new ArrayList<>(kind.fill(channel));
        final int rounds = 100;
        final long waitsBefore = timesWaited();
        for (int i = 0; i < rounds; i++) {
            assertTrue(channel.trySend("zero-" + i, Duration.ZERO), "trySend(e, ZERO) on an open dropping channel returned false");
            assertTrue(channel.trySend("long-" + i, LONG), "trySend(e, LONG) on an open dropping channel returned false");
            sent.addAll(List.of("zero-" + i, "long-" + i));
        }
        final long waits = timesWaited() - waitsBefore;
        assertEquals(0, waits, "timed sends on a full dropping channel parked or waited " + waits + " times");
        assertEquals(kind.droppedOf(sent), dropped, "the timed sends did not drop as the policy says");
        assertEquals(kind.keptOf(sent), Traffic.closeAndDrain(channel));
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void zeroTimeoutStillCompletesWhatIsReadyNow(ChannelKind kind, ThreadKind threads) throws InterruptedException {
        final Channel<String> channel = kind.create();
        if (kind.buffers()) {
            assertTrue(channel.trySend("x", Duration.ZERO));
            assertEquals("x", channel.tryReceive(Duration.ZERO));
        } else {
            final Forked<String> receiver = Forked.start(threads, "receiver", channel::receive).awaitBlocked();
            assertTrue(channel.trySend("to receiver", Duration.ZERO));
            assertEquals("to receiver", receiver.join());
            final Forked<Void> sender = Forked.run(threads, "sender", () -> channel.send("from sender")).awaitBlocked();
            assertEquals("from sender", channel.tryReceive(Duration.ZERO));
            sender.join();
        }
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void timedReceiveGetsAnElementThatArrivesInTime(ChannelKind kind, ThreadKind threads) throws InterruptedException {
        final Channel<String> channel = kind.create();
        final Forked<String> receiver = Forked.start(threads, "receiver", () -> channel.tryReceive(LONG)).awaitBlocked();

        channel.send("in time");

        assertEquals("in time", receiver.join());
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#blockingSendWithThreads")
    void timedSendCompletesWhenRoomAppearsInTime(ChannelKind kind, ThreadKind threads) throws InterruptedException {
        final Channel<String> channel = kind.create();
        final List<String> expected = new ArrayList<>(kind.fill(channel));
        expected.add("in time");
        final Forked<Boolean> sender = Forked.start(threads, "sender", () -> channel.trySend("in time", LONG)).awaitBlocked();

        final List<String> received = new ArrayList<>();
        received.add(channel.receive()); // makes room, or takes the handoff
        assertTrue(sender.join());
        received.addAll(Traffic.closeAndDrain(channel));
        assertEquals(expected, received);
    }

    /** Timeouts too large for a nanosecond deadline must mean "wait", not overflow into "already expired". */
    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void hugeTimeoutsWaitInsteadOfOverflowing(ChannelKind kind, ThreadKind threads) throws InterruptedException {
        final Channel<String> channel = kind.create();
        for (Duration huge : List.of(ChronoUnit.FOREVER.getDuration(), Duration.ofNanos(Long.MAX_VALUE),
                Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L + 1))) {
            final Forked<String> receiver = Forked.start(threads, "receiver", () -> channel.tryReceive(huge)).awaitBlocked();
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            assertFalse(receiver.isDone(), "tryReceive(" + huge + ") returned " + "without an element");
            channel.send("after " + huge);
            assertEquals("after " + huge, receiver.join());

            if (kind.sendCanBlock()) {
                final List<String> expected = new ArrayList<>(kind.fill(channel));
                final Forked<Boolean> sender = Forked.start(threads, "sender", () -> channel.trySend("late", huge))
                        .awaitBlocked();
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
                assertFalse(sender.isDone(), "trySend(e, " + huge + ") gave up");
                expected.add("late");
                final List<String> received = new ArrayList<>();
                for (int i = 0; i < expected.size(); i++) {
                    received.add(channel.receive());
                }
                assertTrue(sender.join());
                assertEquals(expected, received);
            }
        }
    }

    /**
     * A timed send whose deadline races with a receiver: it returned true exactly when its
     * element is received.
     */
    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#blockingSendWithThreads")
    void timedOutSendRacingWithAReceiveIsNeverReceived(ChannelKind kind, ThreadKind threads) {
        final SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 100; round++) {
            final Channel<String> channel = kind.create();
            final List<String> fill = kind.fill(channel);
            final Duration timeout = Duration.ofNanos(random.nextLong(10_000, 1_000_000));
            final Forked<Boolean> sender = Forked.start(threads, "sender", () -> channel.trySend("raced", timeout));
            LockSupport.parkNanos(random.nextLong(0, 1_000_000));

            final List<String> received = new ArrayList<>();
            final String taken = channel.tryReceive();
            if (taken != null) {
                received.add(taken);
            }
            final boolean sent = sender.join();
            for (String e; (e = channel.tryReceive()) != null; ) {
                received.add(e);
            }

            final List<String> expected = new ArrayList<>(fill);
            if (sent) {
                expected.add("raced");
            }
            assertEquals(expected, received, "round " + round + ": trySend returned " + sent + " after " + timeout);
        }
    }

    /**
     * A timed receive whose deadline races with a sender: the element is received by it, or is
     * still there afterwards (buffered) or was refused (unbuffered).
     */
    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void timedOutReceiveRacingWithASendTakesNothing(ChannelKind kind, ThreadKind threads) {
        final SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 100; round++) {
            final Channel<String> channel = kind.create();
            final Duration timeout = Duration.ofNanos(random.nextLong(10_000, 1_000_000));
            final Forked<String> receiver = Forked.start(threads, "receiver", () -> channel.tryReceive(timeout));
            LockSupport.parkNanos(random.nextLong(0, 1_000_000));

            final boolean accepted = channel.trySend("raced");
            final String got = receiver.join();
            final String left = channel.tryReceive();

            if (got != null) {
                assertEquals("raced", got);
                assertTrue(accepted, "round " + round + ": received an element whose trySend returned false");
                assertNull(left, "round " + round + ": received twice");
            } else {
                assertEquals(accepted ? "raced" : null, left,
                        "round " + round + ": the timed-out receive took the element (accepted=" + accepted + ")");
            }
        }
    }
}
