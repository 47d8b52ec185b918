package org.channels4j.select;

import org.channels4j.testing.ThreadKind;
import org.channels4j.testing.Forked;
import org.channels4j.testing.Workers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.channels4j.Channel;
import org.channels4j.Channels;
import org.channels4j.Context;
import org.channels4j.ReceiveChannel;
import org.channels4j.Select;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contract, Timers: {@code after} delivers one value and then nothing, {@code tick} drops ticks
 * for slow receivers, {@code never} is never ready, {@code onTimeout} runs when nothing else
 * became ready in time, and none of them starts a thread.
 *
 * <p>Time is only ever checked from below ("not before the delay"); how late a timer fires
 * depends on the machine's load and is not asserted, beyond generous liveness bounds. The
 * instant an after channel delivers is checked from both sides: it is computed when the timer
 * is made, not when it fires.
 */
@Timeout(60)
class TimerChannelsTest {
    private static final Duration DELAY = Duration.ofMillis(50);

    @Test
    void afterDeliversOneInstantNoEarlierThanTheDelayThenNothing() throws InterruptedException {
        final long start = System.nanoTime();
        final ReceiveChannel<Instant> timer = Channels.after(DELAY);
        assertNull(timer.tryReceive(), "an after channel is empty until its delay has passed");
        final Instant fired = timer.tryReceive(Duration.ofSeconds(20));
        final long waited = System.nanoTime() - start;
        assertNotNull(fired, "the timer never fired");
        assertTrue(waited >= DELAY.toNanos(), "fired after " + waited + " ns, before the delay " + DELAY);
        assertNull(timer.tryReceive(Duration.ofMillis(100)), "an after channel delivers only once");
        assertNull(timer.tryReceive());
        assertFalse(timer.isClosedForReceive(), "an after channel is never closed");
    }

    /**
     * The instant an after channel delivers is the one it was due: its creation time plus the
     * delay, which lies between the clock read just before and just after the factory call,
     * each plus the delay. The receive here comes three delays late, so an instant taken when
     * the value is received (or one without the delay) falls outside that window.
     */
    @Test
    void afterDeliversTheInstantItWasDueNotTheInstantItWasReceived() throws InterruptedException {
        final Instant earliest = Instant.now().plus(DELAY);
        final ReceiveChannel<Instant> timer = Channels.after(DELAY);
        final Instant latest = Instant.now().plus(DELAY);
        Thread.sleep(DELAY.multipliedBy(4).toMillis());
        final Instant fired = timer.tryReceive();
        assertNotNull(fired, "the timer had not fired four delays after it was made");
        assertFalse(fired.isBefore(earliest), "delivered " + fired + ", before the earliest due time " + earliest);
        assertFalse(fired.isAfter(latest), "delivered " + fired + ", after the latest due time " + latest
                + ": the time it was received, not the time it was due");
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void afterDeliversItsOneInstantToOneOfManyReceivers(ThreadKind kind) throws Exception {
        final ReceiveChannel<Instant> timer = Channels.after(Duration.ofMillis(20));
        final Channel<Instant> got = Channels.unbounded();
        try (Workers workers = new Workers(kind)) {
            for (int i = 0; i < 4; i++) {
                workers.start("receiver " + i, () -> {
                    final Instant t = timer.tryReceive(Duration.ofMillis(300));
                    if (t != null) {
                        got.send(t);
                    }
                });
            }
            workers.joinAll(Duration.ofSeconds(20));
        }
        assertEquals(1, got.size(), "exactly one receiver must get the one instant");
    }

    /**
     * Two selects wait on one after channel and on an idle channel; one takes the after value.
     * The other waits on for the idle channel parked, as a Go select on a drained timer channel
     * blocks. Fails if the select goes round its loop with the deadline of the value already
     * taken: its park then returns at once, every round, and the thread never leaves RUNNABLE
     * (until 2026-12-06 the select computed its deadline once, before its loop).
     */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void aSelectWhoseAfterValueAnotherTookParksForItsOtherClause(ThreadKind kind) throws Exception {
        final Channel<String> idle = Channels.unbuffered();
        final ReceiveChannel<Instant> timer = Channels.after(Duration.ofSeconds(1));
        theLoserParks(kind, timer, () -> Select.select(timer.onReceive(t -> "timer"), idle.onReceive()),
                Thread.State.WAITING, loser -> idle.send("idle"), "idle");
    }

    /**
     * The same with a tick channel: the select that loses a tick parks until the next one (and
     * takes it), rather than going round at once until then.
     */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void aSelectWhoseTickAnotherTookParksUntilTheNext(ThreadKind kind) throws Exception {
        final Channel<String> idle = Channels.unbuffered();
        final ReceiveChannel<Instant> ticker = Channels.tick(Duration.ofSeconds(1));
        theLoserParks(kind, ticker, () -> Select.select(ticker.onReceive(t -> "timer"), idle.onReceive()),
                Thread.State.TIMED_WAITING, loser -> { }, "timer");
    }

    /** A plain receive that loses an after channel's value parks for good, as in Go, until interrupted. */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void aReceiveWhoseAfterValueAnotherTookParks(ThreadKind kind) throws Exception {
        final ReceiveChannel<Instant> timer = Channels.after(Duration.ofSeconds(1));
        theLoserParks(kind, timer, () -> {
            timer.receive();
            return "timer";
        }, Thread.State.WAITING, Thread::interrupt, "interrupted");
    }

    @FunctionalInterface
    private interface Wait {
        String run() throws InterruptedException;
    }

    @FunctionalInterface
    private interface Release {
        void run(Thread loser) throws InterruptedException;
    }

    /**
     * Two threads of {@code kind} run {@code wait} on {@code timer}, due in one second, which
     * returns "timer" with its value. Once one has it, the other must sample as {@code parked}
     * 20 times in a row, 5 ms apart; then {@code release} ends its wait, and it must return
     * {@code released} ("interrupted" if it threw InterruptedException). Both must be parked with
     * the timer's deadline before it is due: a wait that first looks after the value was taken
     * parks without one, and would pass whatever the loop does.
     */
    private static void theLoserParks(ThreadKind kind, ReceiveChannel<Instant> timer, Wait wait, Thread.State parked,
                                      Release release, String released) throws Exception {
        final long dueAt = System.nanoTime() + Duration.ofSeconds(1).toNanos() - Duration.ofMillis(5).toNanos();
        final List<AtomicReference<String>> results = List.of(new AtomicReference<>(), new AtomicReference<>());
        final List<Thread> threads = new ArrayList<>();
        for (AtomicReference<String> result : results) {
            threads.add(kind.start("waiter", () -> {
                try {
                    result.set(wait.run());
                } catch (InterruptedException e) {
                    result.set("interrupted");
                }
            }));
        }
        boolean bothWaitForTheTimer = false;
        while (!bothWaitForTheTimer && System.nanoTime() - dueAt < 0) {
            bothWaitForTheTimer = threads.get(0).getState() == Thread.State.TIMED_WAITING
                    && threads.get(1).getState() == Thread.State.TIMED_WAITING;
            Thread.sleep(1);
        }
        assertTrue(bothWaitForTheTimer && System.nanoTime() - dueAt < 0, "both parked before the timer was due");
        final long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int winner = -1;
        while (winner < 0 && System.nanoTime() - giveUp < 0) {
            for (int i = 0; i < 2; i++) {
                if ("timer".equals(results.get(i).get())) {
                    winner = i;
                }
            }
            Thread.sleep(1);
        }
        assertTrue(winner >= 0, "one took the timer's value: " + results);
        final Thread loser = threads.get(1 - winner);
        int parkedSamples = 0; // consecutive samples of the loser parked
        while (parkedSamples < 20 && results.get(1 - winner).get() == null && System.nanoTime() - giveUp < 0) {
            parkedSamples = loser.getState() == parked ? parkedSamples + 1 : 0;
            Thread.sleep(5);
        }
        final Thread.State seen = loser.getState();
        release.run(loser);
        loser.join(Duration.ofSeconds(10).toMillis());
        assertEquals(released, results.get(1 - winner).get(), "how the other wait ended");
        assertEquals(20, parkedSamples, "the other stayed " + parked + " (last seen " + seen + ")");
    }

    @Test
    void afterInASelectFiresOnceAndThenNeverWins() throws InterruptedException {
        final ReceiveChannel<Instant> timer = Channels.after(Duration.ofMillis(20));
        final Channel<String> idle = Channels.unbuffered();
        assertEquals("timer", Select.select(idle.onReceive(), timer.onReceive(t -> "timer")));
        assertEquals("timeout", Select.select(idle.onReceive(), timer.onReceive(t -> "timer again"),
                Select.onTimeout(Duration.ofMillis(100), () -> "timeout")));
    }

    @Test
    void tickDeliversTicksAtLeastAPeriodApart() throws InterruptedException {
        final Duration period = Duration.ofMillis(20);
        final long start = System.nanoTime();
        final ReceiveChannel<Instant> ticker = Channels.tick(period);
        Instant previous = null;
        for (int i = 0; i < 3; i++) {
            final Instant t = ticker.tryReceive(Duration.ofSeconds(20));
            assertNotNull(t, "tick " + i + " never came");
            if (previous != null) {
                assertFalse(t.isBefore(previous.plus(period)), "ticks " + previous + " and " + t + " too close");
            }
            previous = t;
        }
        assertTrue(System.nanoTime() - start >= 3 * period.toNanos(), "three ticks came before three periods");
    }

    /**
     * Go's ticker holds one tick: a receiver that sleeps through five periods finds one tick
     * waiting (at most two, if a tick falls due while it drains), not five.
     */
    @Test
    void tickDropsTicksForASlowReceiver() throws InterruptedException {
        final Duration period = Duration.ofMillis(100);
        final ReceiveChannel<Instant> ticker = Channels.tick(period);
        Thread.sleep(period.multipliedBy(5).toMillis());
        int available = 0;
        while (ticker.tryReceive() != null) {
            available++;
        }
        assertTrue(available >= 1, "no tick was waiting after five periods");
        assertTrue(available <= 2, available + " ticks were waiting: missed ticks must be dropped");
        assertNotNull(ticker.tryReceive(Duration.ofSeconds(20)), "ticks stopped after a slow receiver");
    }

    @Test
    void neverIsNeverReady() throws Exception {
        final ReceiveChannel<String> never = Channels.never();
        assertNull(never.tryReceive());
        assertNull(never.tryReceive(Duration.ofMillis(50)));
        assertEquals("else", Select.select(never.onReceive(), Select.orElse(() -> "else")));
        assertEquals("timeout", Select.select(never.onReceive(),
                Select.onTimeout(Duration.ofMillis(20), () -> "timeout")));
        assertFalse(never.isClosedForReceive());

        final AtomicReference<Object> outcome = new AtomicReference<>();
        try (Workers workers = new Workers(ThreadKind.VIRTUAL)) {
            final Forked<Void> receiver = workers.start("receiver", () -> {
                try {
                    outcome.set(never.receive());
                } catch (InterruptedException e) {
                    outcome.set(e);
                }
            });
            Thread.sleep(50);
            assertFalse(receiver.isDone(), "receive from never() returned");
            receiver.interrupt();
            workers.joinAll(Duration.ofSeconds(20));
        }
        assertInstanceOf(InterruptedException.class, outcome.get(), "only an interrupt ends receive from never()");
    }

    @Test
    void onTimeoutRunsWhenNothingIsReadyInTime() throws InterruptedException {
        final Channel<String> empty = Channels.buffered(1);
        final Channel<String> unbuffered = Channels.unbuffered();
        final long start = System.nanoTime();
        final String r = Select.select(empty.onReceive(), unbuffered.onSend("x", () -> "sent"),
                Select.onTimeout(DELAY, () -> "timeout"));
        final long waited = System.nanoTime() - start;
        assertEquals("timeout", r);
        assertTrue(waited >= DELAY.toNanos(), "timed out after " + waited + " ns, before " + DELAY);
        assertNull(unbuffered.tryReceive(), "a timed-out select must leave no send behind");
    }

    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void onTimeoutLosesToAClauseThatBecomesReadyInTime(ThreadKind kind) throws Exception {
        final Channel<String> ch = Channels.unbuffered();
        try (Workers workers = new Workers(kind)) {
            workers.start("late sender", () -> {
                Thread.sleep(20);
                ch.send("late");
            });
            assertEquals("late", Select.select(ch.onReceive(),
                    Select.onTimeout(Duration.ofSeconds(30), () -> "timeout")));
            workers.joinAll(Duration.ofSeconds(20));
        }
    }

    @Test
    void onTimeoutClauseIsReusableAndMeasuresFromEachSelect() throws InterruptedException {
        final var timeout = Select.onTimeout(Duration.ofMillis(30), () -> "timeout");
        final Channel<String> empty = Channels.buffered(1);
        for (int i = 0; i < 3; i++) {
            final long start = System.nanoTime();
            assertEquals("timeout", Select.select(empty.onReceive(), timeout));
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(30).toNanos(),
                    "select " + i + " timed out early: the clause measured from an earlier select");
        }
    }

    /**
     * Ten thousand timers, some of them waited on and some selected on, the timed operations
     * on buffered, unbuffered and unbounded channels, and a context's deadline: no thread may be
     * started meanwhile.
     *
     * <p>Two witnesses. Thread ids come from one JVM-wide counter that every new
     * {@link Thread} object, platform or virtual, draws from, so the ids of two probe threads
     * made before and after bound how many threads were created in between, even ones that
     * already ended; the JIT may create a compiler thread meanwhile, hence a small slack, far
     * below the hundreds a thread per timer would take. And no platform thread may be alive
     * after that was not before, which catches a single shared timer thread.
     */
    @Test
    void timersStartNoThread() throws InterruptedException {
        final Set<Thread> liveBefore = Thread.getAllStackTraces().keySet();
        final long idBefore = Thread.ofPlatform().unstarted(() -> { }).threadId();

        final List<ReceiveChannel<Instant>> timers = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            timers.add(Channels.after(Duration.ofMillis(1 + i % 10)));
        }
        final Channel<String> idle = Channels.buffered(1);
        for (int i = 0; i < 100; i++) {
            Select.select(timers.get(i).onReceive(), idle.onReceive());
        }
        Select.select(idle.onReceive(), Select.onTimeout(Duration.ofMillis(5), () -> "timeout"));
        idle.tryReceive(Duration.ofMillis(5));
        assertTrue(idle.trySend("x", Duration.ofMillis(5)));
        assertFalse(idle.trySend("y", Duration.ofMillis(5)), "the buffer was full");
        final Channel<String> rendezvous = Channels.unbuffered(); // the other kinds' timed waits
        assertNull(rendezvous.tryReceive(Duration.ofMillis(5)), "nobody sent");
        assertFalse(rendezvous.trySend("z", Duration.ofMillis(5)), "nobody received");
        assertNull(Channels.<String>unbounded().tryReceive(Duration.ofMillis(5)), "nobody sent");
        final Context deadline = Context.background().withTimeout(Duration.ofMillis(5));
        final String ended = Select.select(deadline.done().onReceiveOrClosed(v -> "value", cause -> "done"));
        assertEquals("done", ended, "a context's deadline closes its done channel");
        final ReceiveChannel<Instant> ticker = Channels.tick(Duration.ofMillis(2));
        for (int i = 0; i < 5; i++) {
            ticker.receive();
        }

        final long created = Thread.ofPlatform().unstarted(() -> { }).threadId() - idBefore - 1;
        assertTrue(created <= 3, created + " threads were created while the timers ran");
        final Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
        started.removeAll(liveBefore);
        assertEquals(Set.of(), started, "threads alive now that were not before the timers ran");
    }
}
