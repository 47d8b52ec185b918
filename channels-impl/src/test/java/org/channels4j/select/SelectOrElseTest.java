package org.channels4j.select;

import org.channels4j.testing.ThreadKind;
import org.channels4j.testing.Workers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.channels4j.Channel;
import org.channels4j.ChannelClosedException;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Contract, Select: "{@code orElse} runs only if no other clause is ready at the moment of the
 * select", and "a clause on a closed channel is ready". A non-blocking select that takes
 * {@code orElse} while one of its clauses was ready the whole time is not linearizable.
 */
@Timeout(60)
class SelectOrElseTest {
    private static final String ELSE = "else";

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {1, 3, Integer.MAX_VALUE})
    void orElseIsNotTakenWhenABufferedClauseIsReady(int capacity) throws InterruptedException {
        final Channel<String> ready = channel(capacity);
        final Channel<String> empty = Channels.buffered(1);
        assertTrue(ready.trySend("x"));
        assertEquals("x", Select.select(empty.onReceive(), ready.onReceive(), Select.orElse(() -> ELSE)));
        assertEquals("sent", Select.select(ready.onSend("y", () -> "sent"), Select.orElse(() -> ELSE)));
        assertEquals("y", Select.selectBiased(Select.orElse(() -> ELSE), ready.onReceive()),
                "orElse is never 'first ready', wherever it stands");
    }

    @Test
    void orElseIsTakenWhenNothingIsReady() throws InterruptedException {
        final Channel<String> unbuffered = Channels.unbuffered();
        final Channel<String> full = Channels.buffered(1);
        assertTrue(full.trySend("x"));
        assertEquals(ELSE, Select.select(unbuffered.onReceive(), unbuffered.onSend("u", () -> "sent"),
                full.onSend("y", () -> "sent"), Channels.<String>never().onReceive(), Select.orElse(() -> ELSE)));
        assertNull(unbuffered.tryReceive(), "orElse must leave no send behind");
        assertEquals("x", full.tryReceive());
        assertNull(full.tryReceive(), "orElse must leave no send behind");
    }

    /** A partner parked on the unbuffered channel makes the clause ready for as long as it waits. */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void orElseIsNotTakenWhenAPartnerIsParkedOnAnUnbufferedChannel(ThreadKind kind) throws Exception {
        final Channel<String> ch = Channels.unbuffered();
        final Channel<String> other = Channels.unbuffered();
        final String[] received = new String[2];
        try (Workers workers = new Workers(kind)) {
            workers.startParked("plain receiver", () -> received[0] = ch.receive());
            assertEquals("sent", Select.select(ch.onSend("a", () -> "sent"), Select.orElse(() -> ELSE)));
            workers.startParked("select receiver",
                    () -> received[1] = Select.select(other.onReceive(), ch.onReceive()));
            assertEquals("sent", Select.select(ch.onSend("b", () -> "sent"), Select.orElse(() -> ELSE)));
            workers.startParked("plain sender", () -> ch.send("c"));
            assertEquals("c", Select.select(other.onReceive(), ch.onReceive(), Select.orElse(() -> ELSE)));
            workers.joinAll(Duration.ofSeconds(20));
        }
        assertEquals("a", received[0]);
        assertEquals("b", received[1]);
    }

    @ParameterizedTest(name = "capacity {0}")
    @ValueSource(ints = {0, 1, Integer.MAX_VALUE})
    void closedChannelIsReadyForANonBlockingSelect(int capacity) throws InterruptedException {
        final IllegalStateException cause = new IllegalStateException("producer failed");
        final Channel<String> ch = channel(capacity);
        ch.close(cause);
        final Object result = Select.select(
                ch.onReceiveOrClosed(v -> "value " + v, c -> c), Select.orElse(() -> ELSE));
        assertSame(cause, result, "the closed branch must run, with the close cause");
        final ChannelClosedException onReceive = assertThrows(ChannelClosedException.class,
                () -> Select.select(ch.onReceive(), Select.orElse(() -> ELSE)));
        assertSame(cause, onReceive.getCause());
        final ChannelClosedException onSend = assertThrows(ChannelClosedException.class,
                () -> Select.select(ch.onSend("x", () -> "sent"), Select.orElse(() -> ELSE)));
        assertSame(cause, onSend.getCause());

        final Channel<String> plain = channel(capacity);
        plain.close();
        assertEquals("closed null", Select.select(
                plain.onReceiveOrClosed(v -> "value " + v, c -> "closed " + c), Select.orElse(() -> ELSE)));
    }

    @Test
    void closedBufferedChannelStillDeliversItsElementsBeforeTheClosedBranch() throws InterruptedException {
        final Channel<String> ch = Channels.buffered(2);
        assertTrue(ch.trySend("a"));
        ch.close();
        assertEquals("value a", Select.select(
                ch.onReceiveOrClosed(v -> "value " + v, c -> "closed"), Select.orElse(() -> ELSE)));
        assertEquals("closed", Select.select(
                ch.onReceiveOrClosed(v -> "value " + v, c -> "closed"), Select.orElse(() -> ELSE)));
    }

    /**
     * Go's TestNonblockRecvRace: the channel holds an element until the close, and is closed
     * after that, so a concurrent non-blocking receive always has something to do.
     */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void nonBlockingReceiveRacingACloseNeverTakesOrElse(ThreadKind kind) throws Exception {
        final AtomicInteger orElseTaken = new AtomicInteger();
        for (int i = 0; i < 1_000; i++) {
            final Channel<Integer> ch = Channels.buffered(1);
            assertTrue(ch.trySend(1));
            try (Workers workers = new Workers(kind)) {
                workers.start("non-blocking receiver", () -> {
                    if (Select.select(ch.onReceiveOrClosed(v -> "value", c -> "closed"),
                            Select.orElse(() -> ELSE)).equals(ELSE)) {
                        orElseTaken.incrementAndGet();
                    }
                });
                ch.close();
                try {
                    ch.tryReceive();
                } catch (ChannelClosedException drained) {
                    // the worker took the element first
                }
                workers.joinAll(Duration.ofSeconds(20));
            }
        }
        assertEquals(0, orElseTaken.get(), "orElse taken while the channel held an element or was closed");
    }

    /**
     * Go's TestNonblockSelectRace and TestNonblockSelectRace2: {@code second} is filled (or
     * closed) before {@code first} can be emptied, so at every instant one of the two receive
     * clauses of the racing select is ready.
     */
    @ParameterizedTest(name = "{0}, second channel {1}")
    @MethodSource("threadKindsAndFeeds")
    void nonBlockingSelectWithAlwaysOneReadyClauseNeverTakesOrElse(ThreadKind kind, String feed) throws Exception {
        final AtomicInteger orElseTaken = new AtomicInteger();
        for (int i = 0; i < 1_000; i++) {
            final Channel<Integer> first = Channels.buffered(1);
            final Channel<Integer> second = Channels.buffered(1);
            assertTrue(first.trySend(1));
            try (Workers workers = new Workers(kind)) {
                workers.start("non-blocking select", () -> {
                    if (Select.select(first.onReceive(v -> "first"),
                            second.onReceiveOrClosed(v -> "second", c -> "closed"),
                            Select.orElse(() -> ELSE)).equals(ELSE)) {
                        orElseTaken.incrementAndGet();
                    }
                });
                if (feed.equals("sent")) {
                    assertTrue(second.trySend(1));
                } else {
                    second.close();
                }
                Select.select(first.onReceive(v -> "first"), Select.orElse(() -> ELSE));
                workers.joinAll(Duration.ofSeconds(20));
            }
        }
        assertEquals(0, orElseTaken.get(), "orElse taken while a clause was ready");
    }

    static Stream<Arguments> threadKindsAndFeeds() {
        return ThreadKind.each("sent", "closed");
    }

    private static Channel<String> channel(int capacity) {
        return switch (capacity) {
            case 0 -> Channels.unbuffered();
            case Integer.MAX_VALUE -> Channels.unbounded();
            default -> Channels.buffered(capacity);
        };
    }
}
