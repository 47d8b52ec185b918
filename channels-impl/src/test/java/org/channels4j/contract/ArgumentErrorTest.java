package org.channels4j.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.channels4j.SelectClause;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Contract sections "Null elements" and bad arguments: null elements throw
 * {@link NullPointerException}; a capacity below 1 (or {@link Integer#MAX_VALUE}, which means
 * unbounded), negative durations and a select with no clauses throw
 * {@link IllegalArgumentException} whose message says what was wrong. A call rejected for its
 * arguments has no effect on the channel; on a full dropping channel that includes dropping
 * nothing, since the arguments are checked before the policy runs.
 */
@Timeout(60)
class ArgumentErrorTest {
    private static final Duration NEGATIVE = Duration.ofNanos(-1);

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void nullElementsAreRejectedBySendAndSendNothing(ChannelKind kind) {
        final Channel<String> channel = kind.create();

        assertThrows(NullPointerException.class, () -> channel.send(null));
        assertThrows(NullPointerException.class, () -> channel.trySend(null));
        assertThrows(NullPointerException.class, () -> channel.trySend(null, Duration.ofSeconds(1)));
        assertThrows(NullPointerException.class, () -> channel.trySend(null, Duration.ZERO));
        assertThrows(NullPointerException.class, () -> channel.onSend(null, () -> "sent"));

        assertEquals(0, channel.size());
        assertNull(channel.tryReceive());
    }

    /**
     * On a full dropping channel a send's arguments are checked before the policy runs: a null
     * element, or a null or negative timeout, is rejected without an element being dropped, and
     * the buffer is as it was.
     */
    @ParameterizedTest
    @MethodSource("org.channels4j.contract.ChannelKind#dropping")
    void rejectedSendsOnAFullDroppingChannelDropNothing(ChannelKind kind) throws InterruptedException {
        final List<String> dropped = new ArrayList<>(); // the handler runs on the sending thread: this one
        final Channel<String> channel = kind.create(dropped::add);
        final List<String> fill = kind.fill(channel);

        assertThrows(NullPointerException.class, () -> channel.send(null));
        assertThrows(NullPointerException.class, () -> channel.trySend(null));
        assertThrows(NullPointerException.class, () -> channel.trySend(null, Duration.ofSeconds(1)));
        assertThrows(NullPointerException.class, () -> channel.trySend(null, Duration.ZERO));
        assertThrows(NullPointerException.class, () -> channel.trySend("x", null));
        assertNamesANegativeDuration("timeout", () -> channel.trySend("x", NEGATIVE));

        assertEquals(List.of(), dropped, "a rejected send made the policy drop an element");
        assertEquals(fill, Traffic.closeAndDrain(channel), "a rejected send changed the buffer");
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void nullFunctionsAndDurationsAreRejected(ChannelKind kind) {
        final Channel<String> channel = kind.create();

        assertThrows(NullPointerException.class, () -> channel.onSend("x", null));
        assertThrows(NullPointerException.class, () -> channel.onReceive(null));
        assertThrows(NullPointerException.class, () -> channel.onReceiveOrClosed(null, c -> "closed"));
        assertThrows(NullPointerException.class, () -> channel.onReceiveOrClosed(v -> v, null));
        assertThrows(NullPointerException.class, () -> channel.trySend("x", null));
        assertThrows(NullPointerException.class, () -> channel.tryReceive(null));

        assertEquals(0, channel.size(), "the trySend with a null timeout must not have sent");
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void closeWithANullCauseIsRejectedAndLeavesTheChannelOpen(ChannelKind kind) {
        final Channel<String> channel = kind.create();

        assertThrows(NullPointerException.class, () -> channel.close(null));

        assertFalse(channel.isClosedForSend());
        assertTrue(channel.close(), "the rejected close must not count as the first close");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void bufferedRejectsACapacityBelowOne(int capacity) {
        final String message = messageOf(() -> Channels.buffered(capacity));

        assertTrue(message.contains("capacity"), message);
        assertTrue(message.contains(String.valueOf(capacity)), "should quote the bad value: " + message);
        assertTrue(message.contains("unbuffered"), "should point to Channels.unbuffered(): " + message);
    }

    @Test
    void bufferedRejectsIntegerMaxValueAndPointsToUnbounded() {
        final String message = messageOf(() -> Channels.buffered(Integer.MAX_VALUE));

        assertTrue(message.contains("unbounded"), message);
    }

    @ParameterizedTest
    @EnumSource(ChannelKind.class)
    void timedSendRejectsANegativeTimeoutAndSendsNothing(ChannelKind kind) throws InterruptedException {
        final Channel<String> channel = kind.create();

        assertNamesANegativeDuration("timeout", () -> channel.trySend("x", NEGATIVE));
        assertNamesANegativeDuration("timeout", () -> channel.trySend("x", Duration.ofDays(-1)));

        assertNull(channel.tryReceive());
    }

    @ParameterizedTest
    @EnumSource(value = ChannelKind.class, names = "UNBUFFERED", mode = EnumSource.Mode.EXCLUDE)
    void timedReceiveRejectsANegativeTimeoutAndTakesNothing(ChannelKind kind) {
        final Channel<String> channel = kind.create();
        assertTrue(channel.trySend("kept"));

        assertNamesANegativeDuration("timeout", () -> channel.tryReceive(NEGATIVE));

        assertEquals("kept", channel.tryReceive());
    }

    @Test
    void timedReceiveOnAnUnbufferedChannelRejectsANegativeTimeout() {
        assertNamesANegativeDuration("timeout", () -> Channels.unbuffered().tryReceive(NEGATIVE));
    }

    @Test
    void timersRejectNegativeDurations() {
        assertNamesANegativeDuration("delay", () -> Channels.after(NEGATIVE));
        assertNamesANegativeDuration("timeout", () -> Select.onTimeout(NEGATIVE, () -> "late"));
        assertThrows(NullPointerException.class, () -> Channels.after(null));
        assertThrows(NullPointerException.class, () -> Select.onTimeout(null, () -> "late"));
        assertThrows(NullPointerException.class, () -> Select.onTimeout(Duration.ZERO, null));
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void tickRejectsAPeriodThatIsNotPositive(long nanos) {
        final String message = messageOf(() -> Channels.tick(Duration.ofNanos(nanos)));

        assertTrue(message.contains("period"), message);
        assertTrue(message.contains("positive"), message);
    }

    @Test
    void tickRejectsANullPeriod() {
        assertThrows(NullPointerException.class, () -> Channels.tick(null));
    }

    @Test
    void selectRejectsAnEmptyListOfClauses() {
        for (Executable empty : List.<Executable>of(
                Select::select,
                Select::selectBiased,
                () -> Select.select(List.of()))) {
            final String message = messageOf(empty);
            assertTrue(message.contains("at least one clause"), message);
        }
    }

    @Test
    void selectRejectsNullClauses() {
        final SelectClause<String> ok = Select.orElse(() -> "default");

        assertThrows(NullPointerException.class, () -> Select.select(ok, null));
        assertThrows(NullPointerException.class, () -> Select.selectBiased(null, ok));
        assertThrows(NullPointerException.class, () -> Select.select(Arrays.asList(ok, null)));
        assertThrows(NullPointerException.class, () -> Select.select((SelectClause<String>[]) null));
        assertThrows(NullPointerException.class, () -> Select.select((List<SelectClause<String>>) null));
        assertThrows(NullPointerException.class, () -> Select.orElse(null));
    }

    @Test
    void selectRejectsTwoOrElseClausesWithoutRunningEither() {
        final Channel<String> channel = Channels.buffered(1);
        assertTrue(channel.trySend("kept"));

        final String message = messageOf(() -> Select.select(
                Select.orElse(() -> "first"), Select.orElse(() -> "second"), channel.onReceive()));

        assertTrue(message.contains("orElse"), message);
        assertEquals("kept", channel.tryReceive(), "a rejected select must not complete a clause");
    }

    @Test
    void selectRejectsClausesItDidNotCreate() {
        final SelectClause<String> foreign = new SelectClause<>() {
        };

        assertThrows(IllegalArgumentException.class, () -> Select.select(foreign));
    }

    /**
     * A node carries its clause's index in 16 bits, so a select takes at most 65,536 clauses, as
     * Go's {@code reflect.Select} does. One over is rejected before any clause runs; exactly
     * 65,536 block, register every node, and the last clause's index survives the round trip
     * through its node.
     */
    @Test
    void selectTakesAtMost65536ClausesAndSaysSo() throws Exception {
        final int limit = 65_536;
        final Channel<String> idle = Channels.unbuffered();
        final Channel<String> ready = Channels.buffered(1);
        assertTrue(ready.trySend("kept"));
        final List<SelectClause<String>> tooMany = new java.util.ArrayList<>();
        for (int i = 0; i < limit; i++) {
            tooMany.add(idle.onReceive(v -> "idle"));
        }
        tooMany.add(ready.onReceive(v -> "ready"));

        final String message = messageOf(() -> Select.select(tooMany));
        assertTrue(message.contains("65536") && message.contains("65537"), message);
        assertEquals("kept", ready.tryReceive(), "a rejected select must not complete a clause");

        final Channel<String> last = Channels.unbuffered();
        final List<SelectClause<String>> atLimit = new java.util.ArrayList<>(tooMany.subList(0, limit - 1));
        atLimit.add(last.onReceive(v -> "last:" + v));
        // the select blocks first, so that the element reaches it through its last node (a sender
        // already waiting would be found by the select's scan, and no node would carry the index)
        final Forked<String> selector = Forked.start(ThreadKind.PLATFORM, "select", () -> Select.select(atLimit))
                .awaitBlocked();
        last.send("x");
        assertEquals("last:x", selector.join());
    }

    private static void assertNamesANegativeDuration(String what, Executable call) {
        final String message = messageOf(call).toLowerCase(Locale.ROOT);
        assertTrue(message.contains(what), "should name the " + what + ": " + message);
        assertTrue(message.contains("negative"), "should say it is negative: " + message);
    }

    private static String messageOf(Executable call) {
        final String message = assertThrows(IllegalArgumentException.class, call).getMessage();
        assertTrue(message != null && !message.isBlank(), "IllegalArgumentException without a message");
        return message;
    }
}
