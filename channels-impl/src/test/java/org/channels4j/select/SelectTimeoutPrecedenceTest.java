package org.channels4j.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * An expired {@code onTimeout} is chosen only when no other clause is ready when the select
 * looks (the contract: "runs if nothing else became ready in time"), by {@code select} and by
 * {@code selectBiased} wherever it stands. Found in review: an expired timeout was one more
 * ready clause in the random draw, and with {@code Duration.ZERO} these selects timed out about
 * half the time (a third with two ready clauses); first in a biased select, every time. An
 * {@code after} channel, Go's {@code time.After}, is still drawn like any channel.
 */
class SelectTimeoutPrecedenceTest {
    private static final int ROUNDS = 2_000;

    /** Runs {@code body} on a thread of {@code kind}; fails with what it threw. */
    private static void on(ThreadKind kind, Forked.Action body) {
        Forked.run(kind, "timeout-precedence", body).join();
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void aReadyReceiveWinsOverAnExpiredTimeout(ThreadKind kind) throws Exception {
        on(kind, () -> {
            final Channel<String> ch = Channels.unbounded();
            for (int i = 0; i < ROUNDS; i++) {
                ch.trySend("v");
            }
            for (int i = 0; i < ROUNDS; i++) {
                final String random = Select.select(ch.onReceive(), Select.onTimeout(Duration.ZERO, () -> "timeout"));
                assertEquals("v", random, "round " + i);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void twoReadyClausesWinOverAnExpiredTimeoutAndShareTheDraw(ThreadKind kind) throws Exception {
        on(kind, () -> {
            final Channel<String> a = Channels.unbounded();
            final Channel<String> b = Channels.unbounded();
            for (int i = 0; i < ROUNDS; i++) {
                a.trySend("a");
                b.trySend("b");
            }
            int fromA = 0;
            for (int i = 0; i < ROUNDS; i++) {
                final String got = Select.select(Select.onTimeout(Duration.ZERO, () -> "timeout"), a.onReceive(), b.onReceive());
                assertTrue(got.equals("a") || got.equals("b"), "round " + i + ": " + got);
                fromA += got.equals("a") ? 1 : 0;
            }
            // uniform over the two channels: 1,000 expected, 6 standard deviations is about 134
            assertTrue(Math.abs(fromA - ROUNDS / 2) < 150, "a chosen " + fromA + " times of " + ROUNDS);
        });
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void aBiasedSelectTriesTheOtherClausesBeforeAnExpiredTimeoutListedFirst(ThreadKind kind) throws Exception {
        on(kind, () -> {
            final Channel<String> ch = Channels.buffered(1);
            ch.trySend("v");
            final String first = Select.selectBiased(Select.onTimeout(Duration.ZERO, () -> "timeout"), ch.onReceive());
            assertEquals("v", first);
            final String sent = Select.selectBiased(Select.onTimeout(Duration.ZERO, () -> "timeout"), ch.onSend("w", () -> "sent"));
            assertEquals("sent", sent);
            final String full = Select.selectBiased(Select.onTimeout(Duration.ZERO, () -> "timeout"), ch.onSend("x", () -> "sent"));
            assertEquals("timeout", full, "nothing else ready: the timeout, at once");
        });
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void withNothingElseReadyAZeroTimeoutRunsAtOnce(ThreadKind kind) throws Exception {
        on(kind, () -> {
            final Channel<String> idle = Channels.unbuffered();
            for (int i = 0; i < 100; i++) {
                final String got = Select.select(idle.onReceive(), Select.onTimeout(Duration.ZERO, () -> "timeout"));
                assertEquals("timeout", got);
            }
        });
    }

    /** Go's {@code case <-time.After(0)}: an after channel that has fired is drawn like any ready channel. */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void aFiredAfterChannelIsStillDrawnAmongTheReadyClauses(ThreadKind kind) throws Exception {
        on(kind, () -> {
            final Channel<String> ch = Channels.unbounded();
            for (int i = 0; i < ROUNDS; i++) {
                ch.trySend("v");
            }
            int after = 0;
            for (int i = 0; i < ROUNDS; i++) {
                final String got = Select.select(ch.onReceive(),
                        Channels.after(Duration.ZERO).onReceive(instant -> "after"));
                after += got.equals("after") ? 1 : 0;
            }
            assertTrue(after > ROUNDS / 4 && after < 3 * ROUNDS / 4, "the fired after channel won " + after + " of " + ROUNDS);
        });
    }
}
