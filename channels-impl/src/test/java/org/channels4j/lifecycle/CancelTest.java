package org.channels4j.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
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
            assertEquals(0, ch.size());
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

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void cancelWakesABlockedReceiverAndABlockedSender(ThreadKind kind) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            final Channel<Integer> empty = Channels.buffered(1);
            final Channel<Integer> full = Channels.<Integer>builder().capacity(1).onUndelivered(handled::add).build();
            full.send(1);
            final CompletableFuture<Throwable> receiver = new CompletableFuture<>();
            final CompletableFuture<Throwable> sender = new CompletableFuture<>();
            kind.start("receiver", () -> receiver.complete(assertThrows(ChannelClosedException.class, empty::receive)));
            kind.start("sender", () -> sender.complete(assertThrows(ChannelClosedException.class, () -> full.send(2))));
            waitUntilBlocked();
            empty.cancel();
            full.cancel();
            assertInstanceOf(ChannelClosedException.class, receiver.get());
            assertInstanceOf(ChannelClosedException.class, sender.get());
            assertEquals(List.of(1), handled); // the blocked sender's element was never accepted
        });
    }

    /** Gives the started threads time to block; the assertions hold whether or not they did. */
    private static void waitUntilBlocked() throws InterruptedException {
        Thread.sleep(50);
    }
}
