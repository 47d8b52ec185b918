package org.channels4j.contract;

import org.channels4j.testing.ThreadKind;
import org.channels4j.testing.Forked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Select;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract section "Close": {@code close()} and {@code close(cause)} are idempotent and only the
 * first call returns true and fixes the cause; afterwards every send, blocked or new, throws
 * {@link ChannelClosedException}; receivers still get every buffered element, then receive and
 * tryReceive throw it with the cause attached and iteration ends (or throws, with a cause);
 * blocked receivers are woken by the close.
 *
 * <p>On the kinds that drop, the buffer a close leaves to be drained is what the policy kept,
 * the close itself hands nothing to the {@code onUndelivered} handler (only a cancel discards),
 * and "every send that returned normally is received" reads "is received or was dropped,
 * exactly once". No sender ever blocks on them, so the tests of blocked senders do not apply.
 */
@Timeout(60)
class CloseTest {
    private static final Duration LONG = Duration.ofMinutes(1);

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void closeDrainsBufferedElementsBeforeReportingClosed(ChannelKind kind) throws InterruptedException {
        final Channel<Integer> channel = kind.create();
        final int n = Math.min(kind.capacity(), 6); // 0 for unbuffered
        for (int i = 0; i < n; i++) {
            assertTrue(channel.trySend(i));
        }
        assertFalse(channel.isClosedForSend());
        assertFalse(channel.isClosedForReceive());

        assertTrue(channel.close());

        assertTrue(channel.isClosedForSend());
        for (int i = 0; i < n; i++) {
            assertFalse(channel.isClosedForReceive(), "elements remain, so not closed for receive yet");
            // drain with each receive method in turn: all of them must still deliver
            final Integer e = switch (i % 3) {
                case 0 -> channel.receive();
                case 1 -> channel.tryReceive();
                default -> channel.tryReceive(LONG);
            };
            assertEquals(i, e);
        }
        assertTrue(channel.isClosedForReceive());
        assertNull(assertThrows(ChannelClosedException.class, channel::receive).getCause());
        assertNull(assertThrows(ChannelClosedException.class, channel::tryReceive).getCause());
        assertNull(assertThrows(ChannelClosedException.class, () -> channel.tryReceive(LONG)).getCause());
    }

    /**
     * A dropping channel that has dropped: the close drains exactly what the policy kept, in
     * order, and hands nothing over itself. A send after the close throws, although the buffer
     * is full, before the policy could drop anything for it. The draining runs on its own thread,
     * so that a receive that never ends fails the test rather than hanging it.
     */
    @ParameterizedTest
    @MethodSource("org.channels4j.contract.ChannelKind#dropping")
    void closeDrainsWhatADroppingChannelKeptAndDropsNothingMore(ChannelKind kind) throws InterruptedException {
        final List<String> dropped = new CopyOnWriteArrayList<>();
        final Channel<String> channel = kind.create(dropped::add);
        final List<String> sent = new ArrayList<>(kind.fill(channel));
        for (int i = 0; i < 3; i++) {
            channel.send("over-" + i);
            sent.add("over-" + i);
        }
        assertEquals(kind.droppedOf(sent), dropped, "the policy dropped other elements than expected");

        assertTrue(channel.close());

        assertEquals(kind.droppedOf(sent), dropped, "the close handed elements to the handler");
        final List<Executable> sendsAfterClose = List.of(
                () -> channel.send("after-send"),
                () -> channel.trySend("after-trySend"),
                () -> channel.trySend("after-timed", LONG),
                () -> Select.select(channel.onSend("after-select", () -> "sent")));
        for (Executable send : sendsAfterClose) {
            assertThrows(ChannelClosedException.class, send);
        }
        assertEquals(kind.droppedOf(sent), dropped, "a send refused by the close dropped an element");
        assertEquals(kind.capacity(), channel.size(), "the close or a refused send changed the buffer");
        final Forked<List<String>> drain = Forked.start(ThreadKind.PLATFORM, "drain", () -> Traffic.closeAndDrain(channel));
        assertEquals(kind.keptOf(sent), drain.join(), "the close must drain exactly what the policy kept");
        assertEquals(kind.droppedOf(sent), dropped, "draining handed elements to the handler");
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void closeWakesBlockedReceiver(ChannelKind kind, ThreadKind threads) {
        final Channel<String> channel = kind.create();
        final Forked<String> receiver = Forked.start(threads, "receiver", channel::receive).awaitBlocked();

        assertTrue(channel.close());

        assertNull(receiver.joinFailure(ChannelClosedException.class).getCause());
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void closeWakesEveryBlockedReceiverWhateverItsMethod(ChannelKind kind, ThreadKind threads) {
        final Channel<String> channel = kind.create();
        final List<Forked<?>> plain = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            plain.add(Forked.start(threads, "receive-" + i, channel::receive).awaitBlocked());
            plain.add(Forked.start(threads, "timed-" + i, () -> channel.tryReceive(LONG)).awaitBlocked());
            plain.add(Forked.start(threads, "select-" + i, () -> Select.select(channel.onReceive())).awaitBlocked());
        }
        final Forked<List<String>> ranging = Traffic.rangeOver(threads, "range", channel).awaitBlocked();

        assertTrue(channel.close());

        for (Forked<?> f : plain) {
            assertNull(f.joinFailure(ChannelClosedException.class).getCause(), f.thread().getName());
        }
        assertEquals(List.of(), ranging.join(), "a plain close ends the range normally");
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#blockingSendWithThreads")
    void closeFailsBlockedSenderAndItsElementIsNeverReceived(ChannelKind kind, ThreadKind threads)
            throws InterruptedException {
        final Channel<String> channel = kind.create();
        final List<String> fill = kind.fill(channel);
        final Forked<Void> sender = Forked.run(threads, "sender", () -> channel.send("blocked")).awaitBlocked();
        final Forked<Boolean> timedSender =
                Forked.start(threads, "timed sender", () -> channel.trySend("timed", LONG)).awaitBlocked();

        assertTrue(channel.close());

        assertNull(sender.joinFailure(ChannelClosedException.class).getCause());
        assertNull(timedSender.joinFailure(ChannelClosedException.class).getCause(),
                "a timed send on a closed channel throws rather than returning false");
        assertEquals(fill, Traffic.closeAndDrain(channel), "only the elements accepted before the close are received");
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void closeCauseReachesBlockedReceivers(ChannelKind kind, ThreadKind threads) {
        final Channel<String> channel = kind.create();
        final Forked<String> receiver = Forked.start(threads, "receiver", channel::receive).awaitBlocked();
        final Forked<String> timed = Forked.start(threads, "timed", () -> channel.tryReceive(LONG)).awaitBlocked();
        final Exception cause = new Exception("producer failed");

        assertTrue(channel.close(cause));

        assertSame(cause, receiver.joinFailure(ChannelClosedException.class).getCause());
        assertSame(cause, timed.joinFailure(ChannelClosedException.class).getCause());
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#blockingSendWithThreads")
    void closeCauseReachesBlockedSenders(ChannelKind kind, ThreadKind threads) {
        final Channel<String> channel = kind.create();
        kind.fill(channel);
        final Forked<Void> sender = Forked.run(threads, "sender", () -> channel.send("x")).awaitBlocked();
        final Forked<Boolean> timed = Forked.start(threads, "timed", () -> channel.trySend("y", LONG)).awaitBlocked();
        final Exception cause = new Exception("consumer gave up");

        assertTrue(channel.close(cause));

        assertSame(cause, sender.joinFailure(ChannelClosedException.class).getCause());
        assertSame(cause, timed.joinFailure(ChannelClosedException.class).getCause());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void closeCauseReachesEveryLaterOperation(ChannelKind kind) throws InterruptedException {
        final Channel<String> channel = kind.create();
        final Exception cause = new Exception("boom");
        assertTrue(channel.close(cause));

        final List<Executable> operations = List.of(
                () -> channel.send("a"),
                () -> channel.trySend("b"),
                () -> channel.trySend("c", LONG),
                () -> Select.select(channel.onSend("d", () -> "sent")),
                channel::receive,
                channel::tryReceive,
                () -> channel.tryReceive(LONG),
                () -> Select.select(channel.onReceive()),
                () -> channel.iterator().hasNext());
        for (Executable operation : operations) {
            assertSame(cause, assertThrows(ChannelClosedException.class, operation).getCause());
        }
        assertSame(cause, Select.select(channel.onReceiveOrClosed(v -> null, c -> c)),
                "onReceiveOrClosed runs its closed branch with the cause");
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void onlyTheFirstCloseReturnsTrueAndFixesTheCause(ChannelKind kind) {
        final Channel<String> channel = kind.create();
        final Exception first = new Exception("first");

        assertTrue(channel.close(first));
        assertFalse(channel.close(new Exception("second")));
        assertFalse(channel.close());

        assertSame(first, assertThrows(ChannelClosedException.class, channel::tryReceive).getCause());
        assertSame(first, assertThrows(ChannelClosedException.class, () -> channel.trySend("x")).getCause());
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void aPlainFirstCloseFixesNoCause(ChannelKind kind) {
        final Channel<String> channel = kind.create();

        assertTrue(channel.close());
        assertFalse(channel.close(new Exception("too late")));

        assertNull(assertThrows(ChannelClosedException.class, channel::tryReceive).getCause());
        assertNull(assertThrows(ChannelClosedException.class, () -> channel.trySend("x")).getCause());
    }

    /** Racing closes: exactly one wins, and the cause every later exception carries is the winner's. */
    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void concurrentClosesHaveExactlyOneWinnerWhoseCauseSticks(ChannelKind kind, ThreadKind threads) {
        final int closers = 4;
        for (int round = 0; round < 20; round++) {
            final Channel<String> channel = kind.create();
            final CountDownLatch go = new CountDownLatch(1);
            final List<Exception> causes = new ArrayList<>();
            final List<Forked<Boolean>> forks = new ArrayList<>();
            for (int i = 0; i < closers; i++) {
                final Exception cause = new Exception("closer " + i);
                causes.add(cause);
                forks.add(Forked.start(threads, "closer-" + i, () -> {
                    go.await();
                    return channel.close(cause);
                }));
            }
            go.countDown();
            final List<Integer> winners = new ArrayList<>();
            for (int i = 0; i < closers; i++) {
                if (forks.get(i).join()) {
                    winners.add(i);
                }
            }
            assertEquals(1, winners.size(), "closes that returned true: " + winners);
            assertSame(causes.get(winners.get(0)),
                    assertThrows(ChannelClosedException.class, () -> channel.trySend("x")).getCause());
        }
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void sendsAfterCloseFailAndAreNeverReceived(ChannelKind kind) throws InterruptedException {
        final Channel<String> channel = kind.create();
        final boolean accepted = kind.buffers() && channel.trySend("before");
        channel.close();

        assertThrows(ChannelClosedException.class, () -> channel.send("after-send"));
        assertThrows(ChannelClosedException.class, () -> channel.trySend("after-trySend"));
        assertThrows(ChannelClosedException.class, () -> channel.trySend("after-timed", Duration.ZERO));

        assertEquals(accepted ? List.of("before") : List.of(), Traffic.closeAndDrain(channel));
    }

    /**
     * Close racing with busy senders and a receiver: every send that returned normally is
     * received exactly once (or, on a dropping kind, received or dropped exactly once), every
     * send that threw is never received, and nothing is accepted after close returned.
     */
    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void closeRacingWithSendsLosesAndInventsNothing(ChannelKind kind, ThreadKind threads) {
        for (int round = 0; round < 10; round++) {
            final Queue<Integer> dropped = new ConcurrentLinkedQueue<>();
            final Channel<Integer> channel = kind.create(dropped::add);
            final List<Forked<List<Integer>>> senders = new ArrayList<>();
            for (int s = 0; s < 2; s++) {
                final int base = s * 1_000_000;
                senders.add(Forked.start(threads, "sender-" + s, () -> {
                    // Capped: sends on an unbounded channel never block, and unchecked they
                    // would fill memory on a loaded machine before the close comes (sends on a
                    // dropping channel never block either).
                    final List<Integer> accepted = new ArrayList<>();
                    try {
                        for (int i = base; i < base + 100_000; i++) {
                            channel.send(i);
                            accepted.add(i);
                        }
                    } catch (ChannelClosedException closed) {
                        // expected once the close has happened
                    }
                    return accepted;
                }));
            }
            final Forked<List<Integer>> receiver = Traffic.rangeOver(threads, "receiver", channel);
            LockSupport.parkNanos(Duration.ofMillis(round % 5).toNanos());
            channel.close();
            assertThrows(ChannelClosedException.class, () -> channel.trySend(-1), "no send succeeds after close returned");

            final Set<Integer> accepted = new HashSet<>();
            senders.forEach(s -> accepted.addAll(s.join()));
            final List<Integer> received = receiver.join();
            assertEquals(received.size(), new HashSet<>(received).size(), "an element was received twice");
            final Set<Integer> receivedOrDropped = new HashSet<>(received);
            for (int e : dropped) { // the handler ran before its send returned: the joins publish it
                assertTrue(receivedOrDropped.add(e), "element " + e + " was dropped and also received, or dropped twice");
            }
            assertEquals(accepted, receivedOrDropped,
                    dropped.isEmpty() ? "accepted and received elements differ" : "accepted and received-or-dropped elements differ");
        }
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void iterationEndsAfterAPlainClose(ChannelKind kind, ThreadKind threads) {
        final Queue<Integer> dropped = new ConcurrentLinkedQueue<>();
        final Channel<Integer> channel = kind.create(dropped::add);
        final Forked<Void> producer = Traffic.sendRangeThenClose(threads, channel, 100, null);
        final Forked<List<Integer>> consumer = Traffic.rangeOver(threads, "consumer", channel);

        producer.join();
        Traffic.assertReceivedInOrderOrDropped(100, consumer.join(), dropped, "the elements ranged over");
    }

    @ParameterizedTest(name = "{0}, {1} threads")
    @MethodSource("org.channels4j.contract.ChannelKind#withThreads")
    void iterationThrowsTheCloseCauseAfterTheLastElement(ChannelKind kind, ThreadKind threads) {
        final Queue<Integer> dropped = new ConcurrentLinkedQueue<>();
        final Channel<Integer> channel = kind.create(dropped::add);
        final Exception cause = new Exception("producer failed");
        final Forked<Void> producer = Traffic.sendRangeThenClose(threads, channel, 100, cause);
        final List<Integer> seen = new ArrayList<>();
        final Forked<Void> consumer = Forked.run(threads, "consumer", () -> {
            final Iterator<Integer> it = channel.iterator();
            while (it.hasNext()) {
                seen.add(it.next());
            }
        });

        assertSame(cause, consumer.joinFailure(ChannelClosedException.class).getCause());
        producer.join();
        Traffic.assertReceivedInOrderOrDropped(100, seen, dropped, "every element comes before the failure");
    }
}
