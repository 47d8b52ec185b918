package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link CarrierHandoff}: which wake-ups make the waker's next wait count as "behind a queued
 * partner". The figures that justify the rule are in {@code channels-jmh/results/queued-partner};
 * this checks the rule: only a virtual thread that unparked a virtual owner, only while that
 * owner has not run again, once per wake-up.
 */
@Timeout(30)
class CarrierHandoffTest {

    @Test
    void aVirtualThreadThatUnparkedAVirtualOwnerSeesItQueuedOnceOnItsNextWait() throws Exception {
        final Waiter woken = new Waiter(Thread.ofVirtual().unstarted(() -> { }), 0, null);
        final boolean[] seen = onVirtualThread(() -> {
            CarrierHandoff.unparked(woken);
            return new boolean[] {CarrierHandoff.partnerStillQueued(), CarrierHandoff.partnerStillQueued()};
        });
        assertTrue(seen[0], "the first wait after the wake-up must see the partner queued");
        assertFalse(seen[1], "the partner must be forgotten by the wait that read it");
    }

    @Test
    void aPartnerThatHasRunAgainIsNotQueued() throws Exception {
        final Waiter woken = new Waiter(Thread.ofVirtual().unstarted(() -> { }), 0, null);
        assertFalse(onVirtualThread(() -> {
            CarrierHandoff.unparked(woken);
            woken.svParked();
            woken.soResumed();
            return CarrierHandoff.partnerStillQueued();
        }), "a woken owner that set RESUMED runs already: no reason to give up the spin");
    }

    @Test
    void unparkingAPlatformThreadOrFromAPlatformThreadRecordsNothing() throws Exception {
        final Waiter platform = new Waiter(Thread.ofPlatform().unstarted(() -> { }), 0, null);
        assertNull(onVirtualThread(() -> {
            CarrierHandoff.unparked(platform);
            return CarrierHandoff.takeWoken();
        }), "a platform thread is not queued on the waker's carrier");
        CarrierHandoff.unparked(new Waiter(Thread.ofVirtual().unstarted(() -> { }), 0, null));
        assertNull(CarrierHandoff.takeWoken(), "a platform thread has no carrier to give up");
    }

    /**
     * The partner is recorded by the completer that actually unparked a parked virtual owner, and
     * the owner marks itself resumed once it runs.
     */
    @Test
    void aSendThatWakesAParkedVirtualReceiverRecordsItAndTheReceiverMarksItselfResumed() throws Exception {
        final UnbufferedChannel<Integer> ch = new UnbufferedChannel<>();
        final AtomicReference<Integer> got = new AtomicReference<>();
        final Thread receiver = Thread.ofVirtual().start(() -> {
            try {
                got.set(ch.receive());
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        while (receiver.getState() != Thread.State.WAITING) {
            Thread.sleep(1);
        }
        final AtomicReference<Waiter> recorded = new AtomicReference<>();
        onVirtualThread(() -> {
            ch.send(42);
            recorded.set(CarrierHandoff.takeWoken());
            return null;
        });
        receiver.join();
        assertEquals(42, got.get());
        final Waiter node = recorded.get();
        assertSame(receiver, node == null ? null : node.thread, "the sender unparked the parked receiver, so it must record its node");
        assertTrue(node.isResumed(), "the receiver ran again after its park, so its node must say so");
    }

    private static <T> T onVirtualThread(Callable<T> body) throws Exception {
        final AtomicReference<T> result = new AtomicReference<>();
        final AtomicReference<Exception> failure = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.set(body.call());
            } catch (Exception e) {
                failure.set(e);
            }
        }).join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }
}
