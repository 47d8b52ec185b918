package org.channels4j.impl;

import org.channels4j.testing.ThreadKind;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.channels4j.ChannelClosedException;
import org.channels4j.testing.Forked;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Wait-queue clean-up: a blocked operation that ends without being matched (timeout, interrupt)
 * leaves a dead node in the channel's wait queue. Dead nodes at the front are dropped at once
 * and dead nodes behind a live one by the periodic sweep, so however many operations time out,
 * the number of nodes still linked stays bounded ({@link WaitQueue#SWEEP_PERIOD} plus a few).
 * Without the clean-up an idle channel polled with {@code tryReceive(timeout)} would leak one
 * node per call.
 */
@Timeout(60)
class WaitQueueCleanupTest {
    /** Twice the sweep period: generous for nodes the last sweep has not reached yet. */
    private static final int BOUND = 2 * WaitQueue.SWEEP_PERIOD;
    private static final int CALLS = 1_000;
    /** Long enough that the call registers and parks before the deadline passes. */
    private static final Duration SHORT = Duration.ofNanos(200_000);

    enum Kind {
        UNBUFFERED(UnbufferedChannel::new),
        BUFFERED_1(() -> BufferChannel.buffered(1)),
        BUFFERED_16(() -> BufferChannel.buffered(16)),
        UNBOUNDED(BufferChannel::unbounded);

        private final Supplier<AbstractChannel<String>> factory;

        Kind(Supplier<AbstractChannel<String>> factory) {
            this.factory = factory;
        }

        AbstractChannel<String> create() {
            return factory.get();
        }

        static int linkedWaiters(AbstractChannel<?> channel) {
            return ChannelInternals.linkedWaiters(channel);
        }

        /** Fills the channel so that the next send blocks. */
        void fill(AbstractChannel<String> channel) {
            while (channel.trySend("fill")) {
                // a buffered channel takes up to its capacity; an unbuffered one takes nothing
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void timedOutReceivesOnAnIdleChannelLeaveFewLinkedWaiters(Kind kind) throws InterruptedException {
        final AbstractChannel<String> channel = kind.create();
        for (int i = 0; i < CALLS; i++) {
            assertNull(channel.tryReceive(SHORT));
        }
        assertBounded(channel);
    }

    /** The dead nodes sit behind a live receiver, so only the interior sweep can drop them. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void timedOutReceivesBehindABlockedReceiverAreSwept(Kind kind) throws InterruptedException {
        final AbstractChannel<String> channel = kind.create();
        final Forked<String> blocked = Forked.start(ThreadKind.PLATFORM, "blocked", channel::receive).awaitBlocked();
        for (int i = 0; i < CALLS; i++) {
            assertNull(channel.tryReceive(SHORT));
        }
        assertBounded(channel);
        channel.close();
        blocked.joinFailure(ChannelClosedException.class);
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = "UNBOUNDED", mode = EnumSource.Mode.EXCLUDE)
    void timedOutSendsLeaveFewLinkedWaitersEvenBehindABlockedSender(Kind kind) throws InterruptedException {
        final AbstractChannel<String> channel = kind.create();
        kind.fill(channel);
        final Forked<Void> blocked = Forked.run(ThreadKind.PLATFORM, "blocked", () -> channel.send("blocked")).awaitBlocked();
        for (int i = 0; i < CALLS; i++) {
            assertFalse(channel.trySend("timed out", SHORT));
        }
        assertBounded(channel);
        channel.close();
        blocked.joinFailure(ChannelClosedException.class);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void interruptedReceivesLeaveFewLinkedWaiters(Kind kind) {
        final AbstractChannel<String> channel = kind.create();
        for (int i = 0; i < 200; i++) {
            final Forked<String> receiver = Forked.start(ThreadKind.VIRTUAL, "receiver", channel::receive).awaitBlocked();
            receiver.interrupt();
            receiver.joinFailure(InterruptedException.class);
        }
        assertBounded(channel);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void concurrentTimedOutReceivesLeaveFewLinkedWaiters(Kind kind) {
        final AbstractChannel<String> channel = kind.create();
        final List<Forked<Void>> pollers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            pollers.add(Forked.run(ThreadKind.VIRTUAL, "poller-" + t, () -> {
                for (int i = 0; i < CALLS / 4; i++) {
                    assertNull(channel.tryReceive(SHORT));
                }
            }));
        }
        pollers.forEach(Forked::join);
        assertBounded(channel);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void closeLeavesFewLinkedWaiters(Kind kind) {
        final AbstractChannel<String> channel = kind.create();
        final List<Forked<String>> receivers = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            receivers.add(Forked.start(ThreadKind.VIRTUAL, "receiver-" + i, channel::receive));
        }
        receivers.forEach(Forked::awaitBlocked);
        assertTrue(Kind.linkedWaiters(channel) >= receivers.size(), "every blocked receiver is linked");

        channel.close();

        receivers.forEach(r -> r.joinFailure(ChannelClosedException.class));
        assertBounded(channel);
    }

    private static void assertBounded(AbstractChannel<?> channel) {
        final int linked = Kind.linkedWaiters(channel);
        assertTrue(linked <= BOUND, linked + " wait-queue nodes still linked, more than " + BOUND);
    }
}
