package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A receive channel whose re-check finds it ready while a completer holds the waiter
 * ({@link Waiter#HELD}), as {@code BufferChannel.serveReceiver} does between its hold and its
 * release: the operation can no longer cancel and waits in {@link Waiter#decidedOutcome}. The
 * stub plays the completer: it holds the node from inside the re-check and releases it
 * ({@link Waiter#WOKEN}, as a serve that lost the element does) from another thread once
 * {@link #release} is counted down, or after {@code holdMillis}, whichever comes first; the
 * operation then tries again and takes {@code "x"}.
 */
final class HeldDuringRecheckChannel extends StubReceiveChannel {
    /** Counted down to let the completer decide. */
    final CountDownLatch release = new CountDownLatch(1);
    private final long holdMillis;
    private volatile boolean released;

    HeldDuringRecheckChannel(long holdMillis) {
        this.holdMillis = holdMillis;
    }

    @Override
    Object receiveAttempt() {
        return released ? "x" : Clause.NOT_READY;
    }

    @Override
    boolean receiveReady(WaitNode own) {
        if (own == null) {
            return released;
        }
        final Waiter w = own.owner();
        final ThreadRecord owner = w.tryHold(); // a completer takes the decision...
        assertNotNull(owner, "the waiter was waiting");
        Thread.ofPlatform().start(() -> { // ...and decides later
            try {
                release.await(holdMillis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            released = true;
            w.release(owner, Waiter.WOKEN);
        });
        return true; // what it served is visible to the re-check
    }

    @Override
    void registerReceiver(WaitNode node) {
    }

    @Override
    public String toString() {
        return "stub";
    }
}
