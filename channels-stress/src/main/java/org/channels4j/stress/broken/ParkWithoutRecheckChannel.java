package org.channels4j.stress.broken;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A one-slot blocking channel built on the same register-then-park protocol as channels4j's
 * {@code Selection}, with the re-check between registering and parking left out. A receiver
 * that finds the slot empty, then registers after the sender has stored its element and
 * looked for waiters (finding none), parks with nobody left to wake it: the lost wake-up the
 * re-check exists to prevent.
 */
final class ParkWithoutRecheckChannel {
    private static final class Waiting {
        final Thread thread = Thread.currentThread();
        volatile boolean woken;
    }

    private final AtomicReference<Object> slot = new AtomicReference<>();
    private final ConcurrentLinkedQueue<Waiting> receivers = new ConcurrentLinkedQueue<>();

    boolean trySend(Object e) {
        if (!slot.compareAndSet(null, e)) {
            return false;
        }
        final Waiting w = receivers.poll();
        if (w != null) {
            w.woken = true;
            LockSupport.unpark(w.thread);
        }
        return true;
    }

    Object receive() {
        for (;;) {
            final Object e = slot.getAndSet(null);
            if (e != null) {
                return e;
            }
            final Waiting me = new Waiting();
            receivers.add(me);
            // FLAW: no re-check of the slot here; the correct protocol looks again after
            // registering and, if the element is there, withdraws and takes it.
            while (!me.woken) {
                LockSupport.park(this);
            }
        }
    }
}
