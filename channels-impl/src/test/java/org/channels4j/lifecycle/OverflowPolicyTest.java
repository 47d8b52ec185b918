package org.channels4j.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.Overflow;
import org.channels4j.Select;
import org.junit.jupiter.api.Test;

/** The drop policies, one thread at a time: what is kept, what the handler gets, and when. */
class OverflowPolicyTest {
    private final List<Integer> handled = new CopyOnWriteArrayList<>();

    private Channel<Integer> channel(int capacity, Overflow policy) {
        return Channels.<Integer>builder().capacity(capacity).overflow(policy).onUndelivered(handled::add).build();
    }

    @Test
    void dropOldestKeepsTheNewestAndHandsOverTheOldestInOrder() throws InterruptedException {
        final Channel<Integer> ch = channel(3, Overflow.DROP_OLDEST);
        for (int i = 1; i <= 7; i++) {
            ch.send(i); // never blocks
        }
        assertEquals(List.of(1, 2, 3, 4), handled);
        assertEquals(3, ch.size());
        assertEquals(3, ch.capacity());
        assertEquals(5, ch.receive());
        assertEquals(6, ch.receive());
        assertEquals(7, ch.receive());
        assertNull(ch.tryReceive());
    }

    @Test
    void dropLatestKeepsTheBufferAndHandsOverTheNewElement() throws InterruptedException {
        final Channel<Integer> ch = channel(2, Overflow.DROP_LATEST);
        for (int i = 1; i <= 5; i++) {
            assertTrue(ch.trySend(i));
        }
        assertEquals(List.of(3, 4, 5), handled);
        assertEquals(2, ch.size());
        assertEquals(1, ch.receive());
        assertEquals(2, ch.receive());
    }

    @Test
    void conflatedChannelDeliversTheLatestValue() throws InterruptedException {
        final Channel<String> ch = Channels.conflated();
        ch.send("a");
        ch.send("b");
        assertTrue(ch.trySend("c"));
        assertEquals(1, ch.size());
        assertEquals("c", ch.receive());
        assertEquals(0, ch.size());
    }

    @Test
    void onSendOnADroppingChannelIsAlwaysReadyWhileOpen() throws InterruptedException {
        for (Overflow policy : new Overflow[] {Overflow.DROP_OLDEST, Overflow.DROP_LATEST}) {
            final Channel<Integer> ch = channel(1, policy);
            for (int i = 0; i < 3; i++) {
                final String r = Select.select(ch.onSend(i, () -> "sent"), Select.orElse(() -> "default"));
                assertEquals("sent", r, policy.name());
            }
            ch.close();
            assertThrows(ChannelClosedException.class, () -> ch.trySend(9));
            assertThrows(ChannelClosedException.class, () -> Select.select(ch.onSend(9, () -> "sent")));
        }
    }

    @Test
    void aSendRefusedByCloseIsNeverHandedOver() {
        final Channel<Integer> ch = channel(1, Overflow.DROP_OLDEST);
        assertTrue(ch.trySend(1));
        ch.close();
        assertThrows(ChannelClosedException.class, () -> ch.send(2));
        assertEquals(List.of(), handled);
        assertEquals(1, ch.tryReceive());
    }

    @Test
    void handlerExceptionReachesTheSenderAfterTheSendTookEffect() {
        final IllegalStateException boom = new IllegalStateException("boom");
        final Channel<Integer> ch = Channels.<Integer>builder().capacity(1).overflow(Overflow.DROP_OLDEST)
                .onUndelivered(e -> {
                    throw boom;
                }).build();
        assertTrue(ch.trySend(1));
        assertSame(boom, assertThrows(IllegalStateException.class, () -> ch.send(2)));
        assertEquals(2, ch.tryReceive()); // the send happened: 1 dropped, 2 buffered
    }

    /** The README's "the handler runs on the thread that dropped or discarded the element". */
    @Test
    void theHandlerRunsOnTheThreadThatDroppedOrDiscarded() throws Exception {
        final List<Thread> ranOn = new CopyOnWriteArrayList<>();
        final Channel<Integer> ch = Channels.<Integer>builder().capacity(1).overflow(Overflow.DROP_OLDEST)
                .onUndelivered(e -> ranOn.add(Thread.currentThread())).build();
        assertTrue(ch.trySend(1));
        final Thread sender = Thread.ofVirtual().start(() -> assertTrue(ch.trySend(2))); // drops 1
        sender.join();
        final Thread canceller = Thread.ofPlatform().start(ch::cancel); // discards 2
        canceller.join();
        assertEquals(List.of(sender, canceller), ranOn);
    }

    @Test
    void blockingBufferedChannelNeverCallsTheHandlerOnAFullBuffer() throws InterruptedException {
        final Channel<Integer> ch = channel(1, Overflow.BLOCK);
        ch.send(1);
        assertEquals(false, ch.trySend(2, Duration.ofMillis(1)));
        assertEquals(List.of(), handled);
    }
}
