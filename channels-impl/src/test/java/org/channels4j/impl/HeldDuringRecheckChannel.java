package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A receive channel whose re-check finds it ready while a completer holds the waiter
 * ({@link Waiter#HELD}), as {@code BufferChannel.serveReceiver} does between its hold and its
 * release: the operation can no longer cancel and waits in {@link Waiter#decidedOutcome}. The
 * stub plays the completer: it holds the node from inside the re-check and releases it
 * ({@link Waiter#WOKEN}, as a serve that lost the element does) from another thread once
 * {@link #release} is counted down, or after {@code holdMillis}, whichever comes first; the
 * operation then tries again and takes {@code "x"}.
 *
 * <p>{@link #HeldDuringRecheckChannel(long, Decision, boolean)} varies this for
 * {@code HeldWaitInterruptTest}: what the completer decides ({@link Decision}), and whether the
 * re-check that was held reports the channel ready (the operation goes straight to
 * {@code decidedOutcome}) or not (a completer that held the node and already took what was
 * there: the operation parks in {@link Waiter#await}, and only its timeout or interrupt, whose
 * cancel then fails, brings it to {@code decidedOutcome}). Like {@code BufferChannel}, the stub
 * holds only a waiter with one node ({@link WaitNode#isAlone}), and only once: a later
 * registration's re-check reports whether {@code "x"} is there.
 */
final class HeldDuringRecheckChannel extends StubReceiveChannel {
    /** What the completer decides once it is let go. */
    enum Decision {
        /** {@link Waiter#WOKEN}, and {@code "x"} is there for the operation's next attempt. */
        WOKEN,
        /** {@link Waiter#WOKEN}, and nothing is there: a thread that was not waiting took it. */
        WOKEN_TO_NOTHING,
        /** The element {@code "x"} itself: the completer's poll served the operation. */
        ELEMENT
    }

    /** Counted down to let the completer decide. */
    final CountDownLatch release = new CountDownLatch(1);
    private final long holdMillis;
    private final Decision decision;
    private final boolean readyWhenHeld;
    /** Whether {@code "x"} is there for an attempt to take. */
    private volatile boolean released;
    /** Set by the completer just before it decides: whatever sees the decision sees this. */
    private volatile boolean decided;
    private volatile boolean held;
    /** {@link System#nanoTime()} when the re-check held the waiter: after the operation fixed its deadline. */
    private volatile long heldAt;
    /** {@code "x"} handed out: by an attempt, or by the completer as its decision. */
    private final AtomicInteger taken = new AtomicInteger();

    HeldDuringRecheckChannel(long holdMillis) {
        this(holdMillis, Decision.WOKEN, true);
    }

    /**
     * @param readyWhenHeld what the re-check that was held returns: true, the operation cannot
     *        cancel and waits for the decision; false, it parks as if nothing had happened
     */
    HeldDuringRecheckChannel(long holdMillis, Decision decision, boolean readyWhenHeld) {
        this.holdMillis = holdMillis;
        this.decision = decision;
        this.readyWhenHeld = readyWhenHeld;
    }

    /** Whether the completer has decided (set before its release). */
    boolean decided() {
        return decided;
    }

    /** Whether the completer held a waiter. */
    boolean held() {
        return held;
    }

    /** {@link System#nanoTime()} when the waiter was held; only once {@link #held}. */
    long heldAt() {
        return heldAt;
    }

    /** How many times {@code "x"} was handed out, by attempts and by the completer together. */
    int taken() {
        return taken.get();
    }

    @Override
    Object receiveAttempt() {
        if (released) {
            released = false; // one "x" only; attempts come from the one operation's thread
            taken.incrementAndGet();
            return "x";
        }
        return Clause.NOT_READY;
    }

    @Override
    boolean receiveReady(WaitNode own) {
        if (own == null || held || !own.isAlone()) {
            return released;
        }
        heldAt = System.nanoTime();
        held = true;
        final Waiter w = own.owner();
        final ThreadRecord owner = w.tryHold(); // a completer takes the decision...
        assertNotNull(owner, "the waiter was waiting");
        Thread.ofPlatform().daemon(true).start(() -> { // ...and decides later
            try {
                release.await(holdMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            final Object outcome;
            switch (decision) {
                case ELEMENT -> {
                    taken.incrementAndGet();
                    outcome = "x";
                }
                case WOKEN -> {
                    released = true;
                    outcome = Waiter.WOKEN;
                }
                default -> outcome = Waiter.WOKEN;
            }
            decided = true;
            w.release(owner, outcome);
        });
        return readyWhenHeld; // true: what it served is visible to the re-check
    }

    @Override
    void registerReceiver(WaitNode node) {
    }

    @Override
    public String toString() {
        return "stub";
    }
}
