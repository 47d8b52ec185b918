package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/**
 * {@link BufferChannel} serves a parked plain operation: the completer makes the waiter's offer
 * or poll itself, so the waiter's effect is in the buffer before the waiter runs again. Checked
 * while the waiter is still parked (its thread is held off the channel by a parked state): the
 * old protocol, "wake it and let it retry", leaves the buffer unchanged until it runs.
 */
@Timeout(30)
class BufferedServeTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aReceiveOffersTheParkedSendersElementForIt(boolean virtual) throws Exception {
        final Channel<Integer> ch = Channels.buffered(1);
        assertTrue(ch.trySend(0));
        final Thread sender = start(virtual, () -> {
            ch.send(1);
            return null;
        }, new AtomicReference<>());
        awaitParked(sender);
        assertEquals(0, ch.receive());
        // the sender has not had to run: its element is in, and the channel is full again
        assertEquals(1, ch.size(), "the receive must have offered the parked sender's element");
        assertFalse(ch.trySend(2), "the slot the receive freed is the served sender's");
        sender.join();
        assertEquals(1, ch.receive());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aSendPollsTheParkedReceiversElementForIt(boolean virtual) throws Exception {
        final Channel<Integer> ch = Channels.buffered(1);
        final AtomicReference<Object> got = new AtomicReference<>();
        final Thread receiver = start(virtual, ch::receive, got);
        awaitParked(receiver);
        assertTrue(ch.trySend(1));
        assertEquals(0, ch.size(), "the send must have polled its element for the parked receiver");
        assertTrue(ch.trySend(2), "so the one slot is free again");
        receiver.join();
        assertEquals(1, got.get());
        assertEquals(2, ch.receive());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void parkedSendersAreServedInArrivalOrder(boolean virtual) throws Exception {
        final Channel<Integer> ch = Channels.buffered(1);
        assertTrue(ch.trySend(0));
        final Thread first = start(virtual, () -> {
            ch.send(1);
            return null;
        }, new AtomicReference<>());
        awaitParked(first);
        final Thread second = start(virtual, () -> {
            ch.send(2);
            return null;
        }, new AtomicReference<>());
        awaitParked(second);
        assertEquals(0, ch.receive());
        assertEquals(1, ch.receive(), "the first parked sender was served first, in arrival order");
        assertEquals(2, ch.receive());
        first.join();
        second.join();
        assertEquals(0, ch.size());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aSelectWithOneChannelClauseAndATimeoutIsServedToo(boolean virtual) throws Exception {
        // one node (the timeout registers none): the select's waiter is served like a receive
        final Channel<Integer> ch = Channels.buffered(1);
        final AtomicReference<Object> got = new AtomicReference<>();
        final Thread selector = start(virtual, () -> Select.select(
                ch.onReceive(e -> e),
                Select.onTimeout(Duration.ofSeconds(20), () -> -1)), got);
        awaitParked(selector);
        assertTrue(ch.trySend(1));
        assertEquals(0, ch.size(), "the send must have polled its element for the parked select");
        selector.join();
        assertEquals(1, got.get());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aConflatedChannelServesItsParkedReceiver(boolean virtual) throws Exception {
        final Channel<Integer> ch = Channels.conflated();
        final AtomicReference<Object> got = new AtomicReference<>();
        final Thread receiver = start(virtual, ch::receive, got);
        awaitParked(receiver);
        assertTrue(ch.trySend(1));
        assertEquals(0, ch.size(), "the send must have polled its element for the parked receiver");
        assertTrue(ch.trySend(2));
        receiver.join();
        assertEquals(1, got.get(), "served before 2 could displace it");
        assertEquals(2, ch.receive());
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aSelectOverTwoChannelsIsOnlyWokenAndTakesTheElementItself(boolean virtual) throws Exception {
        final Channel<Integer> a = Channels.buffered(1);
        final Channel<Integer> b = Channels.buffered(1);
        final AtomicReference<Object> got = new AtomicReference<>();
        final Thread selector = start(virtual, () -> Select.select(a.onReceive(e -> e), b.onReceive(e -> -e)), got);
        awaitParked(selector);
        assertTrue(a.trySend(1));
        selector.join();
        assertEquals(1, got.get());
        assertEquals(0, a.size());
        assertEquals(0, b.size());
    }

    private interface Body {
        Object run() throws Exception;
    }

    private static Thread start(boolean virtual, Body body, AtomicReference<Object> result) {
        final Runnable r = () -> {
            try {
                result.set(body.run());
            } catch (Exception e) {
                result.set(e);
            }
        };
        return virtual ? Thread.ofVirtual().start(r) : Thread.ofPlatform().start(r);
    }

    private static void awaitParked(Thread t) throws InterruptedException {
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            Thread.sleep(1);
        }
    }
}
