package org.channels4j.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Operations entered with the interrupt status already set, as {@code Select}'s, {@code
 * SendChannel}'s and {@code ReceiveChannel}'s Javadoc say: one that can complete without
 * blocking does so and keeps the status; one that has to block throws
 * {@link InterruptedException} at once, its status cleared, and has no effect. Found untested
 * in review for selects and the timed operations. Both thread kinds.
 */
class SelectInterruptedOnEntryTest {

    /** Runs {@code body} on a thread of {@code kind} whose interrupt status is set first. */
    private static void onInterrupted(ThreadKind kind, Forked.Action body) {
        Forked.run(kind, "interrupted-on-entry", () -> {
            Thread.currentThread().interrupt();
            body.run();
        }).join();
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void aSelectWithAReadyClauseCompletesItAndKeepsTheStatus(ThreadKind kind) throws Exception {
        onInterrupted(kind, () -> {
            final Channel<String> ready = Channels.buffered(1);
            final Channel<String> idle = Channels.unbuffered();
            ready.trySend("v");
            final String got = Select.select(ready.onReceive(), idle.onReceive());
            assertEquals("v", got);
            assertTrue(Thread.currentThread().isInterrupted(), "the status was cleared");
            final String biased = Select.selectBiased(idle.onReceive(), ready.onSend("w", () -> "sent"));
            assertEquals("sent", biased);
            assertTrue(Thread.interrupted(), "the status was cleared");
        });
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void aSelectThatMustBlockThrowsAtOnceAndHasNoEffect(ThreadKind kind) throws Exception {
        onInterrupted(kind, () -> {
            final Channel<String> idle = Channels.unbuffered();
            final Channel<String> full = Channels.buffered(1);
            full.trySend("x");
            assertThrows(InterruptedException.class, () -> Select.select(idle.onReceive(), full.onSend("y", () -> "sent"),
                    Select.onTimeout(Duration.ofMinutes(1), () -> "timeout")));
            assertFalse(Thread.currentThread().isInterrupted(), "InterruptedException thrown with the status still set");
            assertEquals("x", full.tryReceive(), "the select's send took effect");
            assertNull(full.tryReceive());
        });
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void timedOperationsThatMustWaitThrowAtOnce(ThreadKind kind) throws Exception {
        onInterrupted(kind, () -> {
            final Channel<String> ch = Channels.buffered(1);
            assertThrows(InterruptedException.class, () -> ch.tryReceive(Duration.ofMinutes(1)));
            assertFalse(Thread.interrupted());
            ch.trySend("x");
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, () -> ch.trySend("y", Duration.ofMinutes(1)));
            assertFalse(Thread.interrupted());
            assertEquals("x", ch.tryReceive(), "the interrupted send took effect");
            assertNull(ch.tryReceive());
        });
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void timedOperationsThatNeedNotWaitComplete(ThreadKind kind) throws Exception {
        onInterrupted(kind, () -> {
            final Channel<String> ch = Channels.buffered(1);
            assertTrue(ch.trySend("x", Duration.ofMinutes(1)));
            assertEquals("x", ch.tryReceive(Duration.ofMinutes(1)));
            assertTrue(Thread.interrupted(), "the status was cleared");
        });
    }
}
