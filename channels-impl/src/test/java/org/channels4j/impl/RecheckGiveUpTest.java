package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.channels4j.Select;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link UnbufferedChannel}'s re-check that meets a partner still re-checking, whose thread has
 * the smaller id, waits for that partner to settle; the wait ends early when the waiting
 * operation's own deadline passes or its thread is interrupted ({@link ThreadRecord#waitOver()}),
 * and {@link Selection} records each wait's deadline before its re-check
 * ({@link ThreadRecord#waitEnds}).
 *
 * <p>The re-check is driven by hand, as in {@link UnbufferedMatchOrderTest}: an operation
 * that arrives while a partner is registered takes it in its first attempt, so a re-check
 * meets a partner only when the partner registered between the operation's attempt and its
 * re-check, a window no test can hold open from outside. So each case registers a partner that
 * never settles, as one whose thread was descheduled in its re-check would not (a node owned by
 * a thread that has finished and was made before the re-checking thread, so its id is the
 * smaller), registers the operation's own node on a new thread, records the wait's deadline
 * there as {@code Selection} does, and re-checks. Without the early end, the re-check waits
 * for as long as the partner stays unsettled, here forever, and the case fails on its bound
 * (it then settles the partner, which ends the wait). With it, the re-check finds nobody to
 * act on, and neither node has been completed.
 */
@Timeout(60)
class RecheckGiveUpTest {
    /** How long a re-check that should give up may take: far more than it needs. */
    private static final long BOUND_SECONDS = 10;
    private static final long DEADLINE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    static Object[][] kindsAndDirections() {
        return ThreadKind.each(true, false).map(Arguments::get).toArray(Object[][]::new);
    }

    /** A partner that registered on {@code channel} and never settles; its thread has finished. */
    private static Waiter stuckPartner(UnbufferedChannel<Integer> channel, boolean sending) throws InterruptedException {
        final AtomicReference<ThreadRecord> made = new AtomicReference<>();
        final Thread t = Thread.ofPlatform().daemon(true).start(() -> made.set(ThreadRecord.current()));
        t.join();
        final Waiter w = new Waiter(made.get(), sending, sending ? 7 : null);
        register(channel, w);
        return w;
    }

    private static void register(UnbufferedChannel<Integer> channel, Waiter w) {
        if (w.sending()) {
            channel.registerSender(w);
        } else {
            channel.registerReceiver(w);
        }
    }

    /**
     * On a new thread of {@code kind} (so of a larger id than the partner's): registers a node
     * of the other direction than {@code partner}'s, records the wait's end ({@code timed},
     * {@code DEADLINE_NANOS} from now), interrupts itself if {@code interrupted}, and re-checks.
     * Completes with the re-check's answer and the node.
     */
    private static CompletableFuture<Waiter> reCheck(ThreadKind kind, UnbufferedChannel<Integer> channel, Waiter partner,
                                                     boolean timed, boolean interrupted, AtomicReference<Boolean> ready) {
        return reCheck(kind, channel, partner, timed, interrupted, ready, new CountDownLatch(1));
    }

    /** As above; {@code started} counts down just before the re-check. */
    private static CompletableFuture<Waiter> reCheck(ThreadKind kind, UnbufferedChannel<Integer> channel, Waiter partner,
                                                     boolean timed, boolean interrupted, AtomicReference<Boolean> ready,
                                                     CountDownLatch started) {
        final CompletableFuture<Waiter> f = new CompletableFuture<>();
        kind.start("re-check", () -> {
            try {
                final ThreadRecord me = ThreadRecord.current();
                final Waiter own = new Waiter(me, !partner.sending(), partner.sending() ? null : 1);
                register(channel, own);
                me.waitEnds(timed, System.nanoTime() + (timed ? DEADLINE_NANOS : 0));
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                started.countDown();
                ready.set(own.sending() ? channel.sendReady(own) : channel.receiveReady(own));
                Thread.interrupted();
                f.complete(own);
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /** Waits for {@code f} within the bound; if it does not end, settles the partner so the re-check can end, and fails. */
    private static Waiter within(CompletableFuture<Waiter> f, Waiter partner, String what) throws Exception {
        try {
            return f.get(BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            partner.settle(); // the waiting re-check now acts on it, and its thread ends
            throw new AssertionError(what + " did not end within " + BOUND_SECONDS
                    + " s: it waited for a partner that never settles", e);
        }
    }

    /** A re-check whose deadline passes while it waits for an unsettled partner finds nobody, and completes nothing. */
    @ParameterizedTest(name = "{0}, partner sends: {1}")
    @MethodSource("kindsAndDirections")
    void aReCheckGivesUpWhenItsDeadlinePasses(ThreadKind kind, boolean partnerSends) throws Exception {
        final UnbufferedChannel<Integer> channel = new UnbufferedChannel<>();
        final Waiter partner = stuckPartner(channel, partnerSends);
        final AtomicReference<Boolean> ready = new AtomicReference<>();
        final long start = System.nanoTime();
        final Waiter own = within(reCheck(kind, channel, partner, true, false, ready), partner, "a re-check with a 50 ms deadline");
        assertFalse(ready.get(), "nobody to act on: it will settle, and its park will end at once");
        assertTrue(System.nanoTime() - start >= DEADLINE_NANOS, "not before its deadline");
        assertTrue(partner.isWaiting() && own.isWaiting(), "neither was completed");
    }

    /** A re-check of an untimed wait, interrupted, gives up waiting for an unsettled partner, and completes nothing. */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void aReCheckGivesUpWhenInterrupted(ThreadKind kind) throws Exception {
        final UnbufferedChannel<Integer> channel = new UnbufferedChannel<>();
        final Waiter partner = stuckPartner(channel, true);
        final AtomicReference<Boolean> ready = new AtomicReference<>();
        final Waiter own = within(reCheck(kind, channel, partner, false, true, ready), partner, "an interrupted re-check");
        assertFalse(ready.get(), "nobody to act on");
        assertTrue(partner.isWaiting() && own.isWaiting(), "neither was completed");
    }

    /**
     * The control: a re-check whose wait has not ended waits for the unsettled partner, and
     * acts on it once it settles. Shows that the cases above meet the partner and wait for it,
     * rather than pass it by.
     */
    @ParameterizedTest
    @EnumSource(ThreadKind.class)
    void aReCheckWaitsForAnUnsettledPartnerOfSmallerIdUntilItSettles(ThreadKind kind) throws Exception {
        final UnbufferedChannel<Integer> channel = new UnbufferedChannel<>();
        final Waiter partner = stuckPartner(channel, true);
        final AtomicReference<Boolean> ready = new AtomicReference<>();
        final CountDownLatch started = new CountDownLatch(1);
        final CompletableFuture<Waiter> f = reCheck(kind, channel, partner, false, false, ready, started);
        assertTrue(started.await(BOUND_SECONDS, TimeUnit.SECONDS), "the re-check started");
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(DEADLINE_NANOS));
        assertFalse(f.isDone(), "waits while the partner is re-checking");
        partner.settle();
        final Waiter own = within(f, partner, "a re-check whose partner settled");
        assertTrue(ready.get(), "acts on the partner once it settled");
        assertTrue(own.isWaiting(), "its own node was not completed");
    }

    /**
     * What a plain timed operation, a select with a timeout clause and an untimed one record as
     * their wait's end. The timeouts are long enough (300 ms) that the operation reaches its
     * re-check before its deadline: one whose deadline passes first returns without one.
     */
    @Test
    void selectionRecordsEachWaitsDeadlineBeforeItsReCheck() throws Exception {
        final UnbufferedChannel<Integer> channel = new UnbufferedChannel<>();
        final ThreadRecord me = ThreadRecord.current();
        me.waitEnds(false, 0);
        assertNull(channel.tryReceive(Duration.ofMillis(300)), "timed out");
        assertTrue(me.waitOver(), "a timed receive recorded its deadline, now passed");

        me.waitEnds(false, 0);
        assertFalse(channel.trySend(1, Duration.ofMillis(300)), "timed out");
        assertTrue(me.waitOver(), "a timed send recorded its deadline, now passed");

        me.waitEnds(false, 0);
        final String chose = Select.select(channel.onReceive(v -> "received"), Select.onTimeout(Duration.ofMillis(300), () -> "timeout"));
        assertSame("timeout", chose);
        assertTrue(me.waitOver(), "a select recorded its timeout clause's deadline, now passed");

        me.waitEnds(true, System.nanoTime() - 1);
        final CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
            try {
                while (!channel.sendReady(null)) { // until the receive below has registered
                    Thread.onSpinWait();
                }
                channel.send(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }, r -> Thread.ofPlatform().daemon(true).start(r));
        assertEquals(5, channel.receive());
        sender.get(BOUND_SECONDS, TimeUnit.SECONDS);
        assertFalse(me.waitOver(), "an untimed receive that waited recorded no deadline");
    }
}
