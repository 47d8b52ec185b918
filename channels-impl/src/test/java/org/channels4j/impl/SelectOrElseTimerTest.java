package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.channels4j.ReceiveChannel;
import org.channels4j.Select;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A select with {@code orElse} and a time-based clause: {@code orElse} runs only if at one
 * instant no clause was ready ({@code Selection.tryNowOrElse}). The scan looks at one clause at
 * a time; an after clause can fall due after its look, while a clause looked at later was ready
 * until another thread emptied it just before its look: then at every instant one of the two
 * was ready, and {@code orElse} must not run. The versions alone do not show it, as the after
 * clause became ready with time.
 *
 * <p>Each case builds such a scan deterministically with hook clauses, whose first look (in a
 * biased select's order) waits until a timer is due and then empties another clause, as
 * another thread would. With the fix the select goes round again and takes the after value.
 * Planted (2026-12-06): without the look at the time-based clauses after the scan, the last
 * three cases fail (in the first the hook takes the tick during the scan, which moves the
 * tick's version); without the timers' versions (after and tick at 0, as before), the last
 * two; without both, all four.
 */
@Timeout(30)
class SelectOrElseTimerTest {
    private static final Duration DELAY = Duration.ofMillis(300);

    /**
     * A clause never ready whose first look runs {@code hook}, standing for another thread's
     * step: the first attempt (the scan's look), or, for a clause made time-based, the first
     * readiness check (the look at the time-based clauses after the scan).
     */
    private static final class HookChannel extends AbstractReceiveChannel<Object> {
        private final Runnable hook;
        private final boolean timed;
        private boolean ran;

        HookChannel(Runnable hook) {
            this(hook, false);
        }

        HookChannel(Runnable hook, boolean timed) {
            super(false);
            this.hook = hook;
            this.timed = timed;
        }

        private void once() {
            if (!ran) {
                ran = true;
                hook.run();
            }
        }

        @Override
        Object receiveAttempt() {
            if (!timed) {
                once();
            }
            return Clause.NOT_READY;
        }

        @Override
        boolean receiveReady(WaitNode own) {
            if (timed) {
                once();
            }
            return false;
        }

        @Override
        boolean receiveTimed() {
            return timed;
        }

        @Override
        long receiveDeadline() {
            return System.nanoTime() + TimeUnit.DAYS.toNanos(1);
        }

        @Override
        void registerReceiver(WaitNode node) {
        }

        @Override
        Throwable closeCause() {
            return null;
        }

        @Override
        public boolean cancel() {
            return false;
        }

        @Override
        public boolean isClosedForReceive() {
            return false;
        }
    }

    private static void sleepUntil(long nanoTime) {
        while (System.nanoTime() - nanoTime < 0) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** The later clause is a tick whose due tick another thread takes (the tick's version moves). */
    @Test
    void anAfterFallingDueWhileATickIsTakenIsNotMissed() throws Exception {
        final ReceiveChannel<Instant> tick = new TickChannel(TimeUnit.MILLISECONDS.toNanos(100));
        Thread.sleep(150); // a tick is due, and stays due until taken
        final ReceiveChannel<Instant> after = new AfterChannel(DELAY.toNanos());
        final long afterDue = System.nanoTime() + DELAY.toNanos() + TimeUnit.MILLISECONDS.toNanos(1);
        final HookChannel hook = new HookChannel(() -> {
            sleepUntil(afterDue);
            assertNotNull(tick.tryReceive(), "the tick was due");
        });
        final String chose = Select.selectBiased(after.onReceive(t -> "after"), hook.onReceive(x -> "hook"),
                tick.onReceive(t -> "tick"), Select.orElse(() -> "orElse"));
        assertEquals("after", chose, "from the after's due time on it was ready, and until then the tick was");
    }

    /**
     * The later clause is an unbuffered channel whose waiting sender another receiver takes:
     * the channel's version does not move (nothing registered), so only looking at the after
     * clause again shows that it fell due.
     */
    @Test
    void anAfterFallingDueWhileAWaitingSenderIsTakenIsNotMissed() throws Exception {
        final UnbufferedChannel<String> channel = new UnbufferedChannel<>();
        final CompletableFuture<Void> sender = parkASender(channel);
        final ReceiveChannel<Instant> after = new AfterChannel(DELAY.toNanos());
        final long afterDue = System.nanoTime() + DELAY.toNanos() + TimeUnit.MILLISECONDS.toNanos(1);
        final HookChannel hook = new HookChannel(() -> {
            sleepUntil(afterDue);
            assertEquals("x", channel.tryReceive(), "the sender was waiting");
        });
        final String chose = Select.selectBiased(after.onReceive(t -> "after"), hook.onReceive(x -> "hook"),
                channel.onReceive(v -> "channel"), Select.orElse(() -> "orElse"));
        assertEquals("after", chose, "from the after's due time on it was ready, and until then the sender waited");
        sender.get(10, TimeUnit.SECONDS);
        assertTrue(sender.isDone());
    }

    /**
     * Why a taken timer value must move the timer's version: three clauses that between them
     * are ready at every instant, an unbuffered channel with a waiting sender until another
     * receiver takes it, a tick from its due time until it is taken, an after from its due time
     * on; each found not ready when looked at, in the scan or after it. The tick is taken
     * between the look after the scan at the after clause (not due yet) and the look at the
     * tick. Only the tick's version shows that: the after clause fell due after its look, and
     * the channel's version does not move when its sender is taken.
     */
    @Test
    void aTickTakenAfterTheTimeBasedLooksBeganMovesTheVersion() throws Exception {
        final long d = DELAY.toNanos();
        final ReceiveChannel<Instant> tick = new TickChannel(d);
        final long tickDue = System.nanoTime() + d + TimeUnit.MILLISECONDS.toNanos(1);
        final ReceiveChannel<Instant> after = new AfterChannel(d + d / 2);
        final long afterDue = System.nanoTime() + d + d / 2 + TimeUnit.MILLISECONDS.toNanos(1);
        assertEquals("after", twoTimers(tick, tickDue, after, afterDue),
                "the sender, then the tick, then the after clause were ready");
    }

    /**
     * The same with the two timers swapped: the after value is taken between the look after
     * the scan at the tick (not due yet) and the look at the after clause; only the after
     * channel's version shows it.
     */
    @Test
    void anAfterTakenAfterTheTimeBasedLooksBeganMovesTheVersion() throws Exception {
        final long d = DELAY.toNanos();
        final ReceiveChannel<Instant> after = new AfterChannel(d);
        final long afterDue = System.nanoTime() + d + TimeUnit.MILLISECONDS.toNanos(1);
        final ReceiveChannel<Instant> tick = new TickChannel(d + d / 2);
        final long tickDue = System.nanoTime() + d + d / 2 + TimeUnit.MILLISECONDS.toNanos(1);
        assertEquals("tick", twoTimers(after, afterDue, tick, tickDue),
                "the sender, then the after value, then the tick were ready");
    }

    /**
     * A biased select over {@code late}, a time-based hook that waits until {@code late} is due
     * and takes {@code early}'s value, {@code early}, a hook that waits until {@code early} is
     * due and takes the waiting sender, the sender's channel, and {@code orElse}; returns what
     * it chose: "tick", "after", or "orElse" if it missed that some clause was always ready.
     */
    private static String twoTimers(ReceiveChannel<Instant> early, long earlyDue, ReceiveChannel<Instant> late, long lateDue)
            throws Exception {
        final UnbufferedChannel<String> channel = new UnbufferedChannel<>();
        final CompletableFuture<Void> sender = parkASender(channel);
        final HookChannel takeTheEarly = new HookChannel(() -> {
            sleepUntil(lateDue);
            assertNotNull(early.tryReceive(), "the early timer was due");
        }, true);
        final HookChannel takeTheSender = new HookChannel(() -> {
            sleepUntil(earlyDue);
            assertEquals("x", channel.tryReceive(), "the sender was waiting");
        });
        final String chose = Select.selectBiased(late.onReceive(t -> name(late)), takeTheEarly.onReceive(x -> "hook"),
                early.onReceive(t -> name(early)), takeTheSender.onReceive(x -> "hook"), channel.onReceive(v -> "channel"),
                Select.orElse(() -> "orElse"));
        sender.get(10, TimeUnit.SECONDS);
        return chose;
    }

    private static String name(ReceiveChannel<Instant> timer) {
        return timer instanceof TickChannel ? "tick" : "after";
    }

    /** Starts a sender of "x" on {@code channel} and returns once it has registered. */
    private static CompletableFuture<Void> parkASender(UnbufferedChannel<String> channel) throws InterruptedException {
        final CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            try {
                channel.send("x");
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }, r -> Thread.ofPlatform().daemon(true).start(r));
        while (!channel.receiveReady(null)) { // until the sender has registered
            Thread.sleep(1);
        }
        return sender;
    }
}
