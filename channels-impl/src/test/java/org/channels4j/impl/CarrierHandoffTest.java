package org.channels4j.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link CarrierHandoff}: which wake-ups make the waker's next spin yield its carrier. The
 * figures that justify the yield are in {@code channels-jmh/results/carrier-handoff}; this
 * checks the rule: only a virtual thread that unparked a virtual thread, once per wake-up.
 */
@Timeout(30)
class CarrierHandoffTest {

    @Test
    void aVirtualThreadThatUnparkedAVirtualThreadYieldsOnceOnItsNextWait() throws Exception {
        final Thread other = Thread.ofVirtual().unstarted(() -> { });
        final boolean[] seen = onVirtualThread(() -> {
            CarrierHandoff.unparked(other);
            return new boolean[] {CarrierHandoff.yieldWhileSpinning(), CarrierHandoff.yieldWhileSpinning()};
        });
        assertTrue(seen[0], "the first wait after the wake-up must yield");
        assertFalse(seen[1], "the flag must be cleared by the wait that read it");
    }

    @Test
    void unparkingAPlatformThreadOrFromAPlatformThreadDoesNotYield() throws Exception {
        final Thread platform = Thread.ofPlatform().unstarted(() -> { });
        assertFalse(onVirtualThread(() -> {
            CarrierHandoff.unparked(platform);
            return CarrierHandoff.yieldWhileSpinning();
        }), "a platform thread is not queued on the waker's carrier");
        CarrierHandoff.unparked(Thread.ofVirtual().unstarted(() -> { }));
        assertFalse(CarrierHandoff.yieldWhileSpinning(), "a platform thread has no carrier to give up");
    }

    /** The flag is set by the completer that actually unparked a parked virtual owner, not by the owner. */
    @Test
    void aSendThatWakesAParkedVirtualReceiverSetsTheSendersFlag() throws Exception {
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
        final boolean senderYields = onVirtualThread(() -> {
            ch.send(42);
            return CarrierHandoff.yieldWhileSpinning();
        });
        receiver.join();
        assertEquals(42, got.get());
        assertTrue(senderYields, "the sender unparked the parked receiver, so its next wait must yield");
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
