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
        final ThreadRecord woken = new ThreadRecord(Thread.ofVirtual().unstarted(() -> { }));
        final boolean[] seen = onVirtualThread(() -> {
            CarrierHandoff.unparked(woken, woken.resumeParity());
            final ThreadRecord self = ThreadRecord.current();
            return new boolean[] {ownPartnerQueued(self), ownPartnerQueued(self)};
        });
        assertTrue(seen[0], "the first wait after the wake-up must see the partner queued");
        assertFalse(seen[1], "the partner must be forgotten by the wait that read it");
    }

    @Test
    void aPartnerThatHasRunAgainIsNotQueued() throws Exception {
        final ThreadRecord woken = new ThreadRecord(Thread.ofVirtual().unstarted(() -> { }));
        assertFalse(onVirtualThread(() -> {
            CarrierHandoff.unparked(woken, woken.resumeParity());
            woken.resumed();
            return ownPartnerQueued(ThreadRecord.current());
        }), "a woken owner that counted a resume runs already: no reason to give up the spin");
    }

    @Test
    void unparkingAPlatformThreadOrFromAPlatformThreadRecordsNothing() throws Exception {
        final ThreadRecord platform = new ThreadRecord(Thread.ofPlatform().unstarted(() -> { }));
        assertNull(onVirtualThread(() -> {
            CarrierHandoff.unparked(platform, false);
            return ThreadRecord.current().peekWoken();
        }), "a platform thread is not queued on the waker's carrier");
        CarrierHandoff.unparked(new ThreadRecord(Thread.ofVirtual().unstarted(() -> { })), false);
        assertNull(ThreadRecord.current().peekWoken(), "a platform thread has no carrier to give up");
    }

    /**
     * The partner is recorded by the completer that actually unparked a parked virtual owner,
     * and once the owner has run again the completer's next wait no longer sees it queued.
     */
    @Test
    void aSendThatWakesAParkedVirtualReceiverRecordsItUntilTheReceiverRuns() throws Exception {
        final UnbufferedChannel<Integer> ch = new UnbufferedChannel<>();
        final AtomicReference<Integer> got = new AtomicReference<>();
        final AtomicReference<ThreadRecord> receiverRecord = new AtomicReference<>();
        final Thread receiver = Thread.ofVirtual().start(() -> {
            try {
                receiverRecord.set(ThreadRecord.current());
                got.set(ch.receive());
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        while (receiver.getState() != Thread.State.WAITING) {
            Thread.sleep(1);
        }
        final AtomicReference<ResumeCount> recorded = new AtomicReference<>();
        final boolean queuedAfterItRan = onVirtualThread(() -> {
            ch.send(42);
            recorded.set(ThreadRecord.current().peekWoken());
            receiver.join();
            return ownPartnerQueued(ThreadRecord.current());
        });
        assertEquals(42, got.get());
        assertSame(receiverRecord.get().resumes, recorded.get(),
                "the sender unparked the parked receiver, so it must remember its resume count");
        assertFalse(queuedAfterItRan, "the receiver ran again after its park, so its resume count must say so");
    }

    /** Whether a wait of {@code self} on a fresh channel counts as behind its own queued partner. */
    private static boolean ownPartnerQueued(ThreadRecord self) {
        return new SpinBudget().kind(self, false) == SpinBudget.OWN_PARTNER;
    }

    private static <T> T onVirtualThread(Callable<T> body) throws Exception {
        final AtomicReference<T> result = new AtomicReference<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread.ofVirtual().start(() -> {
            try {
                result.set(body.call());
            } catch (Throwable t) { // an Error too: a null result must not pass for "records nothing"
                failure.set(t);
            }
        }).join();
        final Throwable t = failure.get();
        if (t instanceof Exception e) {
            throw e;
        }
        if (t != null) {
            throw (Error) t;
        }
        return result.get();
    }
}
