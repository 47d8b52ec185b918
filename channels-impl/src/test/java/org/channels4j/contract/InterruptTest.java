package org.channels4j.contract;

import org.channels4j.testing.ThreadKind;
import org.channels4j.testing.Forked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.channels4j.Channel;
import org.channels4j.ChannelInterruptedException;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract section "Interrupts": a blocked operation that is interrupted throws
 * {@link InterruptedException}, clears the interrupt status as {@code java.util.concurrent}
 * does, and has no effect (its element is never received, or nothing was taken). An operation
 * that completed first returns normally with the status still set, and one that need not block
 * completes even on an interrupted thread. Interrupted iteration throws
 * {@link ChannelInterruptedException} and leaves the status set.
 *
 * <p>"No effect" is checked from the other side: after the interrupt, the element is looked for
 * by a receiver, and an element sent later must still be there for somebody else.
 *
 * <p>On the kinds that drop no send blocks, so the rules for interrupted sends become: a send on
 * a full buffer completes on an interrupted thread, as any send that need not block does. Their
 * receivers block, and are interrupted, as on every other kind.
 */
@Timeout(60)
class InterruptTest {
    private static final Duration LONG = Duration.ofMinutes(1);
    /** How long a receiver keeps looking for an element that must never come. */
    private static final Duration LOOK = Duration.ofMillis(50);

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#blockingSendWithThreads")
    void interruptedBlockedSendThrowsAndIsNeverReceived(ChannelKind kind, ThreadKind threads) throws InterruptedException {
        assertInterruptedSendHasNoEffect(kind, threads, false, channel -> channel.send("interrupted"));
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#blockingSendWithThreads")
    void interruptedTimedSendThrowsAndIsNeverReceived(ChannelKind kind, ThreadKind threads) throws InterruptedException {
        assertInterruptedSendHasNoEffect(kind, threads, false, channel -> channel.trySend("interrupted", LONG));
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#blockingSendWithThreads")
    void sendOnAnInterruptedThreadThatMustBlockThrowsAndSendsNothing(ChannelKind kind, ThreadKind threads)
            throws InterruptedException {
        assertInterruptedSendHasNoEffect(kind, threads, true, channel -> channel.send("interrupted"));
    }

    /** A send, or a receive, run on its own thread against a channel. */
    @FunctionalInterface
    private interface Call {
        void on(Channel<String> channel) throws Exception;
    }

    /**
     * Runs {@code send} on a full channel, interrupting its thread before the call or once it
     * has blocked; the send must throw, clear the status, and its element must never be received.
     */
    private static void assertInterruptedSendHasNoEffect(ChannelKind kind, ThreadKind threads,
                                                         boolean interruptBeforeTheCall, Call send)
            throws InterruptedException {
        final Channel<String> channel = kind.create();
        final List<String> fill = kind.fill(channel);

        interruptedCall(threads, channel, interruptBeforeTheCall, send);

        final List<String> got = new ArrayList<>();
        for (String e; (e = channel.tryReceive(LOOK)) != null; ) {
            got.add(e);
        }
        assertEquals(fill, got, "the interrupted send's element must never be received");
        assertEquals(List.of(), Traffic.closeAndDrain(channel));
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void interruptedBlockedReceiveThrowsAndTakesNothing(ChannelKind kind, ThreadKind threads) {
        assertInterruptedReceiveHasNoEffect(kind, threads, false, Channel::receive);
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void interruptedTimedReceiveThrowsAndTakesNothing(ChannelKind kind, ThreadKind threads) {
        assertInterruptedReceiveHasNoEffect(kind, threads, false, channel -> channel.tryReceive(LONG));
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void receiveOnAnInterruptedThreadThatMustBlockThrowsAndTakesNothing(ChannelKind kind, ThreadKind threads) {
        assertInterruptedReceiveHasNoEffect(kind, threads, true, Channel::receive);
    }

    /**
     * Runs {@code receive} on an empty channel, interrupting its thread before the call or once
     * it has blocked; the receive must throw, clear the status, and take nothing.
     */
    private static void assertInterruptedReceiveHasNoEffect(ChannelKind kind, ThreadKind threads,
                                                            boolean interruptBeforeTheCall, Call receive) {
        final Channel<String> channel = kind.create();
        interruptedCall(threads, channel, interruptBeforeTheCall, receive);
        assertLaterElementGoesToSomebodyElse(kind, channel, threads);
    }

    private static void interruptedCall(ThreadKind threads, Channel<String> channel, boolean interruptBeforeTheCall,
                                        Call call) {
        final Forked<Void> caller = Forked.run(threads, "caller", () -> {
            if (interruptBeforeTheCall) {
                Thread.currentThread().interrupt();
            }
            call.on(channel);
        });
        if (!interruptBeforeTheCall) {
            caller.awaitBlocked().interrupt();
        }
        caller.joinFailure(InterruptedException.class);
        assertFalse(caller.interruptedAtEnd(), "throwing InterruptedException clears the interrupt status");
    }

    /**
     * After an interrupted receive: an unbuffered channel has nobody to hand to (the dead
     * registration must not take a {@code trySend}), and an element sent now reaches a new receiver.
     */
    private static void assertLaterElementGoesToSomebodyElse(ChannelKind kind, Channel<String> channel, ThreadKind threads) {
        if (!kind.buffers()) {
            assertFalse(channel.trySend("nobody waits"), "the interrupted receiver must not take an element");
        }
        final Forked<String> next = Forked.start(threads, "next receiver", channel::receive);
        if (!kind.buffers()) {
            next.awaitBlocked();
        }
        Forked.run(threads, "later sender", () -> channel.send("later")).join();
        assertEquals("later", next.join());
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void sendThatNeedNotBlockCompletesOnAnInterruptedThreadAndKeepsTheStatus(ChannelKind kind, ThreadKind threads) {
        final Channel<String> channel = kind.create();
        final Forked<String> receiver = kind.buffers() ? null
                : Forked.start(threads, "receiver", channel::receive).awaitBlocked();

        final Forked<Void> sender = Forked.run(threads, "sender", () -> {
            Thread.currentThread().interrupt();
            channel.send("x");
        });

        sender.join();
        assertTrue(sender.interruptedAtEnd(), "a completed send leaves the interrupt status set");
        assertEquals("x", receiver != null ? receiver.join() : channel.tryReceive());
    }

    /**
     * A send on a full dropping channel need not block either: on an interrupted thread a plain
     * and a timed send complete, the policy drops for each (the handler running on that thread),
     * and the interrupt status stays set.
     */
    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#droppingWithThreads")
    void sendOnAFullDroppingChannelCompletesOnAnInterruptedThreadAndKeepsTheStatus(ChannelKind kind, ThreadKind threads)
            throws InterruptedException {
        final List<String> dropped = new CopyOnWriteArrayList<>();
        final Channel<String> channel = kind.create(dropped::add);
        final List<String> sent = new ArrayList<>(kind.fill(channel));

        final Forked<Boolean> sender = Forked.start(threads, "sender", () -> {
            Thread.currentThread().interrupt();
            channel.send("plain");
            return channel.trySend("timed", LONG);
        });

        assertTrue(sender.join(), "a timed send on an open dropping channel returned false");
        assertTrue(sender.interruptedAtEnd(), "a completed send leaves the interrupt status set");
        sent.addAll(List.of("plain", "timed"));
        assertEquals(kind.droppedOf(sent), dropped, "the sends did not drop as the policy says");
        assertEquals(kind.keptOf(sent), Traffic.closeAndDrain(channel));
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void receiveThatNeedNotBlockCompletesOnAnInterruptedThreadAndKeepsTheStatus(ChannelKind kind, ThreadKind threads)
            throws InterruptedException {
        final Channel<String> channel = kind.create();
        final Forked<Void> sender;
        if (kind.buffers()) {
            channel.send("x");
            sender = null;
        } else {
            sender = Forked.run(threads, "sender", () -> channel.send("x")).awaitBlocked();
        }

        final Forked<String> receiver = Forked.start(threads, "receiver", () -> {
            Thread.currentThread().interrupt();
            return channel.receive();
        });

        assertEquals("x", receiver.join());
        assertTrue(receiver.interruptedAtEnd(), "a completed receive leaves the interrupt status set");
        if (sender != null) {
            sender.join();
        }
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void interruptedIterationThrowsChannelInterruptedExceptionAndKeepsTheStatus(ChannelKind kind, ThreadKind threads) {
        final Channel<String> channel = kind.create();
        final Forked<Boolean> ranging = Forked.start(threads, "range", () -> {
            final Iterator<String> it = channel.iterator();
            return it.hasNext();
        }).awaitBlocked();

        ranging.interrupt();

        final ChannelInterruptedException e = ranging.joinFailure(ChannelInterruptedException.class);
        assertInstanceOf(InterruptedException.class, e.getCause());
        assertTrue(ranging.interruptedAtEnd(), "interrupted iteration leaves the interrupt status set");
        assertLaterElementGoesToSomebodyElse(kind, channel, threads);
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void interruptedStreamThrowsChannelInterruptedExceptionAndKeepsTheStatus(ChannelKind kind, ThreadKind threads) {
        final Channel<String> channel = kind.create();
        final Forked<List<String>> streaming = Forked.start(threads, "stream",
                () -> channel.stream().collect(Collectors.toList())).awaitBlocked();

        streaming.interrupt();

        streaming.joinFailure(ChannelInterruptedException.class);
        assertTrue(streaming.interruptedAtEnd());
    }

    /**
     * An interrupt racing with the receive that would complete a blocked send: whichever wins,
     * the send returned normally exactly when its element is received.
     */
    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#blockingSendWithThreads")
    void interruptRacingWithAReceiveEitherSendsOrHasNoEffect(ChannelKind kind, ThreadKind threads) {
        final SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 150; round++) {
            final Channel<String> channel = kind.create();
            final List<String> fill = kind.fill(channel);
            final Forked<Void> sender = Forked.run(threads, "sender", () -> channel.send("raced")).awaitBlocked();

            final List<String> received = new ArrayList<>();
            final boolean interruptFirst = random.nextBoolean();
            if (interruptFirst) {
                sender.interrupt();
            }
            spin(random.nextInt(2_000));
            final String taken = channel.tryReceive(); // frees a slot, or takes the handoff
            if (taken != null) {
                received.add(taken);
            }
            if (!interruptFirst) {
                sender.interrupt();
            }
            final boolean sent = sender.joinEither();
            for (String e; (e = channel.tryReceive()) != null; ) {
                received.add(e);
            }

            final List<String> expected = new ArrayList<>(fill);
            if (sent) {
                expected.add("raced");
                if (interruptFirst) { // interrupted before its partner came: returned with the status still set
                    assertTrue(sender.interruptedAtEnd(), "round " + round + ": the send cleared the interrupt status");
                }
            } else {
                sender.joinFailure(InterruptedException.class);
            }
            assertEquals(expected, received, "round " + round + ": the send " + (sent ? "returned" : "threw"));
        }
    }

    /**
     * An interrupt racing with a send that would complete a blocked receive: whichever wins, the
     * element is taken by that receive or is still there afterwards, never lost.
     */
    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void interruptRacingWithASendEitherReceivesOrHasNoEffect(ChannelKind kind, ThreadKind threads) {
        final SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 150; round++) {
            final Channel<String> channel = kind.create();
            final Forked<String> receiver = Forked.start(threads, "receiver", channel::receive).awaitBlocked();

            final boolean interruptFirst = random.nextBoolean();
            if (interruptFirst) {
                receiver.interrupt();
            }
            spin(random.nextInt(2_000));
            final boolean accepted = channel.trySend("raced");
            if (!interruptFirst) {
                receiver.interrupt();
            }
            final boolean receivedByReceiver = receiver.joinEither();
            final String left = channel.tryReceive();

            if (receivedByReceiver) {
                assertEquals("raced", receiver.join(), "round " + round);
                if (interruptFirst) { // interrupted before its partner came: returned with the status still set
                    assertTrue(receiver.interruptedAtEnd(), "round " + round + ": the receive cleared the interrupt status");
                }
                assertTrue(accepted, "round " + round + ": received an element whose trySend returned false");
                assertNull(left, "round " + round + ": the element was received twice");
            } else {
                receiver.joinFailure(InterruptedException.class);
                assertEquals(accepted ? "raced" : null, left,
                        "round " + round + ": the interrupted receive took the element (accepted=" + accepted + ")");
            }
        }
    }

    private static void spin(int iterations) {
        for (int i = 0; i < iterations; i++) {
            Thread.onSpinWait();
        }
    }
}
