package org.channels4j.select;

import org.channels4j.testing.ThreadKind;
import org.channels4j.testing.Forked;
import org.channels4j.testing.Workers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Select;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Contract, Select: "a select that is interrupted throws {@code InterruptedException} and
 * completed none of its clauses"; Interrupts: "if the operation completed first, it returns
 * normally with the interrupt status still set".
 */
@Timeout(120)
class SelectInterruptTest {
    private static final String OFFERED = "offered";

    /**
     * The select parks with a send clause that offers an element and a receive clause that
     * waits for one: on unbuffered channels with no partner, or on a full and an empty buffered
     * channel.
     */
    @ParameterizedTest(name = "{0}, capacity {1}")
    @MethodSource("threadKindsAndCapacities")
    void interruptedSelectThrowsAndCompletesNoClause(ThreadKind kind, int capacity) throws Exception {
        final Channel<String> out = capacity == 0 ? Channels.unbuffered() : Channels.buffered(capacity);
        final Channel<String> in = capacity == 0 ? Channels.unbuffered() : Channels.buffered(capacity);
        if (capacity > 0) {
            assertTrue(out.trySend("filler"));
        }
        final AtomicReference<Object> outcome = new AtomicReference<>();
        try (Workers workers = new Workers(kind)) {
            workers.startParked("selector", () -> outcome.set(selectOrThrown(out, in))).interrupt();
            workers.joinAll(Duration.ofSeconds(20));
        }
        assertInstanceOf(InterruptedException.class, outcome.get());
        if (capacity > 0) {
            assertEquals("filler", out.tryReceive());
        }
        assertNull(out.tryReceive(), "the interrupted select's element must never be sent");
        if (capacity == 0) {
            assertFalse(in.trySend("late"), "the interrupted select's receive clause must not be left waiting");
        } else {
            assertTrue(in.trySend("late"));
            assertEquals("late", in.tryReceive(), "the interrupted select must not take later elements");
        }
    }

    /**
     * The same with {@code selectBiased}, over an unbounded channel's receive clause and every
     * kind of timer clause ({@code after}, {@code tick}, {@code onTimeout}), so the select parks
     * against a deadline: interrupted, it throws and completes none of them.
     */
    @ParameterizedTest(name = "{0} thread")
    @EnumSource(ThreadKind.class)
    void interruptedBiasedSelectOverTimersAndAnUnboundedChannelCompletesNoClause(ThreadKind kind) {
        final Channel<String> out = Channels.unbuffered();
        final Channel<String> in = Channels.unbounded();
        final AtomicReference<Object> outcome = new AtomicReference<>();
        try (Workers workers = new Workers(kind)) {
            workers.startParked("selector", () -> {
                try {
                    outcome.set(Select.selectBiased(out.onSend(OFFERED, () -> "sent"), in.onReceive(),
                            Channels.after(Duration.ofHours(1)).onReceive(t -> "after"),
                            Channels.tick(Duration.ofHours(1)).onReceive(t -> "tick"),
                            Select.onTimeout(Duration.ofHours(1), () -> "timeout")));
                } catch (InterruptedException e) {
                    outcome.set(e);
                }
            }).interrupt();
            workers.joinAll(Duration.ofSeconds(20));
        }
        assertInstanceOf(InterruptedException.class, outcome.get());
        assertNull(out.tryReceive(), "the interrupted select's element must never be sent");
        assertTrue(in.trySend("late"));
        assertEquals("late", in.tryReceive(), "the interrupted select must not take later elements");
    }

    static Stream<Arguments> threadKindsAndCapacities() {
        return ThreadKind.each(0, 1);
    }

    /**
     * An interrupt races a partner that would complete the parked select. Exactly one wins: either
     * the select completed (its partner saw the handoff, and the interrupt status is still set)
     * or it threw (and the partner found nobody). The partner waits at a start line and then a
     * random few microseconds, so that its completion lands before, inside and after the
     * select's wake-up from the interrupt.
     */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void interruptRacingACompletionEitherCompletesTheSelectOrLeavesNoTrace(ThreadKind kind) throws Exception {
        final int rounds = 500;
        int completed = 0;
        int interrupted = 0;
        for (int i = 0; i < rounds; i++) {
            final Channel<String> out = Channels.unbuffered();
            final Channel<String> in = Channels.unbuffered();
            final boolean partnerReceives = i % 2 == 0;
            final int partnerDelay = ThreadLocalRandom.current().nextInt(20_000);
            final AtomicReference<Object> outcome = new AtomicReference<>();
            final boolean[] statusAfterReturn = new boolean[1];
            final Object[] partnerSaw = new Object[1];
            final AtomicBoolean go = new AtomicBoolean();
            final AtomicBoolean interruptSent = new AtomicBoolean();
            try (Workers workers = new Workers(kind)) {
                workers.start("partner", () -> {
                    while (!go.get()) { // yields if virtual: the selector may be queued behind it
                        Forked.pause();
                    }
                    for (int spin = 0; spin < partnerDelay; spin++) {
                        Thread.onSpinWait();
                    }
                    partnerSaw[0] = partnerReceives ? out.tryReceive() : in.trySend("w");
                });
                final Forked<Void> selector = workers.start("selector", () -> {
                    outcome.set(selectOrThrown(out, in));
                    while (!interruptSent.get()) { // the select may return before the interrupt is sent
                        Forked.pause();
                    }
                    statusAfterReturn[0] = Thread.currentThread().isInterrupted();
                });
                selector.awaitBlocked();
                go.set(true);
                selector.interrupt();
                interruptSent.set(true);
                workers.joinAll(Duration.ofSeconds(20));
            }
            final Object o = outcome.get();
            if (o instanceof InterruptedException) {
                interrupted++;
                assertFalse(statusAfterReturn[0], "InterruptedException must clear the interrupt status");
                assertEquals(partnerReceives ? null : Boolean.FALSE, partnerSaw[0],
                        "the select threw, yet its partner completed a handoff with it");
            } else {
                completed++;
                assertTrue(statusAfterReturn[0], "a select that completed must leave the interrupt status set");
                if (partnerReceives) {
                    assertEquals("sent", o);
                    assertEquals(OFFERED, partnerSaw[0]);
                } else {
                    assertEquals("w", o);
                    assertEquals(Boolean.TRUE, partnerSaw[0]);
                }
            }
        }
        assertTrue(completed > 0 && interrupted > 0, "the race was one-sided, so it tested nothing: "
                + completed + " selects completed, " + interrupted + " interrupted");
    }

    /** Runs the select; returns its result, or the InterruptedException it threw. */
    private static Object selectOrThrown(Channel<String> out, Channel<String> in) {
        try {
            return Select.select(out.onSend(OFFERED, () -> "sent"), in.onReceive());
        } catch (InterruptedException e) {
            return e;
        } catch (RuntimeException e) {
            fail("unexpected exception from the select", e);
            return null;
        }
    }
}
