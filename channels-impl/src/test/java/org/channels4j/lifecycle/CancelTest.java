package org.channels4j.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.impl.ChannelInternals;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code cancel}: a close that also discards, handing every buffered element to the handler. */
class CancelTest {
    private final List<Integer> handled = new CopyOnWriteArrayList<>();

    @Test
    void cancelHandsEveryBufferedElementOverInFifoOrderAndReceiversGetNothingMore() {
        for (Channel<Integer> ch : List.of(
                Channels.<Integer>builder().capacity(4).onUndelivered(handled::add).build(),
                Channels.<Integer>builder().unbounded().onUndelivered(handled::add).build())) {
            handled.clear();
            for (int i = 1; i <= 3; i++) {
                assertTrue(ch.trySend(i));
            }
            assertTrue(ch.cancel());
            assertEquals(List.of(1, 2, 3), handled);
            // not size(): it reports 0 once the cancel has claimed the positions, drained or not
            assertEquals(List.of(), ChannelInternals.slotsStillHolding(ch),
                    ch + ": slots the cancel left holding an element");
            assertTrue(ch.isClosedForReceive());
            assertThrows(ChannelClosedException.class, ch::tryReceive);
            assertThrows(ChannelClosedException.class, () -> ch.trySend(4));
            assertEquals(List.of(1, 2, 3), handled); // a refused send is not handed over
        }
    }

    @Test
    void cancelAfterCloseDiscardsWhatIsLeftAndKeepsTheFirstCause() {
        final Channel<Integer> ch = Channels.<Integer>builder().capacity(4).onUndelivered(handled::add).build();
        ch.trySend(1);
        ch.trySend(2);
        final RuntimeException first = new RuntimeException("first");
        assertTrue(ch.close(first));
        assertEquals(1, ch.tryReceive());
        assertFalse(ch.cancel(new RuntimeException("second")));
        assertEquals(List.of(2), handled);
        assertSame(first, assertThrows(ChannelClosedException.class, ch::tryReceive).getCause());
        assertFalse(ch.close());
        assertFalse(ch.cancel());
        assertEquals(List.of(2), handled);
    }

    @Test
    void cancelOnAnUnbufferedChannelIsClose() {
        final Channel<Integer> ch = Channels.unbuffered();
        final RuntimeException cause = new RuntimeException("stop");
        assertTrue(ch.cancel(cause));
        assertTrue(ch.isClosedForReceive());
        assertSame(cause, assertThrows(ChannelClosedException.class, () -> ch.trySend(1)).getCause());
    }

    @Test
    void everyElementIsHandedOverEvenIfTheHandlerThrowsAndTheFirstFailureIsRethrown() {
        final Channel<Integer> ch = Channels.<Integer>builder().capacity(3).onUndelivered(e -> {
            handled.add(e);
            throw new IllegalStateException("release failed for " + e);
        }).build();
        ch.trySend(1);
        ch.trySend(2);
        ch.trySend(3);
        final IllegalStateException e = assertThrows(IllegalStateException.class, ch::cancel);
        assertEquals("release failed for 1", e.getMessage());
        assertEquals(2, e.getSuppressed().length);
        assertEquals(List.of(1, 2, 3), handled);
        assertTrue(ch.isClosedForReceive());
    }

    /** The two threads are parked in the channels (not just started) when the cancels come. */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void cancelWakesABlockedReceiverAndABlockedSender(ThreadKind kind) {
        final Channel<Integer> empty = Channels.buffered(1);
        final Channel<Integer> full = Channels.<Integer>builder().capacity(1).onUndelivered(handled::add).build();
        assertTrue(full.trySend(1));
        final Forked<Integer> receiver = Forked.start(kind, "receiver", empty::receive).awaitBlocked();
        final Forked<Void> sender = Forked.run(kind, "sender", () -> full.send(2)).awaitBlocked();
        empty.cancel();
        full.cancel();
        receiver.joinFailure(ChannelClosedException.class);
        sender.joinFailure(ChannelClosedException.class);
        assertEquals(List.of(1), handled); // the blocked sender's element was never accepted
    }
}
