package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.SelectClause;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A select that fails while it registers (an {@link OutOfMemoryError} allocating a later node)
 * must leave no live node behind: left live, the first node never settles, a partner completes
 * it and its element is lost, and an unbuffered partner of a larger thread id that meets it in
 * its re-check waits for it to settle forever ({@code Selection.registerAll}). The failure is
 * planted with a clause whose registration throws, after two real clauses have registered.
 * (The hang itself needs a partner whose re-check meets the node before anyone completes it,
 * a race; the first test shows that no live node is left for either to happen.) A wake-up the
 * select got while it registered belongs to another waiter and must be passed on.
 */
@Timeout(60)
class SelectRegistrationErrorTest {
    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1})
    void aFailedRegistrationLeavesNoWaiterToComplete(int capacity) throws InterruptedException {
        final Channel<Integer> ch = channel(capacity);
        final Channel<Integer> other = channel(capacity);
        final OutOfMemoryError planted = new OutOfMemoryError("planted: allocating the third node");
        final SelectClause<?>[] clauses = {ch.onReceive(), other.onReceive(), new FailingClause(planted)};

        final OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class,
                () -> Selection.run(clauses, true));
        assertSame(planted, thrown);

        if (capacity == 0) {
            assertFalse(ch.trySend(1), "a send on ch completed the failed select's node");
            assertFalse(other.trySend(2), "a send on other completed the failed select's node");
        }
        assertEquals(0, liveWaiters(ch), "ch still has a live node of the failed select");
        assertEquals(0, liveWaiters(other), "other still has a live node of the failed select");
    }

    /**
     * While the select registers, a plain receiver parks behind its node on a buffered channel
     * and a sender offers: the sender finds the select the oldest receiver and wakes it rather
     * than serving the plain receiver (a select with several nodes is woken, not served). The
     * select then fails; the wake-up must reach the plain receiver, or it stays parked with the
     * element in the buffer.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(ThreadKind.class)
    void aWakeUpTheFailedSelectGotIsPassedOn(ThreadKind kind) {
        final Channel<Integer> ch = Channels.buffered(1);
        final Channel<Integer> other = Channels.buffered(1);
        final List<Forked<Integer>> receiver = new ArrayList<>();
        final SelectClause<?>[] clauses = {ch.onReceive(), other.onReceive(), new FailingClause(() -> {
            receiver.add(Forked.start(kind, "receiver", ch::receive).awaitBlocked());
            assertTrue(ch.trySend(7), "the buffer had room");
            return new OutOfMemoryError("planted, after the wake-up");
        })};
        assertThrows(OutOfMemoryError.class, () -> Selection.run(clauses, true));
        assertEquals(7, receiver.get(0).join(Forked.PATIENCE), "the plain receiver got the element");
    }

    private static int liveWaiters(Channel<Integer> channel) {
        int live = 0;
        for (var f : channel.getClass().getDeclaredFields()) {
            if (f.getType() == WaitQueue.class) {
                f.setAccessible(true);
                try {
                    final WaitQueue q = (WaitQueue) f.get(channel);
                    for (WaitNode n = q == null ? null : q.first(); n != null; n = n.lvNext()) {
                        if (n.owner().isWaiting()) {
                            live++;
                        }
                    }
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return live;
    }

    private static Channel<Integer> channel(int capacity) {
        return capacity == 0 ? Channels.unbuffered() : Channels.buffered(capacity);
    }

    /** A clause that is never ready and whose registration throws. */
    private static final class FailingClause extends Clause<Object> {
        private final Supplier<Error> error;

        FailingClause(Error error) {
            this(() -> error);
        }

        /** @param error runs at registration and gives the error to throw */
        FailingClause(Supplier<Error> error) {
            this.error = error;
        }

        @Override
        Object attempt(long start) {
            return NOT_READY;
        }

        @Override
        boolean isReady(WaitNode own, long start) {
            return false;
        }

        @Override
        WaitNode register(Waiter owner, boolean selecting, boolean alone, int index) {
            throw error.get();
        }

        @Override
        String waitedOn() {
            return "failing";
        }

        @Override
        Object matched(Match match) {
            throw new AssertionError("never registered");
        }

        @Override
        Object finish(Object token) {
            return token;
        }
    }
}
