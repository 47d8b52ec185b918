package org.channels4j.contract;

import org.channels4j.testing.ThreadKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
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
 * and a send that timed out is never received ("nothing lost, nothing doubled").
 *
 * <p>Upper bounds are generous liveness bounds, not performance claims.
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

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void zeroTimeoutNeverWaits(ChannelKind kind) {
        final Channel<String> channel = kind.create();
        assertTimeoutPreemptively(SLACK, () -> {
            assertNull(channel.tryReceive(Duration.ZERO));
            if (kind.sendCanBlock()) {
                kind.fill(channel);
                assertFalse(channel.trySend("no room", Duration.ZERO));
            }
        });
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
