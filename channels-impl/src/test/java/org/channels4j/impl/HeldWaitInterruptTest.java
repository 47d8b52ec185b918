package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.channels4j.Select;
import org.channels4j.testing.Forked;
import org.channels4j.testing.ThreadKind;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An interrupt or a deadline that comes while a completer holds the operation
 * ({@link Waiter#HELD}, as {@code BufferChannel.serveReceiver} does between its hold and its
 * release), driven deterministically with {@link HeldDuringRecheckChannel}; the contract tests
 * ({@code InterruptTest}, {@code TimeoutTest}) reach this only by chance. What is promised:
 * <ul>
 *   <li>{@link Waiter}, "Protocol": a held owner "can no longer cancel"; "Progress": an owner
 *       that stops waiting (timeout, interrupt) while held "waits until that completer has
 *       made its one offer or poll and decided", "so a timed operation may return later than
 *       its timeout by that much". So the call ends only after the decision, whatever came.</li>
 *   <li>{@link Waiter#decidedOutcome}: an interrupted owner parks "with its interrupt status
 *       cleared for the wait and set again before it returns".</li>
 *   <li>{@code ReceiveChannel}, "Interrupts": "A receive that completed before it noticed the
 *       interrupt returns its element with the interrupt status still set"; one "that has to
 *       block and is interrupted throws InterruptedException and takes nothing";
 *       {@code Select}: "An interrupted select throws InterruptedException and completed none
 *       of its clauses". README, buffered serve: "served or not, never half (interrupts and
 *       timeouts included)": the element a holder served is returned, never dropped.</li>
 *   <li>{@link Selection}: a woken operation goes back to step 1, trying the channel; "Woken
 *       and interrupted, and what woke us is gone: the interrupt wins" (only then).</li>
 *   <li>{@link Waiter}: only "a waiter with one node" is ever held; {@code BufferChannel}: "A
 *       node of a select over several channels is only woken". A select over two channels
 *       therefore never waits behind a holder: its interrupt and timeout need no decision.</li>
 * </ul>
 * Two paths lead to the wait behind a holder, both run: the re-check finds the channel ready
 * while the operation is held ({@link Path#RECHECK}: the cancel fails at once), or the
 * operation was held as it registered, found nothing, parked, and its interrupt or deadline
 * then makes it cancel, which fails ({@link Path#PARKED}, {@code Selection.park}). The test
 * lets the completer decide only after it saw the interrupt consumed, or the deadline passed,
 * with the thread parked in {@code decidedOutcome}; nothing here waits with an upper bound
 * but {@link Forked#PATIENCE}.
 */
@Timeout(300)
class HeldWaitInterruptTest {
    /** The completer decides when the test lets it, or after this. */
    private static final long HOLD_MS = Forked.PATIENCE.toMillis();
    /** What the timed operations here return on timeout. */
    private static final String TIMED_OUT = "timed out";
    /** A timeout that does not pass during the interrupt tests. */
    private static final Duration LONG = Duration.ofMinutes(5);
    /** How long an operation is watched behind the holder before the holder may decide. */
    private static final Duration GRACE = Duration.ofMillis(100);

    /** How the stub's operation reaches the wait behind the holder. */
    enum Path {
        /** The re-check finds the channel ready while held: the cancel fails there. */
        RECHECK,
        /** Held as it registered, the operation parks; its interrupt or deadline cancel fails. */
        PARKED
    }

    /** One operation on the stub, with a one-channel select among them. */
    enum Operation {
        RECEIVE, TIMED_RECEIVE, SELECT, TIMED_SELECT;

        boolean timed() {
            return this == TIMED_RECEIVE || this == TIMED_SELECT;
        }

        Object run(HeldDuringRecheckChannel ch, Duration timeout) throws InterruptedException {
            return switch (this) {
                case RECEIVE -> ch.receive();
                case TIMED_RECEIVE -> {
                    final Object got = ch.tryReceive(timeout);
                    yield got == null ? TIMED_OUT : got;
                }
                case SELECT -> Select.select(ch.onReceive(v -> v));
                case TIMED_SELECT -> Select.select(ch.onReceive(v -> v), Select.onTimeout(timeout, () -> TIMED_OUT));
            };
        }
    }

    /** One run: the operation's thread and whether the completer had decided when the call ended. */
    private record Run(Forked<Object> forked, AtomicBoolean decidedAtEnd) {
        static Run start(ThreadKind kind, HeldDuringRecheckChannel ch, Operation op, Duration timeout) {
            final AtomicBoolean decidedAtEnd = new AtomicBoolean();
            final Forked<Object> forked = Forked.start(kind, "held-" + op, () -> {
                try {
                    return op.run(ch, timeout);
                } finally {
                    decidedAtEnd.set(ch.decided());
                }
            });
            return new Run(forked, decidedAtEnd);
        }

        Thread thread() {
            return forked.thread();
        }
    }

    static Stream<Arguments> everyOperation() {
        return combine(Operation.values());
    }

    static Stream<Arguments> timedOperations() {
        return combine(Operation.TIMED_RECEIVE, Operation.TIMED_SELECT);
    }

    private static Stream<Arguments> combine(Operation... ops) {
        return Stream.of(ThreadKind.values()).flatMap(kind -> Stream.of(Path.values())
                .flatMap(path -> Arrays.stream(ops).map(op -> Arguments.of(kind, path, op))));
    }

    /** The channel whose completer holds the operation and then decides {@code decision}. */
    private static HeldDuringRecheckChannel held(HeldDuringRecheckChannel.Decision decision, Path path) {
        return new HeldDuringRecheckChannel(HOLD_MS, decision, path == Path.RECHECK);
    }

    /**
     * The call returned {@code "x"}, handed out once, only after the holder decided, with the
     * interrupt status {@code interrupted} at its end.
     */
    private static void assertReturnsTheElementOnce(Run run, HeldDuringRecheckChannel ch, boolean interrupted,
                                                    String why) {
        assertEquals("x", run.forked().join(), why);
        assertEquals(interrupted, run.forked().interruptedAtEnd(), interrupted
                ? "a call that completed keeps the interrupt status set" : "nobody interrupted the call");
        assertEquals(1, ch.taken(), "the element was handed out once");
        assertTrue(run.decidedAtEnd().get(), "returned before the holder decided");
    }

    // ------------------------------------------------------------------------------------------
    // Interrupted while held

    /**
     * The holder serves the interrupted operation: the call returns the element, which was
     * taken once, with the interrupt status set ("completed before it noticed the interrupt").
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("everyOperation")
    void interruptedWhileHeldThenServedReturnsTheElementWithTheStatusSet(ThreadKind kind, Path path, Operation op) {
        final HeldDuringRecheckChannel ch = held(HeldDuringRecheckChannel.Decision.ELEMENT, path);
        final Run run = interruptWhileHeld(kind, ch, op);
        assertReturnsTheElementOnce(run, ch, true, "the element the holder served is the call's result, not lost to the interrupt");
    }

    /**
     * The holder tells the interrupted operation to try again and the element is there: the
     * call takes it (Selection: only when "what woke us is gone" does the interrupt win) and
     * keeps the status set.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("everyOperation")
    void interruptedWhileHeldThenWokenTakesWhatIsThereWithTheStatusSet(ThreadKind kind, Path path, Operation op) {
        final HeldDuringRecheckChannel ch = held(HeldDuringRecheckChannel.Decision.WOKEN, path);
        final Run run = interruptWhileHeld(kind, ch, op);
        assertReturnsTheElementOnce(run, ch, true, "woken to an element that is there, the call takes it");
    }

    /**
     * The holder tells the interrupted operation to try again and nothing is there: the call
     * throws {@link InterruptedException}, clears the status and took nothing.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("everyOperation")
    void interruptedWhileHeldThenWokenToNothingThrows(ThreadKind kind, Path path, Operation op) {
        final HeldDuringRecheckChannel ch = held(HeldDuringRecheckChannel.Decision.WOKEN_TO_NOTHING, path);
        final Run run = interruptWhileHeld(kind, ch, op);
        run.forked().joinFailure(InterruptedException.class);
        assertFalse(run.forked().interruptedAtEnd(), "a call that throws InterruptedException clears the status");
        assertEquals(0, ch.taken(), "an interrupted call takes nothing");
        assertTrue(run.decidedAtEnd().get(), "threw before the holder decided");
    }

    /**
     * Starts {@code op}, waits until the stub holds it and it is parked, interrupts it, waits
     * until it has consumed the interrupt and parked again behind the holder, checks it has not
     * ended, and only then lets the holder decide.
     */
    private static Run interruptWhileHeld(ThreadKind kind, HeldDuringRecheckChannel ch, Operation op) {
        final Run run = Run.start(kind, ch, op, LONG);
        try {
            run.forked().awaitBlocked();
            assertTrue(ch.held(), "the stub held the operation");
            run.forked().interrupt();
            // decidedOutcome clears the status before it parks again, and nothing else clears it
            awaitBehindHolder(run, () -> !run.thread().isInterrupted(), "was interrupted");
        } finally {
            ch.release.countDown();
        }
        return run;
    }

    // ------------------------------------------------------------------------------------------
    // Deadline passed while held

    /**
     * The deadline passes while the holder holds a timed operation: the call cannot give up,
     * and returns the element the holder served, once.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("timedOperations")
    void deadlinePassedWhileHeldThenServedReturnsTheElement(ThreadKind kind, Path path, Operation op) {
        final HeldDuringRecheckChannel ch = held(HeldDuringRecheckChannel.Decision.ELEMENT, path);
        final Run run = passDeadlineWhileHeld(kind, ch, op, path);
        assertReturnsTheElementOnce(run, ch, false, "the element the holder served is the call's result, not a timeout");
    }

    /**
     * The deadline passes while held; the holder tells the operation to try again and the
     * element is there: the woken call tries (step 1) before it looks at its deadline again.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("timedOperations")
    void deadlinePassedWhileHeldThenWokenTakesWhatIsThere(ThreadKind kind, Path path, Operation op) {
        final HeldDuringRecheckChannel ch = held(HeldDuringRecheckChannel.Decision.WOKEN, path);
        final Run run = passDeadlineWhileHeld(kind, ch, op, path);
        assertReturnsTheElementOnce(run, ch, false, "woken to an element that is there, the call takes it");
    }

    /**
     * The deadline passes while held; the holder tells the operation to try again and nothing
     * is there: the call times out, having taken nothing, and only after the decision.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("timedOperations")
    void deadlinePassedWhileHeldThenWokenToNothingTimesOut(ThreadKind kind, Path path, Operation op) {
        final HeldDuringRecheckChannel ch = held(HeldDuringRecheckChannel.Decision.WOKEN_TO_NOTHING, path);
        final Run run = passDeadlineWhileHeld(kind, ch, op, path);
        assertEquals(TIMED_OUT, run.forked().join());
        assertFalse(run.forked().interruptedAtEnd());
        assertEquals(0, ch.taken(), "a timed-out call takes nothing");
        assertTrue(run.decidedAtEnd().get(), "timed out before the holder decided: gave up while held");
    }

    /**
     * Starts the timed {@code op}, waits until the stub holds it and its deadline has passed,
     * checks it is still parked behind the holder, and only then lets the holder decide. The
     * operation must be held before its deadline is over at its loop's first look (else it
     * times out without registering, which says nothing here): under a heavy load that may
     * take longer than a short timeout, so the run is repeated with longer ones.
     */
    private static Run passDeadlineWhileHeld(ThreadKind kind, HeldDuringRecheckChannel ch, Operation op, Path path) {
        for (long timeoutMs : new long[] {100, 1_000, 5_000}) {
            final Run run = Run.start(kind, ch, op, Duration.ofMillis(timeoutMs));
            final long patience = System.nanoTime() + Forked.PATIENCE.toNanos();
            while (!ch.held() && !run.forked().isDone()) {
                assertTrue(System.nanoTime() - patience < 0, "neither held nor done within " + Forked.PATIENCE);
                LockSupport.parkNanos(100_000);
            }
            if (!ch.held()) { // timed out before it registered: nothing held, nothing taken; again
                assertEquals(TIMED_OUT, run.forked().join());
                assertEquals(0, ch.taken());
                continue;
            }
            try {
                if (path == Path.RECHECK) {
                    // the deadline was fixed before the re-check that held it: over after this
                    final long over = ch.heldAt() + timeoutMs * 1_000_000;
                    while (System.nanoTime() - over <= 0) {
                        LockSupport.parkNanos(Math.max(1, over - System.nanoTime()));
                    }
                } // PARKED: its await returns at the deadline only, and the failed cancel leads there
                awaitBehindHolder(run, () -> true, "passed its deadline");
            } finally {
                ch.release.countDown();
            }
            return run;
        }
        return fail("the operation timed out before it was held, even with a 5 s timeout");
    }

    // ------------------------------------------------------------------------------------------
    // A select over two channels

    enum Stop {
        INTERRUPT, TIMEOUT
    }

    /**
     * A select over two channels is never held (only a waiter with one node is), so an
     * interrupt or timeout ends it at once, with no holder to wait for: the stub, which holds
     * as {@code BufferChannel} does only nodes that are alone, never decides during the call.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(ThreadKind.class)
    void aSelectOverTwoChannelsIsNeverHeldSoItsInterruptNeedsNoHolder(ThreadKind kind) {
        final HeldDuringRecheckChannel ch = new HeldDuringRecheckChannel(HOLD_MS, HeldDuringRecheckChannel.Decision.ELEMENT,
                false);
        final AtomicBoolean decidedAtEnd = new AtomicBoolean();
        final Forked<Object> forked = Forked.start(kind, "held-select-2", () -> {
            try {
                return Select.select(ch.onReceive(v -> v), neverReady().onReceive(v -> v));
            } finally {
                decidedAtEnd.set(ch.decided());
            }
        });
        try {
            forked.awaitBlocked();
            assertFalse(ch.held(), "a node of a select over two channels was held; only a waiter with one node may be");
            forked.interrupt();
            forked.joinFailure(InterruptedException.class);
        } finally {
            ch.release.countDown();
        }
        assertFalse(forked.interruptedAtEnd(), "a call that throws InterruptedException clears the status");
        assertEquals(0, ch.taken(), "an interrupted select completed none of its clauses");
        assertFalse(decidedAtEnd.get(), "nothing held it, so nothing had to decide");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ThreadKind.class)
    void aSelectOverTwoChannelsIsNeverHeldSoItsTimeoutNeedsNoHolder(ThreadKind kind) {
        final HeldDuringRecheckChannel ch = new HeldDuringRecheckChannel(HOLD_MS, HeldDuringRecheckChannel.Decision.ELEMENT,
                false);
        final AtomicBoolean decidedAtEnd = new AtomicBoolean();
        final Forked<Object> forked = Forked.start(kind, "held-select-2", () -> {
            try {
                return Select.select(ch.onReceive(v -> v), neverReady().onReceive(v -> v),
                        Select.onTimeout(Duration.ofMillis(50), () -> TIMED_OUT));
            } finally {
                decidedAtEnd.set(ch.decided());
            }
        });
        try {
            final long deadline = System.nanoTime() + Forked.PATIENCE.toNanos();
            while (!forked.isDone() && !ch.held() && System.nanoTime() - deadline < 0) {
                LockSupport.parkNanos(100_000);
            }
            assertFalse(ch.held(), "a node of a select over two channels was held; only a waiter with one node may be");
            assertEquals(TIMED_OUT, forked.join());
        } finally {
            ch.release.countDown();
        }
        assertEquals(0, ch.taken(), "a select that timed out completed none of its channel clauses");
        assertFalse(decidedAtEnd.get(), "nothing held it, so nothing had to decide");
    }

    // ------------------------------------------------------------------------------------------

    /** A channel that never has an element. */
    private static StubReceiveChannel neverReady() {
        return new StubReceiveChannel() {
            @Override
            Object receiveAttempt() {
                return Clause.NOT_READY;
            }

            @Override
            boolean receiveReady(WaitNode own) {
                return false;
            }

            @Override
            void registerReceiver(WaitNode node) {
            }

            @Override
            public String toString() {
                return "never";
            }
        };
    }

    /**
     * Waits until the operation is parked in {@link Waiter#decidedOutcome} with
     * {@code condition} true, then watches it for {@link #GRACE} more, and fails if it ended
     * meanwhile: it may not end before the holder decides, which the caller lets happen only
     * after this. (The watch is a lower bound only: it lets a wrong give-up that polls, rather
     * than acts at once, show itself; a correct wait passes however long it is.)
     */
    private static void awaitBehindHolder(Run run, BooleanSupplier condition, String what) {
        final Thread t = run.thread();
        final long deadline = System.nanoTime() + Forked.PATIENCE.toNanos();
        while (!(condition.getAsBoolean() && parkedIn(t, "decidedOutcome"))) {
            failIfEnded(run, what);
            assertTrue(System.nanoTime() - deadline < 0, t.getName() + " did not park behind the holder within "
                    + Forked.PATIENCE + ": " + t.getState() + " " + Arrays.toString(t.getStackTrace()));
            LockSupport.parkNanos(100_000);
        }
        final long watched = System.nanoTime() + GRACE.toNanos();
        while (System.nanoTime() - watched < 0) {
            failIfEnded(run, what);
            LockSupport.parkNanos(1_000_000);
        }
        failIfEnded(run, what);
    }

    private static void failIfEnded(Run run, String what) {
        if (run.forked().isDone()) {
            final String ended = run.forked().joinEither() ? "returned " + run.forked().join()
                    : "threw " + run.forked().joinFailure(Throwable.class);
            fail(run.thread().getName() + " " + what + " while held and ended before the holder decided (" + ended
                    + ", interrupt status " + run.forked().interruptedAtEnd() + "); it must wait for the decision");
        }
    }

    private static boolean parkedIn(Thread t, String method) {
        if (!Forked.isParkedInChannel(t)) {
            return false;
        }
        final List<StackTraceElement> frames = Arrays.asList(t.getStackTrace());
        return frames.stream().anyMatch(f -> f.getClassName().equals(Waiter.class.getName())
                && f.getMethodName().equals(method));
    }
}
